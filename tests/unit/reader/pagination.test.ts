import { describe, expect, test } from 'vitest';
import { pageParam, pagePath, pagesFromOldest } from '../../../src/lib/pagination.ts';

describe('stable pagination', () => {
  test('numbers pages from the oldest article, so adding newer ones never changes an existing page', () => {
    const before = pagesFromOldest([1, 2, 3, 4, 5], 2);
    const after = pagesFromOldest([1, 2, 3, 4, 5, 6, 7], 2);
    expect(before.map((page) => page.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(after.slice(0, 2).map((page) => page.items)).toEqual([[1, 2], [3, 4]]);
    expect(after[2]?.items).toEqual([5, 6]);
  });

  test('has one (empty) page for an empty bucket', () => {
    expect(pagesFromOldest([], 20)).toEqual([{ number: 1, total: 1, items: [] }]);
  });

  test('puts page 1 at the bucket URL and page N under page/N/', () => {
    expect(pagePath('/archive/2017/10/', 1)).toBe('/archive/2017/10/');
    expect(pagePath('/archive/2017/10/', 3)).toBe('/archive/2017/10/page/3/');
    expect(pageParam(1)).toBeUndefined();
    expect(pageParam(2)).toBe('page/2');
  });
});
