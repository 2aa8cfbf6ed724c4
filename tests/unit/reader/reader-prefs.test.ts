import { describe, expect, test } from 'vitest';
import { FONT_SIZE_KEY, fontSizeBootScript, localDay, parseFontSize } from '../../../src/lib/reader-prefs.ts';

describe('the reader’s font size', () => {
  test('reads only the three known sizes, defaulting to medium', () => {
    expect(parseFontSize('large')).toBe('large');
    expect(parseFontSize('huge')).toBe('medium');
    expect(parseFontSize(null)).toBe('medium');
  });

  test('boot script sets the attribute for a stored size and survives disabled storage', () => {
    const run = (storage: { getItem(key: string): string | null }) => {
      const attributes: Record<string, string> = {};
      const document = { documentElement: { setAttribute: (name: string, value: string) => { attributes[name] = value; } } };
      new Function('localStorage', 'document', fontSizeBootScript())(storage, document);
      return attributes;
    };
    expect(run({ getItem: (key) => (key === FONT_SIZE_KEY ? 'large' : null) })).toEqual({ 'data-font-size': 'large' });
    expect(run({ getItem: () => 'medium' })).toEqual({});
    expect(run({ getItem: () => { throw new Error('denied'); } })).toEqual({});
  });

  test('writes the reader’s local day for the 引用日期', () => {
    expect(localDay(new Date(2030, 4, 1, 12))).toBe('2030-05-01');
  });
});
