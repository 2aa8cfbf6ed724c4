import { describe, expect, it } from 'vitest';
import { MAX_PARTS, monthOfDateKey, partHolds, partLanguage, partLimitsFor, partName, partOfPageId, planShards, shardManifest, sharedPageIds, spanLabel, spanWithin } from '../../../src/lib/search/shards.ts';

const years = (entries: Record<number, number>, text: Record<number, number> = {}) => new Map(Object.entries(entries).map(([year, pages]) => [Number(year), { pages, text: text[Number(year)] ?? 0 }]));
const pagesOnly = (pages: number) => ({ pages, text: Number.POSITIVE_INFINITY });

describe('planShards', () => {
  it('puts everything in one part while it fits', () => {
    expect(planShards(years({ 2017: 10, 2018: 20 }), pagesOnly(100))).toEqual([{ name: '2017-2018', years: [2018, 2017], pages: 30 }]);
  });

  it('fills parts from the oldest year and lists them newest first', () => {
    // The xwlb corpus: 2022 1,428, 2023 5,103, 2024 5,218, 2025 5,082, 2026 3,045.
    const plan = planShards(years({ 2022: 1428, 2023: 5103, 2024: 5218, 2025: 5082, 2026: 3045 }), pagesOnly(8000));
    expect(plan.map((shard) => [shard.name, shard.pages])).toEqual([
      ['2026', 3045],
      ['2025', 5082],
      ['2024', 5218],
      ['2022-2023', 6531],
    ]);
  });

  it('never splits a year whose months are not known, even one bigger than a part', () => {
    const plan = planShards(years({ 2019: 5, 2020: 500, 2021: 5 }), pagesOnly(100));
    expect(plan.map((shard) => shard.years)).toEqual([[2021], [2020], [2019]]);
  });

  it('splits a year bigger than a part into runs of its months, by pages and by text, a month bigger than a part whole', () => {
    // About 5,000 seed-length articles a year, a little more than the generated 100,000-article archive has.
    const month = (pages: number, text: number) => ({ pages, text });
    const busy = new Map(Array.from({ length: 12 }, (_, i) => [i + 1, month(420, 924_000)] as const));
    const sizes = new Map([
      [2007, { pages: 300, text: 600_000 }],
      [2008, { pages: 5040, text: 11_088_000, months: busy }],
      [2009, { pages: 40, text: 80_000, months: new Map([[1, month(40, 80_000)]]) }],
    ]);
    const plan = planShards(sizes, { pages: 10_000, text: 3_000_000 });
    expect(plan.map((shard) => [shard.name, shard.pages])).toEqual([
      ['2009', 40],
      ['2008m10-2008m12', 1260],
      ['2008m07-2008m09', 1260],
      ['2008m04-2008m06', 1260],
      ['2008m01-2008m03', 1260],
      ['2007', 300],
    ]);
    expect(plan[1]).toEqual({ name: '2008m10-2008m12', years: [2008], months: [10, 12], pages: 1260 });
    const huge = new Map([[2010, { pages: 900, text: 0, months: new Map([[3, month(800, 0)], [4, month(100, 0)]]) }]]);
    expect(planShards(huge, pagesOnly(500)).map((shard) => shard.name)).toEqual(['2010m04', '2010m03']);
  });

  it('keeps full parts unchanged when the newest year grows', () => {
    const before = planShards(years({ 2020: 60, 2021: 30, 2022: 10 }), pagesOnly(100));
    const after = planShards(years({ 2020: 60, 2021: 30, 2022: 80 }), pagesOnly(100));
    expect(before.map((shard) => shard.name)).toEqual(['2020-2022']);
    expect(after.map((shard) => shard.name)).toEqual(['2022', '2020-2021']);
  });

  it('closes a part at the text limit too, as Pagefind\'s memory follows the text', () => {
    // The xwlb corpus's bodies: 2022 0.70, 2023 2.51, 2024 2.63, 2025 2.66, 2026 1.66 million characters.
    const xwlb = years({ 2022: 1428, 2023: 5103, 2024: 5218, 2025: 5082, 2026: 3045 }, { 2022: 700_435, 2023: 2_513_211, 2024: 2_632_414, 2025: 2_656_844, 2026: 1_659_189 });
    expect(planShards(xwlb, { pages: 10_000, text: 3_000_000 }).map((shard) => shard.name)).toEqual(['2026', '2025', '2024', '2023', '2022']);
    expect(planShards(xwlb, { pages: 10_000, text: 5_000_000 }).map((shard) => shard.name)).toEqual(['2025-2026', '2024', '2022-2023']);
    expect(planShards(years({ 2019: 1, 2020: 1 }, { 2019: 10, 2020: 500 }), { pages: 100, text: 100 }).map((shard) => shard.years)).toEqual([[2020], [2019]]);
  });

  it('refuses a part size below one page or one character', () => {
    expect(() => planShards(years({ 2020: 1 }), pagesOnly(0))).toThrow(/at least 1 page/);
    expect(() => planShards(years({ 2020: 1 }), pagesOnly(Number.NaN))).toThrow(/ANNALS_SEARCH_SHARD_PAGES\) must be a number of at least 1 page, got NaN/);
    expect(() => planShards(years({ 2020: 1 }), { pages: 10, text: 0 })).toThrow(/ANNALS_SEARCH_PART_TEXT\) must be a number of at least 1 character, got 0/);
  });
});

