/**
 * Dates as Chinese news sites print them (`2017-10-17 09:41`, `2017年10月17日 09:41`):
 * local wall-clock times with no UTC offset. The frontmatter refuses a time without an
 * offset, so the importer adds the offset the site's time zone had at that moment and
 * says it did (the caller writes a review note).
 */
import { parsePublishedDate, zonedParts } from '../dates.ts';

/** The `T` of an ISO time without an offset (JSON-LD `2019-09-05T11:10:52`) separates like a space. */
const LOCAL_DATE =
  /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?/;

const pad2 = (n: number | string) => String(n).padStart(2, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** UTC offset, in minutes, that `timeZone` has at a wall-clock time there. */
export function offsetAtLocalTime(
  fields: { year: number; month: number; day: number; hour: number; minute: number; second?: number },
  timeZone: string,
): number {
  const asUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second ?? 0);
  // Two passes settle the offset next to a DST change, as zonedMidnight does.
  const first = zonedParts(asUtc, timeZone).offsetMinutes;
  return zonedParts(asUtc - first * 60_000, timeZone).offsetMinutes;
}

export type LocalDateResult =
  | { ok: true; date: string; offsetAssumed: boolean }
  | { ok: false; message: string };

/**
 * Finds the first date in `text` and returns it as a frontmatter date: with the site's
 * offset when it has a time (`2017-10-17T09:41+08:00`, `offsetAssumed: true`), or the day
 * alone. Checked with the same parser as the schema, so `2017-02-30` is refused.
 */
export function localDateToFrontmatter(text: string, timeZone: string): LocalDateResult {
  const match = LOCAL_DATE.exec(text);
  if (!match) return { ok: false, message: `no date such as 2017-10-17 09:41 in "${text.trim()}"` };
  const [, y, mo, d, h, mi, s] = match;
  const day = `${y}-${pad2(mo ?? '')}-${pad2(d ?? '')}`;
  let date = day;
  if (h !== undefined && mi !== undefined) {
    const offset = offsetAtLocalTime(
      { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s ?? 0) },
      timeZone,
    );
    date = `${day}T${pad2(h)}:${mi}${s === undefined ? '' : `:${s}`}${formatOffset(offset)}`;
  }
  const checked = parsePublishedDate(date, timeZone);
  if (!checked.ok) return { ok: false, message: checked.message };
  return { ok: true, date, offsetAssumed: date !== day };
}
