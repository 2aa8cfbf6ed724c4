/**
 * Sharded builds (docs/sharded-builds.md): CI can split one archive's build across
 * machines by years. `ANNALS_BUILD_YEARS=2022-2023` makes a build render only the article
 * pages of those years and index only their part of the search, into its cache; an
 * assembling build over the merged caches then copies those pages and parts instead of
 * making them, and renders the listings. The years must be exactly one or more whole parts of
 * the search index (`npm run plan:shards` lists the ranges), so every part is built by one
 * machine: a year split by months into several parts is built whole by one.
 */

import { zonedParts } from './dates.ts';
import type { PartLimits, PeriodSize, SearchShard, YearSize } from './search/shards.ts';

export const BUILD_YEARS_VARIABLE = 'ANNALS_BUILD_YEARS';

export interface YearRange {
  from: number;
  to: number;
}

export class BuildScopeError extends Error {
  override name = 'BuildScopeError';
}

/** `2024` or `2022-2023` (as `npm run plan:shards` prints them); undefined for a whole-site build. */
export function parseYearRange(text: string | undefined): YearRange | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const match = /^\s*(\d{4})(?:\s*-\s*(\d{4}))?\s*$/.exec(text);
  if (!match) throw new BuildScopeError(`${BUILD_YEARS_VARIABLE}="${text}" is not a year or a range of years; write it as 2024 or 2022-2023`);
  const from = Number(match[1]);
  const to = Number(match[2] ?? match[1]);
  if (to < from) throw new BuildScopeError(`${BUILD_YEARS_VARIABLE}="${text}" ends before it starts; write the older year first`);
  return { from, to };
}

export const inYearRange = (range: YearRange | undefined, year: number): boolean => range === undefined || (year >= range.from && year <= range.to);

export const formatYearRange = (range: YearRange): string => (range.from === range.to ? String(range.from) : `${range.from}-${range.to}`);

/** The years this build covers, from the environment. */
export function buildYears(): YearRange | undefined {
  return parseYearRange(typeof process === 'undefined' ? undefined : process.env[BUILD_YEARS_VARIABLE]);
}

/**
 * Published (non-draft) articles per year and month in the site's time zone, with the
 * characters of their titles and bodies as written: what the search parts are planned from
 * (`planShards`).
 */
export function publishedPerYear(articles: readonly { data: { date: { epochMs: number }; draft?: boolean | undefined }; textLength: number }[], timeZone: string): Map<number, YearSize> {
  const sizes = new Map<number, YearSize & { months: Map<number, PeriodSize> }>();
  for (const article of articles) {
    if (article.data.draft) continue;
    const { year, month } = zonedParts(article.data.date.epochMs, timeZone);
    const text = article.textLength;
    let size = sizes.get(year);
    if (!size) sizes.set(year, (size = { pages: 0, text: 0, months: new Map() }));
    size.pages += 1;
    size.text += text;
    const monthSize = size.months.get(month) ?? { pages: 0, text: 0 };
    monthSize.pages += 1;
    monthSize.text += text;
    size.months.set(month, monthSize);
  }
  return sizes;
}

/** How much one part of the search index holds, from the site's configuration (`site.config.ts`). */
export const partLimitsOf = (config: { searchShardPages: number; searchPartText: number }): PartLimits => ({ pages: config.searchShardPages, text: config.searchPartText });

/**
 * The search parts that are exactly `range` (one part of whole years, or the parts a split
 * year's months make), or an error naming the ranges a sharded build may take.
 */
export function partsForRange(parts: readonly SearchShard[], range: YearRange): SearchShard[] {
  const inside = parts.filter((shard) => shard.years.every((year) => inYearRange(range, year)));
  const covered = inside.flatMap((shard) => shard.years);
  const straddling = parts.some((shard) => !inside.includes(shard) && shard.years.some((year) => inYearRange(range, year)));
  if (inside.length > 0 && !straddling && Math.min(...covered) === range.from && Math.max(...covered) === range.to) return inside;
  throw new BuildScopeError(
    `${BUILD_YEARS_VARIABLE}=${formatYearRange(range)} is not a range of whole parts of the search index, so its pages cannot be built apart; ` +
      `the ranges are ${buildRanges(parts).map(formatYearRange).join(', ') || '(none: no published articles)'} (npm run plan:shards prints them)`,
  );
}

/**
 * The ranges a sharded build may take, newest first: one per part of whole years, one per
 * year split into parts of months.
 */
export function buildRanges(parts: readonly SearchShard[]): YearRange[] {
  const ranges: YearRange[] = [];
  for (const part of parts) {
    const range = { from: Math.min(...part.years), to: Math.max(...part.years) };
    const last = ranges[ranges.length - 1];
    if (last && last.from === range.from && last.to === range.to) continue; // another part of a split year
    ranges.push(range);
  }
  return ranges;
}
