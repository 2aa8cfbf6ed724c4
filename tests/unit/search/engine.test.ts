import { afterEach, describe, expect, test, vi } from 'vitest';
import { fromIndexText, toIndexText } from '../../../src/lib/search/cjk.ts';
import { SearchEngine } from '../../../src/lib/search/engine.ts';
import { identityFolder } from '../../../src/lib/search/fold.ts';
import { planQuery } from '../../../src/lib/search/query.ts';
import { spanLabel } from '../../../src/lib/search/shards.ts';
import { searchInStages } from '../../../src/lib/search/stages.ts';
import type { TitleEntryWire } from '../../../src/lib/search/title-lookup.ts';
import type { SearchState } from '../../../src/lib/search/url-state.ts';
import { keysOfWords, wordPartsBuckets } from '../../../src/lib/search/word-parts.ts';
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

/**
 * The URLs the engine returns (sorted) and whether it called them approximate, after
 * checking that the text check (few results) and the positions check (many) agree.
 */
async function search(q: string): Promise<{ urls: string[]; approximate: boolean }> {
  const run = async (textCheckLimit: number) => {
    const engine = new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', textCheckLimit, importPagefind: async () => fakePagefind(PAGES) });
    const outcome = await engine.search({ q, filters: {}, sort: 'relevance' });
    const urls = await Promise.all(outcome.results.map(async (result) => (await result.data()).url));
    return { urls: urls.sort(), approximate: outcome.approximate };
  };
  const [byText, byPositions] = await Promise.all([run(Number.POSITIVE_INFINITY), run(0)]);
  expect(byPositions, `the positions check disagrees with the text check for ${q}`).toEqual(byText);
  return byText;
}

describe('the search engine’s phrase check, through text and through positions', () => {
  test('only pages with the words together match; swapped or apart they do not', async () => {
    expect((await search('数字经济')).urls).toEqual(['/long/', '/together-1/', '/together-2/', '/together-3/']);
  });

  test('a word of every other bigram is checked at each bigram’s own offset', async () => {
    expect((await search('发展数字经济')).urls).toEqual(['/together-1/']);
  });

  test('a long word is found by six of its bigrams first and checked in full', async () => {
    // 培育数字经济新业态和新模式 has seven stride bigrams; the first search asks for
    // 培育 数字 经济 态和 新模 模式 (not 新业), which /decoy/ has too, apart.
    expect((await search('培育数字经济新业态和新模式')).urls).toEqual(['/long/']);
  });

  test('a phrase does not reach across whitespace into the next run', async () => {
    expect((await search('一江水万里')).urls).toEqual(['/river/']);
  });

  test('a bigram missing from the index finds nothing, though Pagefind falls back to its first character', async () => {
    // 资江 is nowhere; 资 ends a run in /invest/, which the loose search's fallback matches.
    expect((await search('资江')).urls).toEqual([]);
  });

  test('when no page holds the phrase, pages with all its bigrams apart are offered as approximate', async () => {
    expect((await search('字数')).urls).toEqual([]);
    expect((await search('经济数字化进程')).urls).toEqual([]);
    // 统计 数字 经济 are asked for; the filler pages have all three, never together.
    expect(await search('统计数字经济')).toEqual({ urls: Array.from({ length: 6 }, (_, i) => `/filler-${i}/`), approximate: true });
  });
});

describe('the search engine’s positions check', () => {
  test('a word of one token is checked by an exact search alone, not by its positions', async () => {
    const pagefind = fakePagefind(PAGES);
    const engine = new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', textCheckLimit: 0, importPagefind: async () => pagefind });
    const outcome = await engine.search({ q: '长江', filters: {}, sort: 'relevance' });
    expect(await Promise.all(outcome.results.map(async (result) => (await result.data()).url))).toEqual(expect.arrayContaining(['/spaced/', '/river/']));
    const [token] = planQuery('长江', identityFolder).words[0]?.tokens ?? [];
    expect(pagefind.searches.map((search) => search.term)).toEqual([token, `"${token}"`]);
  });
});

