import { describe, expect, test } from 'vitest';
import { isEarlierYear, todayIn } from '../../../src/lib/on-this-day.ts';

describe('历史上的今天', () => {
  test("takes the reader's day in the site time zone", () => {
    // 20:00 UTC on 16 October is already 17 October in Beijing.
    expect(todayIn('Asia/Shanghai', new Date(Date.UTC(2024, 9, 16, 20)))).toEqual({ year: 2024, monthDay: '10-17' });
  });

  test('keeps only earlier years', () => {
    expect(isEarlierYear('2017-10-17T09:41:00+08:00', 2024)).toBe(true);
    expect(isEarlierYear('2024-10-17', 2024)).toBe(false);
  });
});
