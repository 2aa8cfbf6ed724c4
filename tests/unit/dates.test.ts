import { describe, expect, it } from 'vitest';
import { displayDate, machineDate, nowAsFrontmatterDate, parsePublishedDate, type PublishedDate } from '../../src/lib/dates.ts';

const zone = 'Asia/Shanghai';

function parsed(text: string): PublishedDate {
  const result = parsePublishedDate(text, zone);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function refused(text: string): string {
  const result = parsePublishedDate(text, zone);
  if (result.ok) throw new Error(`${text} was accepted as ${result.value.iso}`);
  return result.message;
}

describe('parsePublishedDate', () => {
  it('reads a time with its offset as that exact moment', () => {
    const date = parsed('2017-10-17T09:41+08:00');
    expect(date).toEqual({ iso: '2017-10-17T09:41:00+08:00', epochMs: Date.UTC(2017, 9, 17, 1, 41), hasTime: true });
  });

  it('accepts a space instead of T, seconds, and Z', () => {
    expect(parsed('2017-10-17 09:41:30 +08:00').epochMs).toBe(Date.UTC(2017, 9, 17, 1, 41, 30));
    expect(parsed('2017-10-17T01:41:00Z').epochMs).toBe(Date.UTC(2017, 9, 17, 1, 41));
  });

  it('reads a date alone as midnight of that day in the site time zone, without a time', () => {
    const date = parsed('2017-10-17');
    expect(date.hasTime).toBe(false);
    expect(date.epochMs).toBe(Date.UTC(2017, 9, 16, 16));
  });

  it('refuses a time without an offset and says how to write it', () => {
    expect(refused('2017-10-17T09:41')).toMatch(/no UTC offset.*2017-10-17T09:41\+08:00/);
  });

  it('refuses days that do not exist, which YAML would roll into the next month', () => {
    expect(refused('2017-02-30')).toMatch(/not a real day/);
    expect(refused('2024-02-30T10:00+08:00')).toMatch(/not a real day/);
    expect(parsed('2024-02-29').iso).toBe('2024-02-29');
    expect(refused('2023-02-29')).toMatch(/not a real day/);
  });

  it('refuses impossible times and offsets, and text that is not a date', () => {
    expect(refused('2017-10-17T24:10+08:00')).toMatch(/not a real time/);
    expect(refused('2017-10-17T10:10+15:00')).toMatch(/offset/);
    expect(refused('2017年10月17日')).toMatch(/not a date/);
  });
});

describe('display in the site time zone', () => {
  it('shows the time the way Chinese readers expect, whatever the offset written', () => {
    expect(displayDate(parsed('2017-10-17T09:41+08:00'), zone)).toBe('2017年10月17日 09:41');
    expect(displayDate(parsed('2017-10-17T01:41Z'), zone)).toBe('2017年10月17日 09:41');
    expect(displayDate(parsed('2017-10-16T20:41-05:00'), zone)).toBe('2017年10月17日 09:41');
  });

  it('shows a date alone without a time', () => {
    expect(displayDate(parsed('2017-10-17'), zone)).toBe('2017年10月17日');
    expect(machineDate(parsed('2017-10-17'), zone)).toBe('2017-10-17');
  });

  it('gives the machine-readable moment with the site offset', () => {
    expect(machineDate(parsed('2017-10-17T01:41Z'), zone)).toBe('2017-10-17T09:41:00+08:00');
  });

  it('writes now with the site offset', () => {
    expect(nowAsFrontmatterDate(zone, Date.UTC(2026, 10, 28, 3, 5))).toBe('2026-11-28T11:05+08:00');
    expect(nowAsFrontmatterDate('America/New_York', Date.UTC(2026, 6, 1, 12, 0))).toBe('2026-07-01T08:00-04:00');
  });
});