describe('the search engine’s narrow first search', () => {
  const searchedTerms = async (q: string, pages: readonly FakePage[]) => {
    const pagefind = fakePagefind(pages);
    const engine = new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', importPagefind: async () => pagefind });
    const outcome = await engine.search({ q, filters: {}, sort: 'relevance' });
    const urls = await Promise.all(outcome.results.map(async (result) => (await result.data()).url));
    return { urls, terms: pagefind.searches.filter((search) => search.term !== null).map((search) => search.term) };
  };
  const plan = planQuery('培育数字经济新业态和新模式', identityFolder);

  test('a long word that leaves few pages is asked for by four of its bigrams only', async () => {
    expect(plan.narrowTerm.split(' ')).toHaveLength(4);
    expect(plan.term.split(' ')).toHaveLength(6);
    expect(await searchedTerms('培育数字经济新业态和新模式', PAGES)).toEqual({ urls: ['/long/'], terms: [plan.narrowTerm] });
  });

  test('when the four leave more pages than one screen shows, every probe token is asked for', async () => {
    const decoys = Array.from({ length: 11 }, (_, i) => page(`/decoy-${i}/`, '培育数字。经济形态和新模式'));
    const { urls, terms } = await searchedTerms('培育数字经济新业态和新模式', [...PAGES, ...decoys]);
    expect(urls).toEqual(['/long/']);
    expect(terms.slice(0, 2)).toEqual([plan.narrowTerm, plan.term]);
  });
});

describe('the search engine’s facets', () => {
  // One source on every page, as in most newsrooms' archives; years and sections vary.
  const filtered = PAGES.map((entry, i) => ({ ...entry, filters: { source: ['邵阳日报'], year: [String(2015 + (i % 3))], ...(i % 2 === 0 ? { section: ['要闻'] } : {}) } }));
  const holding = new Set(['/long/', '/together-1/', '/together-2/', '/together-3/']);
  /** Each facet's counts over the pages that hold 数字经济 as a phrase. */
  const expected = (key: 'year' | 'section' | 'source') => {
    const counts: Record<string, number> = {};
    for (const entry of filtered.filter((page) => holding.has(page.url))) for (const value of entry.filters[key] ?? []) counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  };

  const facetsOf = async (textCheckLimit: number | undefined) => {
    const pagefind = fakePagefind(filtered);
    const engine = new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', ...(textCheckLimit === undefined ? {} : { textCheckLimit }), importPagefind: async () => pagefind });
    const outcome = await engine.search({ q: '数字经济', filters: {}, sort: 'relevance' });
    expect(outcome.results).toHaveLength(4);
    // The loose search also found pages with the words apart, so every facet is counted again.
    expect(pagefind.searches[0]?.term).not.toBeNull();
    const counted = (key: 'year' | 'section' | 'source') => Object.fromEntries(outcome.facets[key].map(({ value, count }) => [value, count]));
    for (const key of ['year', 'section', 'source'] as const) expect(counted(key), key).toEqual(expected(key));
    return pagefind.searches.filter((search) => search.term === null).map((search) => Object.keys(search.filters)[0]);
  };

  test('of many results are counted by a search per value, except a value every page has', async () => {
    const filterOnly = await facetsOf(2);
    expect(filterOnly).not.toContain('source');
    expect(filterOnly).toContain('year');
  });

  test('of the few results one page shows are counted from their own fragments, without a search', async () => {
    expect(await facetsOf(undefined)).toEqual([]);
  });

  test('the text check, the facets and the shown results load each fragment once', async () => {
    const pagefind = fakePagefind(filtered);
    const engine = new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', importPagefind: async () => pagefind });
    const outcome = await engine.search({ q: '数字经济', filters: {}, sort: 'relevance' });
    const hits = await engine.hits(outcome, 0, 10, true);
    expect(hits.map((hit) => hit.url).sort()).toEqual([...holding].sort());
    for (const url of holding) expect(pagefind.fragmentLoads.get(url), url).toBe(1);
  });
});

