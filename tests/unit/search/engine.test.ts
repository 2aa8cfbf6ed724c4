import { describe, expect, test } from 'vitest';
import { SearchEngine } from '../../../src/lib/search/engine.ts';
import { fakePagefind, type FakePage } from './fake-pagefind.ts';

const page = (url: string, ...blocks: string[]): FakePage => ({ url, title: `标题${url}`, blocks });
const PAGES: FakePage[] = [
  page('/together-1/', '发展数字经济，保障粮食安全'),
  page('/together-2/', '数字经济是新动能'),
  page('/together-3/', '培育数字经济新业态', '数字化转型'),
  page('/swapped-1/', '经济数字化的进程'),
  page('/swapped-2/', '经济数字与数据'),
  page('/apart-1/', '数字化的经济'),
  page('/apart-2/', '数字', '经济'),
  page('/apart-3/', '数字时代，经济发展'),
  page('/spaced/', '共护一江水 万里长江'),
  page('/river/', '一江水万里长江奔流'),
  page('/invest/', '扩大有效投资。江河治理'),
  page('/long/', '培育数字经济新业态和新模式'),
  page('/decoy/', '培育数字。经济形态和新模式'),
  ...Array.from({ length: 6 }, (_, i) => page(`/filler-${i}/`, '数字与经济', '统计数字')),
];

/** The URLs the engine returns, checked through text (few results) and through positions (many). */
async function search(q: string): Promise<{ byText: string[]; byPositions: string[]; approximate: boolean[] }> {
  const run = async (textCheckLimit: number) => {
    const engine = new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', textCheckLimit, importPagefind: async () => fakePagefind(PAGES) });
    const outcome = await engine.search({ q, filters: {}, sort: 'relevance' });
    const urls = await Promise.all(outcome.results.map(async (result) => (await result.data()).url));
    return { urls: urls.sort(), approximate: outcome.approximate };
  };
  const [byText, byPositions] = await Promise.all([run(Number.POSITIVE_INFINITY), run(0)]);
  return { byText: byText.urls, byPositions: byPositions.urls, approximate: [byText.approximate, byPositions.approximate] };
}

describe('the search engine’s phrase check, through text and through positions', () => {
  test('only pages with the words together match; swapped or apart they do not', async () => {
    const found = await search('数字经济');
    expect(found.byText).toEqual(['/long/', '/together-1/', '/together-2/', '/together-3/']);
    expect(found.byPositions).toEqual(found.byText);
  });

  test('a word of every other bigram is checked at each bigram’s own offset', async () => {
    const found = await search('发展数字经济');
    expect(found.byText).toEqual(['/together-1/']);
    expect(found.byPositions).toEqual(found.byText);
  });

  test('a long word is found by six of its bigrams first and checked in full', async () => {
    // 培育数字经济新业态和新模式 has seven stride bigrams; the first search asks for
    // 培育 数字 经济 态和 新模 模式 (not 新业), which /decoy/ has too, apart.
    const found = await search('培育数字经济新业态和新模式');
    expect(found.byText).toEqual(['/long/']);
    expect(found.byPositions).toEqual(found.byText);
  });

  test('a phrase does not reach across whitespace into the next run', async () => {
    const found = await search('一江水万里');
    expect(found.byText).toEqual(['/river/']);
    expect(found.byPositions).toEqual(found.byText);
  });

  test('a bigram missing from the index finds nothing, though Pagefind falls back to its first character', async () => {
    // 资江 is nowhere; 资 ends a run in /invest/, which the loose search's fallback matches.
    const found = await search('资江');
    expect(found.byText).toEqual([]);
    expect(found.byPositions).toEqual([]);
  });

  test('when no page holds the phrase, pages with all its bigrams apart are offered as approximate', async () => {
    const found = await search('字数');
    expect(found.byText).toEqual([]);
    const apart = await search('经济数字化进程');
    expect(apart.byText).toEqual([]);
    // 统计 数字 经济 are asked for; the filler pages have all three, never together.
    const approximate = await search('统计数字经济');
    expect(approximate.byText).toEqual(Array.from({ length: 6 }, (_, i) => `/filler-${i}/`));
    expect(approximate.byPositions).toEqual(approximate.byText);
    expect(approximate.approximate).toEqual([true, true]);
  });
});
