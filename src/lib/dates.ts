/**
 * Publication dates as editors write them and as readers see them.
 *
 * Frontmatter is parsed with YAML 1.2's core schema, so dates reach us as the strings
 * the editor typed: js-yaml would silently turn `09:41` without an offset into UTC and
 * `2017-02-30` into March 2nd (issue 2). Everything here is computed from the string
 * and an explicit IANA time zone, never from the build machine's `TZ`.
 */

/** A validated publication date. */
export interface PublishedDate {
  /** Canonical ISO 8601 form: `2017-10-17T09:41:00+08:00`, or `2017-10-17` for a date alone. */
  iso: string;
  /** Milliseconds since the epoch; for a date alone, midnight of that day in the site's time zone. */
  epochMs: number;
  /** False when the article carries a date without a time: then no time is ever shown. */
  hasTime: boolean;
}

export type DateParseResult = { ok: true; value: PublishedDate } | { ok: false; message: string };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/**
 * Parses a frontmatter date. Accepts `2017-10-17`, `2017-10-17T09:41+08:00`,
 * `2017-10-17 09:41:00 +08:00` and `…Z`; refuses a time without an offset and a day
 * that does not exist, with a message that says what to write instead.
 */
export function parsePublishedDate(text: string, timeZone: string): DateParseResult {
  const input = text.trim();
  const dateOnly = DATE_ONLY.exec(input);
  if (dateOnly) {
    const [year, month, day] = dateOnly.slice(1).map(Number) as [number, number, number];
    if (!isRealDay(year, month, day)) {
      return { ok: false, message: `${input} is not a real day (${year}-${pad2(month)} has no day ${day}); check the date in the source` };
    }
    return {
      ok: true,
      value: { iso: input, epochMs: zonedMidnight(year, month, day, timeZone), hasTime: false },
    };
  }
  const full = DATE_TIME.exec(input);
  if (!full) {
    return {
      ok: false,
      message: `"${input}" is not a date; write YYYY-MM-DD, or YYYY-MM-DDTHH:MM+08:00 with the time and its UTC offset`,
    };
  }
  const [, y, mo, d, h, mi, s, zone] = full;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s ?? '0');
  if (!isRealDay(year, month, day)) {
    return { ok: false, message: `${y}-${mo}-${d} is not a real day (${y}-${mo} has no day ${day}); check the date in the source` };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `${h}:${mi}${s ? `:${s}` : ''} is not a real time of day` };
  }
  if (zone === undefined) {
    return {
      ok: false,
      message: `"${input}" has a time but no UTC offset, so the moment is ambiguous; write it as ${y}-${mo}-${d}T${h}:${mi}${s ? `:${s}` : ''}+08:00 (the offset where it was published), or drop the time`,
    };
  }
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    const oh = Number(digits.slice(1, 3)), om = Number(digits.slice(3, 5));
    if (oh > 14 || om > 59) return { ok: false, message: `UTC offset ${zone} does not exist` };
    offsetMinutes = sign * (oh * 60 + om);
  }
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${pad2(second)}${formatOffset(offsetMinutes)}`;
  return { ok: true, value: { iso, epochMs, hasTime: true } };
}

/** Calendar fields of an instant as seen in a time zone. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Offset of the zone at that instant, in minutes east of UTC. */
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Parts are remembered per zone and instant: every route's getStaticPaths groups all
 * articles by day, so a rebuild asked Intl for the same few thousand instants again and
 * again (0.9 s of a 5,000-article rebuild where nothing changed). One entry per distinct
 * publication time, so the memory is that of the articles' dates.
 */
const knownParts = new Map<string, Map<number, Readonly<ZonedParts>>>();

export function zonedParts(epochMs: number, timeZone: string): Readonly<ZonedParts> {
  let inZone = knownParts.get(timeZone);
  if (!inZone) knownParts.set(timeZone, (inZone = new Map()));
  const known = inZone.get(epochMs);
  if (known) return known;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const parts = {
    year: fields['year'] ?? 0, month: fields['month'] ?? 0, day: fields['day'] ?? 0,
    hour: fields['hour'] ?? 0, minute: fields['minute'] ?? 0, second: fields['second'] ?? 0,
  };
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offsetMinutes = Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
  const computed = Object.freeze({ ...parts, offsetMinutes });
  inZone.set(epochMs, computed);
  return computed;
}

/** Midnight at the start of a calendar day in a time zone, as epoch milliseconds. */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day);
  // Two passes settle the offset even when the day starts next to a DST change.
  let epoch = guess - zonedParts(guess, timeZone).offsetMinutes * 60_000;
  epoch = guess - zonedParts(epoch, timeZone).offsetMinutes * 60_000;
  return epoch;
}

/** The `datetime` attribute for `<time>`: the moment in the site's zone with its offset, or the day alone. */
export function machineDate(date: PublishedDate, timeZone: string): string {
  if (!date.hasTime) return date.iso;
  const p = zonedParts(date.epochMs, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}${formatOffset(p.offsetMinutes)}`;
}

/** The date as Chinese readers expect it: `2017年10月17日 09:41`, or `2017年10月17日` without a time. */
export function displayDate(date: PublishedDate, timeZone: string): string {
  const p = zonedParts(date.epochMs, timeZone);
  const day = `${p.year}年${p.month}月${p.day}日`;
  return date.hasTime ? `${day} ${pad2(p.hour)}:${pad2(p.minute)}` : day;
}

/** Year and month in the site's zone, for archive grouping and folder layout. */
export function yearMonth(date: PublishedDate, timeZone: string): { year: number; month: number } {
  const p = zonedParts(date.epochMs, timeZone);
  return { year: p.year, month: p.month };
}

/** Now, in a time zone, as a frontmatter date string with its offset (minute precision). */
export function nowAsFrontmatterDate(timeZone: string, nowMs: number = Date.now()): string {
  const p = zonedParts(nowMs, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}${formatOffset(p.offsetMinutes)}`;
}