describe('the search engine’s first answer, from the newest index part', () => {
  const newest = [page('/newest-1/', '数字经济在二〇一八'), page('/newest-2/', '发展数字经济'), page('/newest-3/', '数字与经济')];
  // The title is the query itself: once merged, the rerank would put it first.
  const older = { '/pagefind/shards/2017/': [{ url: '/older-title/', title: '数字经济', blocks: ['数字经济的一年'] }], '/pagefind/shards/2015-2016/': [page('/oldest/', '数字经济起步')] };
  const manifest = {
    merge: ['shards/2017/', 'shards/2015-2016/'],
    shards: [
      { name: '2018', years: [2018], pages: 3 },
      { name: '2017', years: [2017], pages: 1 },
      { name: '2015-2016', years: [2016, 2015], pages: 1 },
    ],
  };
  const setUp = () => {
    const pagefind = fakePagefind(newest, older);
    const engine = new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', manifest, importPagefind: async () => pagefind });
    const urls = (results: readonly { data(): Promise<{ url: string }> }[]) => Promise.all(results.map(async (result) => (await result.data()).url));
    return { pagefind, engine, urls };
  };
  const state = { q: '数字经济', filters: {}, sort: 'relevance' as const };

  test('answers from the newest part before older parts or filters load, and keeps what it showed in place', async () => {
    const { pagefind, engine, urls } = setUp();
    let early: { urls: string[]; span: string; callsBefore: string[] } | undefined;
    let shownOrder: string[] = [];
    const outcome = await engine.search(state, {
      onNewest: async (first) => {
        early = { urls: (await urls(first.results)).sort(), span: spanLabel(first.newestParts ?? []), callsBefore: [...pagefind.calls] };
        // Shown in the opposite of rank order, as a reranked list may be.
        const shown = [...first.results].reverse();
        shownOrder = await urls(shown);
        return shown.map((result) => result.id);
      },
    });
    expect(early).toEqual({ urls: ['/newest-1/', '/newest-2/'], span: '2018 年', callsBefore: expect.not.arrayContaining(['filters', 'mergeIndex /pagefind/shards/2017/']) });
    expect(pagefind.calls).toEqual(expect.arrayContaining(['mergeIndex /pagefind/shards/2017/', 'mergeIndex /pagefind/shards/2015-2016/', 'filters']));
    const all = await urls(outcome.results);
    expect(outcome.pinned).toBe(2);
    expect(new Set(all)).toEqual(new Set(['/newest-1/', '/newest-2/', '/older-title/', '/oldest/']));
    expect(await urls(outcome.results.slice(0, 2))).toEqual(shownOrder);
    // The ranked list's title match moves ahead of the other unshown results, never ahead of the shown ones.
    const hits = await engine.hits(outcome, 0, 10, true);
    expect(hits.slice(0, 2).map((hit) => hit.url)).toEqual(shownOrder);
    expect(hits[2]?.url).toBe('/older-title/');
  });

  test('a surface draws the newest hits, then only appends the rest below them, with both marks', async () => {
    const { engine } = setUp();
    const drawn: string[][] = [];
    let appended: string[] | undefined;
    performance.clearMarks();
    await searchInStages(engine, {
      surface: 'panel',
      state,
      count: 10,
      rerank: true,
      facets: false,
      isStale: () => false,
      showEarly: (hits) => drawn.push(hits.map((hit) => hit.url)),
      showComplete: (hits, _outcome, added) => {
        drawn.push(hits.map((hit) => hit.url));
        appended = added?.map((hit) => hit.url);
      },
    });
    const [first, complete] = drawn;
    expect(first?.sort()).toEqual(['/newest-1/', '/newest-2/']);
    expect(complete?.slice(0, 2).sort()).toEqual(['/newest-1/', '/newest-2/']);
    expect(appended).toEqual(complete?.slice(2));
    expect(appended).toContain('/older-title/');
    expect(performance.getEntriesByType('mark').map((mark) => mark.name)).toEqual(['annals:results-shown', 'annals:results-complete']);
  });

  test('a surface whose search went stale draws nothing and marks nothing', async () => {
    const { engine } = setUp();
    let draws = 0;
    performance.clearMarks();
    await searchInStages(engine, { surface: 'page', state, count: 10, rerank: true, facets: true, isStale: () => true, showEarly: () => draws++, showComplete: () => draws++ });
    expect(draws).toBe(0);
    expect(performance.getEntriesByType('mark')).toEqual([]);
  });

  test('shows nothing early when the newest part holds no match, and answers from every part', async () => {
    const { engine, urls } = setUp();
    let called = false;
    const outcome = await engine.search({ ...state, q: '起步' }, { onNewest: () => ((called = true), []) });
    expect(called).toBe(false);
    expect(outcome.pinned).toBe(0);
    expect(await urls(outcome.results)).toEqual(['/oldest/']);
  });

  test('once the older parts are merged, a search answers in one stage', async () => {
    const { engine } = setUp();
    await engine.search(state, { onNewest: (first) => first.results.map((result) => result.id) });
    let called = false;
    const outcome = await engine.search(state, { onNewest: () => ((called = true), []) });
    expect(called).toBe(false);
    expect(outcome.pinned).toBe(0);
    expect(outcome.results).toHaveLength(4);
  });

  test('with facets off, no filter file is loaded and no facet is counted', async () => {
    const { pagefind, engine } = setUp();
    const outcome = await engine.search(state, { facets: false });
    expect(pagefind.calls).not.toContain('filters');
    expect(outcome.results).toHaveLength(4);
    expect(Object.values(outcome.facets).every((values) => values.length === 0)).toBe(true);
  });
});

