import { describe, expect, it } from 'vitest';
import { buildRanges, formatYearRange, inYearRange, parseYearRange, partsForRange, publishedPerYear } from '../../src/lib/build-scope.ts';
import { planShards } from '../../src/lib/search/shards.ts';

describe('parseYearRange', () => {
  it('reads a year or a range, and nothing as the whole site', () => {
    expect(parseYearRange('2024')).toEqual({ from: 2024, to: 2024 });
    expect(parseYearRange(' 2022-2023 ')).toEqual({ from: 2022, to: 2023 });
    expect(parseYearRange(undefined)).toBeUndefined();
    expect(parseYearRange('')).toBeUndefined();
  });

  it('refuses anything else with the variable and the fix', () => {
    expect(() => parseYearRange('2023–2024')).toThrow(/ANNALS_BUILD_YEARS="2023–2024" is not a year or a range of years; write it as 2024 or 2022-2023/);
    expect(() => parseYearRange('2024-2022')).toThrow(/ends before it starts; write the older year first/);
    expect(() => parseYearRange('24')).toThrow(/not a year/);
  });

  it('round-trips through formatYearRange and tests membership', () => {
    expect(formatYearRange({ from: 2022, to: 2023 })).toBe('2022-2023');
    expect(formatYearRange({ from: 2024, to: 2024 })).toBe('2024');
    expect(inYearRange({ from: 2022, to: 2023 }, 2023)).toBe(true);
    expect(inYearRange({ from: 2022, to: 2023 }, 2024)).toBe(false);
    expect(inYearRange(undefined, 1999)).toBe(true);
  });
});

describe('publishedPerYear and partsForRange', () => {
  // 2017-12-31T20:00-04:00 is 2018-01-01 in Shanghai: years are the site's time zone's.
  const article = (iso: string, body: string, draft = false) => ({ data: { date: { epochMs: Date.parse(iso) }, draft }, textLength: '标题'.length + body.length });
  const counts = publishedPerYear(
    [article('2017-12-31T20:00:00-04:00', '新年'), article('2017-06-01T08:00:00+08:00', '六月一日'), article('2016-05-01T08:00:00+08:00', '五月'), article('2016-06-01T08:00:00+08:00', '草稿不算', true)],
    'Asia/Shanghai',
  );

  it('counts published articles and their title and body characters by year and month in the site time zone, drafts left out', () => {
    expect([...counts].sort()).toEqual([
      [2016, { pages: 1, text: 4, months: new Map([[5, { pages: 1, text: 4 }]]) }],
      [2017, { pages: 1, text: 6, months: new Map([[6, { pages: 1, text: 6 }]]) }],
      [2018, { pages: 1, text: 4, months: new Map([[1, { pages: 1, text: 4 }]]) }],
    ]);
  });

  it('finds the parts that are exactly the range, or names the ranges', () => {
    const parts = planShards(counts, { pages: 2, text: Number.POSITIVE_INFINITY });
    expect(parts.map((part) => part.name)).toEqual(['2018', '2016-2017']);
    expect(partsForRange(parts, { from: 2016, to: 2017 }).map((part) => part.name)).toEqual(['2016-2017']);
    expect(() => partsForRange(parts, { from: 2017, to: 2017 })).toThrow(/ANNALS_BUILD_YEARS=2017 is not a range of whole parts of the search index.*the ranges are 2018, 2016-2017/);
    expect(() => partsForRange(parts, { from: 2016, to: 2018 })).not.toThrow();
    expect(() => partsForRange(parts, { from: 2019, to: 2019 })).toThrow(/not a range of whole parts/);
  });

  it('builds a year split into parts of months whole, in one sharded build', () => {
    const busy = Array.from({ length: 12 }, (_, month) => article(`2020-${String(month + 1).padStart(2, '0')}-15T08:00:00+08:00`, '一'.repeat(99)));
    const parts = planShards(publishedPerYear([...busy, article('2019-03-01T08:00:00+08:00', '旧闻')], 'Asia/Shanghai'), { pages: 100, text: 500 });
    expect(parts.map((part) => part.name)).toEqual(['2020m09-2020m12', '2020m05-2020m08', '2020m01-2020m04', '2019']);
    expect(buildRanges(parts).map(formatYearRange)).toEqual(['2020', '2019']);
    expect(partsForRange(parts, { from: 2020, to: 2020 }).map((part) => part.name)).toEqual(['2020m09-2020m12', '2020m05-2020m08', '2020m01-2020m04']);
    expect(partsForRange(parts, { from: 2019, to: 2020 })).toHaveLength(4);
  });
});
