/**
 * The archive by year, month and day, in the site's time zone, and the month calendar.
 *
 * Every listing is cut into calendar buckets first (see `pagination.ts`), so an article
 * added to October 2015 changes only the pages of October 2015.
 */
import type { ArticleLike } from './article-shape.ts';
import { oldestFirst } from './article-shape.ts';
import { zonedParts } from './dates.ts';

export interface Day {
  year: number;
  month: number;
  day: number;
}

export function dayOf(article: ArticleLike, timeZone: string): Day {
  const { year, month, day } = zonedParts(article.data.date.epochMs, timeZone);
  return { year, month, day };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `2017`, `2017/10`, `2017/10/17`: the archive path segments of a year, month or day. */
export const yearKey = (d: Pick<Day, 'year'>) => String(d.year);
export const monthKey = (d: Pick<Day, 'year' | 'month'>) => `${d.year}/${pad2(d.month)}`;
export const dayKey = (d: Day) => `${d.year}/${pad2(d.month)}/${pad2(d.day)}`;
/** `10-17`: the key of 历史上的今天 (the same calendar day in any year). */
export const monthDayKey = (d: Pick<Day, 'month' | 'day'>) => `${pad2(d.month)}-${pad2(d.day)}`;

export function archivePath(d: Partial<Day> & Pick<Day, 'year'>): string {
  if (d.month === undefined) return `/archive/${yearKey(d)}/`;
  if (d.day === undefined) return `/archive/${monthKey({ year: d.year, month: d.month })}/`;
  return `/archive/${dayKey({ year: d.year, month: d.month, day: d.day })}/`;
}

export function onThisDayPath(d: Pick<Day, 'month' | 'day'>): string {
  return `/archive/on-this-day/${monthDayKey(d)}/`;
}

/** Groups articles under a key, each group oldest first; groups in key order (keys sort as text). */
export function groupBy<T extends ArticleLike>(articles: readonly T[], key: (article: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const article of articles) {
    const k = key(article);
    const group = groups.get(k);
    if (group) group.push(article);
    else groups.set(k, [article]);
  }
  for (const group of groups.values()) group.sort(oldestFirst);
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface MonthSummary {
  year: number;
  month: number;
  count: number;
}

export interface YearSummary {
  year: number;
  count: number;
  months: MonthSummary[];
}

/** Years, newest first, each with its months (January first) and counts. */
export function yearSummaries(articles: readonly ArticleLike[], timeZone: string): YearSummary[] {
  const years = new Map<number, Map<number, number>>();
  for (const article of articles) {
    const { year, month } = dayOf(article, timeZone);
    const months = years.get(year) ?? new Map<number, number>();
    months.set(month, (months.get(month) ?? 0) + 1);
    years.set(year, months);
  }
  return [...years]
    .sort(([a], [b]) => b - a)
    .map(([year, months]) => {
      const list = [...months].sort(([a], [b]) => a - b).map(([month, count]) => ({ year, month, count }));
      return { year, months: list, count: list.reduce((sum, m) => sum + m.count, 0) };
    });
}

export interface CalendarCell {
  day: number;
  /** Articles published that day. */
  count: number;
}

/**
 * The weeks of a month as rows of seven cells, Monday first (as Chinese calendars print
 * them); `null` pads the first and last week. Weekdays come from the calendar date alone,
 * never from the build machine's clock or zone.
 */
export function monthCalendar(year: number, month: number, countByDay: ReadonlyMap<number, number>): (CalendarCell | null)[][] {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const firstWeekday = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7; // Monday = 0
  const cells: (CalendarCell | null)[] = Array.from({ length: firstWeekday }, () => null);
  for (let day = 1; day <= daysInMonth; day += 1) cells.push({ day, count: countByDay.get(day) ?? 0 });
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (CalendarCell | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