describe('the title lookup’s answer, before Pagefind’s', () => {
  const newest = [page('/newest-1/', '数字经济在二〇一八'), page('/newest-2/', '发展数字经济')];
  const older = { '/pagefind/shards/2017/': [{ url: '/older-title/', title: '数字经济', blocks: ['数字经济的一年'] }, page('/oldest/', '数字经济起步')] };
  // The fake numbers pages in order: the newest part's, then the older part's.
  const titled: TitleEntryWire = ['数字经济', 'zh-cn-x-2017_page-2', '/older-title/', '数字经济', '2017-05-01', '邵阳日报', '数字经济的一年'];
  const manifest = { merge: ['shards/2017/'], shards: [{ name: '2018', years: [2018], pages: 2 }, { name: '2017', years: [2017], pages: 2 }], titles: { buckets: 1 } };
  const state = { q: '数字经济', filters: {}, sort: 'relevance' as const };
  const bucketRequests: string[] = [];
  const withBucket = (bucket: unknown[]) => {
    bucketRequests.length = 0;
    vi.stubGlobal('fetch', async (url: string) => {
      if (url.startsWith('data:')) return new Response('');
      bucketRequests.push(url);
      return url === '/pagefind/titles/0.json' ? Response.json(bucket) : new Response('', { status: 404 });
    });
    return new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', manifest, importPagefind: async () => fakePagefind(newest, older) });
  };
  afterEach(() => vi.unstubAllGlobals());

  const run = async (engine: SearchEngine, searchState: SearchState = state) => {
    const draws: { kind: string; urls: string[]; below: boolean }[] = [];
    let complete: { urls: string[]; added: string[] | undefined } | undefined;
    performance.clearMarks();
    await searchInStages(engine, {
      surface: 'page',
      state: searchState,
      count: 10,
      rerank: true,
      facets: false,
      isStale: () => false,
      showEarly: (hits, answer, below) => draws.push({ kind: answer.kind, urls: hits.map((hit) => hit.url), below }),
      showComplete: (hits, _outcome, added) => (complete = { urls: hits.map((hit) => hit.url), added: added?.map((hit) => hit.url) }),
    });
    return { draws, complete, marks: performance.getEntriesByType('mark').map((mark) => mark.name) };
  };

  test('draws the page titled as the query first, the newest part’s below it, and the rest below those', async () => {
    const { draws, complete, marks } = await run(withBucket([titled]));
    expect(draws).toEqual([
      { kind: 'title', urls: ['/older-title/'], below: false },
      { kind: 'newest', urls: expect.arrayContaining(['/newest-1/', '/newest-2/']), below: true },
    ]);
    expect(draws[1]?.urls).toHaveLength(2);
    expect(complete?.urls.slice(0, 3)).toEqual([...(draws[0]?.urls ?? []), ...(draws[1]?.urls ?? [])]);
    expect(complete?.added).toEqual(['/oldest/']);
    expect(marks).toEqual(['annals:results-shown', 'annals:results-complete']);
  });

  test('renders the hit from the bucket: title and excerpt marked, under the site’s base', async () => {
    const [hit] = await withBucket([titled]).titleHits('数字 经济！', 10);
    expect(hit).toEqual({ id: 'zh-cn-x-2017_page-2', url: '/older-title/', titleHtml: '<mark>数字经济</mark>', date: '2017-05-01', source: '邵阳日报', excerptHtml: '<mark>数字经济</mark>的一年' });
  });

  test('is not asked for a filtered or newest-first search, whose first result it may not be', async () => {
    await run(withBucket([titled]), { ...state, filters: { year: '2018' } });
    await run(withBucket([titled]), { ...state, sort: 'newest' });
    expect(bucketRequests).toEqual([]);
  });

  test('a page the complete answer lacks stays where it was drawn, and nothing is drawn twice', async () => {
    const { draws, complete } = await run(withBucket([['数字经济', 'gone-id', '/removed/', '数字经济', '2017-05-01', '', '']]));
    expect(draws[0]).toEqual({ kind: 'title', urls: ['/removed/'], below: false });
    const shown = [...draws.flatMap((draw) => draw.urls), ...(complete?.added ?? [])];
    expect(new Set(shown).size).toBe(shown.length);
    expect(new Set(shown)).toEqual(new Set(['/removed/', '/newest-1/', '/newest-2/', '/older-title/', '/oldest/']));
  });
});