describe('partLimitsFor', () => {
  it('keeps the limits while the plan has at most MAX_PARTS parts, and raises both by quarters until it has', () => {
    // 22 years of 25 million characters (4,500 long articles): an archive a little heavier than the generated 100,000.
    const months = new Map(Array.from({ length: 12 }, (_, i) => [i + 1, { pages: 375, text: 2_083_000 }] as const));
    const archive = new Map(Array.from({ length: 22 }, (_, i) => [2005 + i, { pages: 4500, text: 24_996_000, months }] as const));
    const configured = { pages: 10_000, text: 3_000_000 };
    expect(planShards(archive, configured)).toHaveLength(264);
    const raised = partLimitsFor(archive, configured);
    expect(raised).toEqual({ pages: 47_687, text: 14_305_117 });
    const plan = planShards(archive, raised);
    expect(plan.length).toBeLessThanOrEqual(MAX_PARTS);
    expect(plan.slice(0, 2).map((part) => part.name)).toEqual(['2026m07-2026m12', '2026m01-2026m06']);
    const small = years({ 2024: 10, 2025: 10 });
    expect(partLimitsFor(small, configured)).toBe(configured);
  });
});

describe('a part’s span', () => {
  const secondHalf = { years: [2008], months: [7, 12] as [number, number] };
  it('is named for its folder and language subtags, and says which pages it holds', () => {
    expect([partName({ years: [2024] }), partName({ years: [2023, 2022] }), partName(secondHalf), partName({ years: [2008], months: [3, 3] })]).toEqual(['2024', '2022-2023', '2008m07-2008m12', '2008m03']);
    expect(partLanguage('zh-CN', { name: partName(secondHalf) })).toBe('zh-CN-x-2008m07-2008m12');
    expect([partHolds(secondHalf, 2008, 7), partHolds(secondHalf, 2008, 6), partHolds(secondHalf, 2009, 7), partHolds({ years: [2009, 2008] }, 2008, 1)]).toEqual([true, false, false, true]);
    expect([spanWithin(secondHalf, { years: [2008] }), spanWithin({ years: [2008] }, secondHalf), spanWithin({ years: [2008], months: [8, 9] }, secondHalf)]).toEqual([true, false, true]);
  });

  it('takes a page’s month from its date sort key, in the site’s time zone as its year filter', () => {
    expect([monthOfDateKey('2008-07-31T23:59:00+08:00'), monthOfDateKey('2008-12-01'), monthOfDateKey('')]).toEqual([7, 12, 1]);
  });

  it('is labelled for the readers in years, or in months when it does not cover whole years', () => {
    expect(spanLabel([{ years: [2026] }, { years: [2025, 2024] }])).toBe('2024–2026 年');
    expect(spanLabel([{ years: [2026] }])).toBe('2026 年');
    expect(spanLabel([secondHalf])).toBe('2008 年 7–12 月');
    expect(spanLabel([{ years: [2008], months: [3, 3] }])).toBe('2008 年 3 月');
    expect(spanLabel([{ years: [2009] }, secondHalf])).toBe('2008 年 7 月–2009 年 12 月');
    expect(spanLabel([])).toBe('');
  });

  it('is found from a page id, by the language Pagefind names the page after', () => {
    const parts = [{ name: '2009' }, { name: '2008m07-2008m12' }, { name: '2008m01-2008m06' }, { name: '2006-2007' }];
    expect(['zh-cn-x-2009_abc1234', 'zh-cn-x-2008m07-2008m12_abc1234', 'zh-cn-x-2008m01-2008m06_abc1234', 'zh-cn-x-2006-2007_abc1234', 'zh-cn-x-recent_abc1234'].map((id) => partOfPageId(parts, id))).toEqual([0, 1, 2, 3, undefined]);
  });
});

describe('shardManifest', () => {
  it('lists every part after the first as a folder to merge', () => {
    const plan = planShards(years({ 2020: 60, 2021: 30, 2022: 80 }), pagesOnly(100));
    expect(shardManifest(plan).merge).toEqual(['shards/2020-2021/']);
    expect(shardManifest(plan.slice(0, 1)).merge).toEqual([]);
  });
});

describe('sharedPageIds', () => {
  it('names every page id found in more than one part, with the parts', () => {
    const shared = sharedPageIds(new Map([
      ['2024', ['zh-cn_a', 'zh-cn_b']],
      ['2023', ['zh-cn_c', 'zh-cn_a']],
      ['2022', ['zh-cn_d', 'zh-cn_a', 'zh-cn_c']],
    ]));
    expect([...shared]).toEqual([
      ['zh-cn_a', ['2024', '2023', '2022']],
      ['zh-cn_c', ['2023', '2022']],
    ]);
    expect(sharedPageIds(new Map([['2024', ['zh-cn_a']], ['2023', ['zh-cn_b']]])).size).toBe(0);
  });
});

describe('partLanguage', () => {
  it('adds the part’s years to the locale as private-use subtags', () => {
    expect(partLanguage('zh-CN', { name: '2022-2023' })).toBe('zh-CN-x-2022-2023');
    expect(partLanguage('zh-CN', { name: '2024' })).toBe('zh-CN-x-2024');
    expect(partLanguage('zh-Hant-TW-x-news', { name: '2024' })).toBe('zh-Hant-TW-x-news-2024');
  });

  it('gives different parts different tags, which every browser accepts', () => {
    const tags = ['2017', '2018-2019', '2020-2024'].map((name) => partLanguage('zh-CN', { name }));
    expect(new Set(tags).size).toBe(3);
    for (const tag of tags) expect(Intl.getCanonicalLocales(tag)).toEqual([tag]);
  });

  it('refuses a name that cannot be a subtag', () => {
    expect(() => partLanguage('zh-CN', { name: '2024 draft' })).toThrow(/cannot be a private-use language subtag/);
  });
});
