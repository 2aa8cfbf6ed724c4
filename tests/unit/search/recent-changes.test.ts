import { describe, expect, it } from 'vitest';
import { planPart, recentLimit, sortedDates, sortScoreAmong, type IndexedPart, type PartPage } from '../../../src/lib/search/recent-changes.ts';
import { RecentChanges } from '../../../src/lib/search/recent-filter.ts';
import { partName } from '../../../src/lib/search/shards.ts';

const page = (n: number, hash = `h${n}`, date = `2024-01-${String(n).padStart(2, '0')}`): PartPage => ({ url: `/articles/a${n}/`, hash, date });
/** A cached build of the given years (and months of one) holding `pages`, each with the id `id-<url>`. */
const indexed = (years: number[], pages: PartPage[], months?: [number, number]): IndexedPart => ({
  name: partName({ years, months }),
  years,
  months,
  pages: Object.fromEntries(pages.map((p) => [p.url, { hash: p.hash, id: `id-${p.url}`, date: p.date }])),
});
const span = (...years: number[]) => ({ years });
const hundred = Array.from({ length: 100 }, (_, i) => page(i + 1));

describe('planPart: which pages go to the recent part, and when a part is indexed whole', () => {
  it('keeps an unchanged cached build exactly, with nothing recent or stale', () => {
    expect(planPart(span(2024), hundred, new Map([['2024-aaa', indexed([2024], hundred)]]))).toEqual({ kind: 'keep', base: '2024-aaa', recent: [], stale: [] });
  });

  it('sends an added page and a changed page to the recent part, and lists the changed and removed pages’ old ids as stale', () => {
    const pages = [...hundred.slice(1, 50), page(51, 'corrected'), ...hundred.slice(51), page(101)];
    const plan = planPart(span(2024), pages, new Map([['2024-aaa', indexed([2024], hundred)]]), () => 3);
    expect(plan).toEqual({ kind: 'keep', base: '2024-aaa', recent: [page(51, 'corrected'), page(101)], stale: ['id-/articles/a1/', 'id-/articles/a51/'] });
  });

  it('indexes the part whole when it has more changed pages than the limit, counting a changed page once', () => {
    const pages = [...hundred.slice(1, 50), page(51, 'corrected'), ...hundred.slice(51), page(101)];
    expect(planPart(span(2024), pages, new Map([['2024-aaa', indexed([2024], hundred)]]), () => 2)).toEqual({ kind: 'index', changes: 3 });
  });

  it('indexes the part whole when no cached build covers only its years', () => {
    expect(planPart(span(2024), hundred, new Map())).toEqual({ kind: 'index', changes: undefined });
    expect(planPart(span(2024), hundred, new Map([['2023-2024-aaa', indexed([2023, 2024], hundred)]]))).toEqual({ kind: 'index', changes: undefined });
  });

  it('keeps the build of a part that grew by a new year, the new year’s pages recent', () => {
    const newYear = page(101, 'h101', '2025-01-01');
    const plan = planPart(span(2025, 2024), [...hundred, newYear], new Map([['2024-aaa', indexed([2024], hundred)]]), () => 1);
    expect(plan).toEqual({ kind: 'keep', base: '2024-aaa', recent: [newYear], stale: [] });
  });

  it('keeps the build of some months of a split year in the part of the same months, or of more, never of fewer', () => {
    const firstHalf = new Map([['2024m01-2024m06-aaa', indexed([2024], hundred, [1, 6])]]);
    expect(planPart({ years: [2024], months: [1, 6] }, hundred, firstHalf)).toEqual({ kind: 'keep', base: '2024m01-2024m06-aaa', recent: [], stale: [] });
    expect(planPart({ years: [2024], months: [1, 7] }, hundred, firstHalf)).toMatchObject({ kind: 'keep' });
    expect(planPart(span(2024), hundred, firstHalf)).toMatchObject({ kind: 'keep' });
    expect(planPart({ years: [2024], months: [1, 5] }, hundred, firstHalf)).toEqual({ kind: 'index', changes: undefined });
    expect(planPart({ years: [2024], months: [1, 6] }, hundred, new Map([['2024-aaa', indexed([2024], hundred)]]))).toEqual({ kind: 'index', changes: undefined });
  });

  it('of several cached builds, keeps the one with the fewest changes', () => {
    const older = indexed([2024], hundred.slice(0, 90));
    const newer = indexed([2024], hundred.slice(0, 99));
    const plan = planPart(span(2024), hundred, new Map([['2024-older', older], ['2024-newer', newer]]), () => 50);
    expect(plan).toEqual({ kind: 'keep', base: '2024-newer', recent: [page(100)], stale: [] });
  });

  it('allows 2% of a part’s pages, at least one and at most 500', () => {
    expect([recentLimit(2), recentLimit(100), recentLimit(8128), recentLimit(100_000)]).toEqual([1, 2, 162, 500]);
  });
});

describe('sortScoreAmong: a recent page’s newest-first score in its own part', () => {
  const part = indexed([2024], [page(1), page(3), page(3, 'h3b'), page(5)].map((p, i) => ({ ...p, url: `/p${i}/` })));
  it('sits after every page dated the same or earlier, as Pagefind positions pages oldest first', () => {
    const dates = sortedDates(part);
    expect(dates).toEqual(['2024-01-01', '2024-01-03', '2024-01-03', '2024-01-05']);
    expect(sortScoreAmong(dates, '2023-12-31')).toBe(-0.5);
    expect(sortScoreAmong(dates, '2024-01-03')).toBe(2.5);
    expect(sortScoreAmong(dates, '2024-01-03T09:00+08:00')).toBe(2.5);
    expect(sortScoreAmong(dates, '2024-12-31')).toBe(3.5);
  });
});

describe('RecentChanges: what an answer leaves out', () => {
  const recent = new RecentChanges({ path: 'shards/recent/', stale: ['old-a', 'removed-b'], pages: { 'new-a': ['2024', 7.5], 'corrected-c': ['2015-2016', 0.5] } });
  const results = ['old-a', 'new-a', 'removed-b', 'corrected-c', 'other'].map((id) => ({ id, score: 1 }));

  it('drops stale ids always, and recent pages of parts not merged until every part is merged', () => {
    expect(recent.visible(results, new Set(['2024', '2023'])).map((result) => result.id)).toEqual(['new-a', 'other']);
    expect(recent.visible(results, new Set(['2015-2016'])).map((result) => result.id)).toEqual(['corrected-c', 'other']);
    expect(recent.partOf('corrected-c')).toBe('2015-2016');
    expect(recent.partOf('other')).toBeUndefined();
    expect(recent.visible(results, undefined).map((result) => result.id)).toEqual(['new-a', 'corrected-c', 'other']);
  });

  it('gives a recent page the sort score of its own part, and leaves other results’ scores alone', () => {
    expect(recent.sortScore({ id: 'new-a', score: 0 })).toBe(7.5);
    expect(recent.sortScore({ id: 'other', score: 3 })).toBe(3);
  });

  it('without a recent part, leaves every result', () => {
    const none = new RecentChanges(undefined);
    expect(none.visible(results, new Set(['2024']))).toBe(results);
  });
});