/** A small newest part (2019) and three older ones, as an archive looks early in a new year. */
const EARLY_YEAR = {
  newest: [page('/new-year/', '新年贺词')],
  older: {
    '/pagefind/shards/2018/': [page('/harvest-2018/', '秋收时节稻谷飘香'), page('/meeting-2018/', '全体会议')],
    '/pagefind/shards/2017/': [page('/bridge-2017/', '大桥通车'), page('/flood-2017/', '防汛抢险')],
    '/pagefind/shards/2016/': [page('/old-bridge/', '旧桥拆除'), page('/school-2016/', '学校开学')],
  } as Record<string, FakePage[]>,
  manifest: {
    merge: ['shards/2018/', 'shards/2017/', 'shards/2016/'],
    shards: [
      { name: '2019', years: [2019], pages: 1 },
      { name: '2018', years: [2018], pages: 2 },
      { name: '2017', years: [2017], pages: 2 },
      { name: '2016', years: [2016], pages: 2 },
    ],
  },
};

describe('a first answer whose newest part holds nothing', () => {
  const setUp = () => {
    const pagefind = fakePagefind(EARLY_YEAR.newest, EARLY_YEAR.older);
    return { pagefind, engine: new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', manifest: EARLY_YEAR.manifest, importPagefind: async () => pagefind }) };
  };

  test('asks the next part, newest first, and shows its answer before the rest are merged', async () => {
    const { pagefind, engine } = setUp();
    let early: { urls: string[]; span: string; merged: string[] } | undefined;
    const outcome = await engine.search({ q: '秋收', filters: {}, sort: 'relevance' }, {
      onNewest: async (first) => {
        early = { urls: await Promise.all(first.results.map(async (result) => (await result.data()).url)), span: spanLabel(first.newestParts ?? []), merged: pagefind.calls.filter((call) => call.startsWith('mergeIndex')) };
        return first.results.map((result) => result.id);
      },
    });
    expect(early).toEqual({ urls: ['/harvest-2018/'], span: '2018–2019 年', merged: ['mergeIndex /pagefind/shards/2018/'] });
    expect(pagefind.calls.filter((call) => call.startsWith('mergeIndex'))).toEqual(['mergeIndex /pagefind/shards/2018/', 'mergeIndex /pagefind/shards/2017/', 'mergeIndex /pagefind/shards/2016/']);
    expect(outcome.pinned).toBe(1);
  });

  test('asks part by part only while under half the archive has answered, then merges the rest at once', async () => {
    const { pagefind, engine } = setUp();
    let called = false;
    // 旧桥 is only in 2016. 2019 and 2018 hold 3 of 7 pages, under half: 2017 is asked too,
    // alone; with it 5 of 7 pages have answered, and 2016 is merged with whatever is left.
    const outcome = await engine.search({ q: '旧桥', filters: {}, sort: 'relevance' }, { onNewest: () => ((called = true), []) });
    expect(called).toBe(false);
    expect(await Promise.all(outcome.results.map(async (result) => (await result.data()).url))).toEqual(['/old-bridge/']);
    expect(pagefind.calls.filter((call) => call.startsWith('mergeIndex')).length).toBe(3);
    // One part was asked alone before the rest were merged together.
    const { calls } = pagefind;
    expect(calls.slice(calls.indexOf('mergeIndex /pagefind/shards/2018/'), calls.indexOf('mergeIndex /pagefind/shards/2017/'))).toContain('search');
    expect(calls.slice(calls.indexOf('mergeIndex /pagefind/shards/2017/'), calls.indexOf('mergeIndex /pagefind/shards/2016/'))).toContain('search');
  });

  test('later searches cover every part at once, and no part is merged twice when two searches overlap', async () => {
    const { pagefind, engine } = setUp();
    await Promise.all([engine.search({ q: '旧桥', filters: {}, sort: 'relevance' }, { onNewest: () => [] }), engine.search({ q: '秋收', filters: {}, sort: 'relevance' }, { onNewest: () => [] })]);
    expect(pagefind.calls.filter((call) => call.startsWith('mergeIndex')).sort()).toEqual(['mergeIndex /pagefind/shards/2016/', 'mergeIndex /pagefind/shards/2017/', 'mergeIndex /pagefind/shards/2018/']);
    let called = false;
    const outcome = await engine.search({ q: '大桥', filters: {}, sort: 'relevance' }, { onNewest: () => ((called = true), []) });
    expect(called).toBe(false);
    expect(outcome.results).toHaveLength(1);
  });
});

describe('the search engine with a recent-changes part (kept parts with stale pages)', () => {
  const at = (year: number, url: string, text: string): FakePage => ({ url, title: `标题${url}`, blocks: [text], filters: { year: [String(year)] } });
  // Ids follow the fake's order: newest part (2018) page-0, page-1; 2017 page-2, page-3; recent page-4 to page-6.
  const newest = [at(2018, '/newest-1/', '数字经济旧稿'), at(2018, '/newest-2/', '发展数字经济')];
  const parts = {
    '/pagefind/shards/2017/': [at(2017, '/older-1/', '数字经济原稿'), at(2017, '/older-2/', '数字经济已删')],
    '/pagefind/shards/recent/': [at(2018, '/newest-1/', '数字经济新稿'), at(2017, '/older-1/', '数字经济更正'), at(2018, '/newest-3/', '数字经济新闻')],
  };
  const manifest = {
    merge: ['shards/2017/'],
    shards: [
      { name: '2018', years: [2018], pages: 3 },
      { name: '2017', years: [2017], pages: 1 },
    ],
    recent: {
      path: 'shards/recent/',
      stale: ['zh-cn-x-2018_page-0', 'zh-cn-x-2017_page-2', 'zh-cn-x-2017_page-3'],
      pages: { 'zh-cn-x-recent_page-4': ['2018', 0.5] as [string, number], 'zh-cn-x-recent_page-5': ['2017', 0.5] as [string, number], 'zh-cn-x-recent_page-6': ['2018', 1.5] as [string, number] },
    },
  };
  const texts = (results: readonly { data(): Promise<{ url: string; content: string }> }[]) =>
    Promise.all(results.map(async (result) => { const data = await result.data(); return `${data.url}${fromIndexText(data.content).includes('新稿') ? ' 新稿' : fromIndexText(data.content).includes('更正') ? ' 更正' : ''}`; }));

  test('merges the recent part before the first answer, which holds the new pages of the newest years and no stale one', async () => {
    const pagefind = fakePagefind(newest, parts, '2018');
    const engine = new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', manifest, importPagefind: async () => pagefind });
    let first: string[] = [];
    let callsBefore: string[] = [];
    const outcome = await engine.search({ q: '数字经济', filters: {}, sort: 'relevance' }, {
      onNewest: async (answer) => {
        first = (await texts(answer.results)).sort();
        callsBefore = [...pagefind.calls];
        return answer.results.map((result) => result.id);
      },
    });
    expect(callsBefore).toContain('mergeIndex /pagefind/shards/recent/');
    expect(callsBefore).not.toContain('mergeIndex /pagefind/shards/2017/');
    // The corrected 2017 page waits for the complete answer, with the rest of 2017.
    expect(first).toEqual(['/newest-1/ 新稿', '/newest-2/', '/newest-3/']);
    expect((await texts(outcome.results)).sort()).toEqual(['/newest-1/ 新稿', '/newest-2/', '/newest-3/', '/older-1/ 更正']);
    // The facets count the pages a reader can find, not the stale copies.
    expect(outcome.facets.year).toEqual([{ value: '2018', count: 3 }, { value: '2017', count: 1 }]);
  });

  test('a filtered search and a search that only stale pages match leave them out too', async () => {
    const pagefind = fakePagefind(newest, parts, '2018');
    const engine = new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', manifest, importPagefind: async () => pagefind });
    expect(await texts((await engine.search({ q: '数字经济', filters: { year: '2017' }, sort: 'relevance' })).results)).toEqual(['/older-1/ 更正']);
    expect((await engine.search({ q: '已删', filters: {}, sort: 'relevance' })).results).toEqual([]);
    expect((await engine.search({ q: '旧稿', filters: {}, sort: 'relevance' })).results).toEqual([]);
  });
});

describe('a newest-first search over parts of months of one year (a year too big for one part)', () => {
  const dated = (url: string, date: string): FakePage => ({ url, title: `标题${url}`, blocks: ['数字经济'], date, filters: { year: [date.slice(0, 4)] } });
  // Pagefind scores a sorted result by its place in its own part, so these come back interleaved.
  const newest = [dated('/jul/', '2008-07-10'), dated('/nov/', '2008-11-02')];
  const parts = {
    '/pagefind/shards/2008m01-2008m06/': [dated('/feb/', '2008-02-01'), dated('/jun/', '2008-06-30')],
    '/pagefind/shards/2007/': [dated('/mar-2007/', '2007-03-01'), dated('/dec-2007/', '2007-12-31')],
    // Added since the first half's part was indexed: it sorts between that part's two pages.
    '/pagefind/shards/recent/': [dated('/may/', '2008-05-01')],
  };
  const manifest = {
    merge: ['shards/2008m01-2008m06/', 'shards/2007/'],
    shards: [
      { name: '2008m07-2008m12', years: [2008], months: [7, 12] as [number, number], pages: 2 },
      { name: '2008m01-2008m06', years: [2008], months: [1, 6] as [number, number], pages: 2 },
      { name: '2007', years: [2007], pages: 2 },
    ],
    recent: { path: 'shards/recent/', stale: [], pages: { 'zh-cn-x-recent_page-6': ['2008m01-2008m06', 0.5] as [string, number] } },
  };
  const setUp = () => {
    const pagefind = fakePagefind(newest, parts, '2008m07-2008m12');
    return new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', manifest, importPagefind: async () => pagefind });
  };
  const urlsOf = (results: readonly { data(): Promise<{ url: string }> }[]) => Promise.all(results.map(async (result) => (await result.data()).url));

  test('lists every page by date across the parts, the recent page in its own part’s place', async () => {
    const outcome = await setUp().search({ q: '数字经济', filters: {}, sort: 'newest' });
    expect(await urlsOf(outcome.results)).toEqual(['/nov/', '/jul/', '/jun/', '/may/', '/feb/', '/dec-2007/', '/mar-2007/']);
  });

  test('names the months the first answer covers, and holds back the recent page of a part not merged yet', async () => {
    let early: { urls: string[]; span: string } | undefined;
    await setUp().search({ q: '数字经济', filters: {}, sort: 'relevance' }, { onNewest: async (first) => ((early = { urls: (await urlsOf(first.results)).sort(), span: spanLabel(first.newestParts ?? []) }), []) });
    expect(early).toEqual({ urls: ['/jul/', '/nov/'], span: '2008 年 7–12 月' });
  });
});

describe('a first answer that starts in the part holding the query (the word-parts lookup)', () => {
  // The archive above, with the lookup the build writes for it (one bucket).
  const { newest, older: parts } = EARLY_YEAR;
  const keysOf = (pages: readonly FakePage[]) => keysOfWords(pages.flatMap((each) => [each.title, ...each.blocks]).flatMap((text) => toIndexText(text).split(' ')));
  const lookup = wordPartsBuckets([newest, ...Object.values(parts)].map(keysOf), 1);
  const manifest = { ...EARLY_YEAR.manifest, words: { buckets: 1 } };
  const setUp = (bucket: 'served' | 'missing' = 'served') => {
    vi.stubGlobal('fetch', async (url: string) => (url === '/pagefind/words/0.json' && bucket === 'served' ? Response.json(lookup[0]) : new Response('', { status: 404 })));
    const pagefind = fakePagefind(newest, parts);
    return { pagefind, engine: new SearchEngine({ pagefindUrl: '/pagefind/pagefind.js', foldUrl: 'data:,', baseUrl: '/', manifest, importPagefind: async () => pagefind }) };
  };
  afterEach(() => vi.unstubAllGlobals());
  const urlsOf = (results: readonly { data(): Promise<{ url: string }> }[]) => Promise.all(results.map(async (result) => (await result.data()).url));

  test('opens the newest part that holds every word of the query the page opened with, answers from it, then merges the rest, the newest part included', async () => {
    const { pagefind, engine } = setUp();
    await engine.load('旧桥');
    let early: { urls: string[]; span: string } | undefined;
    const outcome = await engine.search({ q: '旧桥', filters: {}, sort: 'relevance' }, { onNewest: async (first) => ((early = { urls: await urlsOf(first.results), span: spanLabel(first.newestParts ?? []) }), first.results.map((result) => result.id)) });
    expect(pagefind.calls[0]).toBe('open /pagefind/shards/2016/');
    expect(early).toEqual({ urls: ['/old-bridge/'], span: '2016 年' });
    expect(pagefind.calls.filter((call) => call.startsWith('mergeIndex')).sort()).toEqual(['mergeIndex /pagefind/./', 'mergeIndex /pagefind/shards/2017/', 'mergeIndex /pagefind/shards/2018/']);
    // Every part answers later searches, the newest (`/pagefind/./`) too.
    expect(await urlsOf((await engine.search({ q: '新年', filters: {}, sort: 'relevance' })).results)).toEqual(['/new-year/']);
    expect(outcome.pinned).toBe(1);
  });

  test('opened without a query, a first search goes straight to the newest part that holds it, skipping those that do not', async () => {
    const { pagefind, engine } = setUp();
    await engine.load();
    let early: string[] = [];
    await engine.search({ q: '大桥', filters: {}, sort: 'relevance' }, { onNewest: async (first) => ((early = await urlsOf(first.results)), []) });
    expect(early).toEqual(['/bridge-2017/']);
    const merges = pagefind.calls.filter((call) => call.startsWith('mergeIndex'));
    expect(merges[0]).toBe('mergeIndex /pagefind/shards/2017/');
    expect(pagefind.calls.slice(0, pagefind.calls.indexOf('mergeIndex /pagefind/shards/2018/'))).toContain('mergeIndex /pagefind/shards/2017/');
  });

  test('a query no part holds whole asks no part alone: the rest are merged at once', async () => {
    const { pagefind, engine } = setUp();
    let called = false;
    // 秋收 is in 2018 and 大桥 in 2017, never on one page: no part holds both.
    const outcome = await engine.search({ q: '秋收 大桥', filters: {}, sort: 'relevance' }, { onNewest: () => ((called = true), []) });
    expect(called).toBe(false);
    expect(outcome.results).toEqual([]);
    const { calls } = pagefind;
    const merges = calls.flatMap((call, at) => (call.startsWith('mergeIndex') ? [at] : []));
    expect(merges).toHaveLength(3);
    // No search between the merges: they went together.
    expect(calls.slice(merges[0], merges.at(-1))).not.toContain('search');
  });

  test('without its bucket, a first search asks the parts newest first, as without a lookup', async () => {
    const { pagefind, engine } = setUp('missing');
    await engine.load('旧桥');
    await engine.search({ q: '旧桥', filters: {}, sort: 'relevance' }, { onNewest: () => [] });
    expect(pagefind.calls).not.toContain('open /pagefind/shards/2016/');
    expect(pagefind.calls.filter((call) => call.startsWith('mergeIndex'))[0]).toBe('mergeIndex /pagefind/shards/2018/');
  });
});
