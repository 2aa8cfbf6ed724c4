/**
 * The browser side of the CJK layer: loads Pagefind and the folding table, asks Pagefind
 * for the query's probe tokens (`probeTokens`), keeps the pages where each query word is
 * present as a phrase (in their text, or `phraseStarts` from positions), and reads the
 * shown results back into title, date, source and a highlighted excerpt. Framework-free;
 * the search page, the header's search panel and the dev server share it.
 *
 * The first answer does not grow with the archive: Pagefind opens the newest index part
 * alone (`shards.ts`), the first search answers from it, and only then are the older parts
 * merged and the filters loaded. What the newest part's answer showed keeps its place in
 * the complete answer (`SearchStages.onNewest`). The recent-changes part, when there is
 * one, is merged with the newest part, and stale pages of kept parts are left out of every
 * answer (`recent-filter.ts`).
 */
import { decodeToken, fromIndexText, isCharToken, toIndexText } from './cjk.ts';
import { excerpt, highlight } from './excerpt.ts';
import { createFolder, foldQuery, identityFolder, type CharFolder } from './fold.ts';
import { FILTER_KEYS, type FilterKey } from './page-attributes.ts';
import { phraseStarts, planQuery, type QueryPlan, type QueryWord } from './query.ts';
import { RecentChanges } from './recent-filter.ts';
import { SHARD_MANIFEST_FILE, type ShardManifest } from './shards.ts';
import type { SearchState } from './url-state.ts';

interface PagefindFragment {
  url: string;
  content: string;
  meta: Record<string, string | undefined>;
  /** The page's filter values (Pagefind writes them into every fragment). */
  filters?: Record<string, string[]>;
}
interface PagefindResult {
  id: string;
  score: number;
  words: number[];
  data(): Promise<PagefindFragment>;
}
export type FilterCounts = Record<string, Record<string, number>>;
interface PagefindResponse {
  results: PagefindResult[];
  filters: FilterCounts;
  totalFilters: FilterCounts;
}
export interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  search(term: string | null, options?: { filters?: Record<string, string[]>; sort?: Record<string, string> }): Promise<PagefindResponse>;
  filters(): Promise<FilterCounts>;
  mergeIndex(path: string, options?: Record<string, unknown>): Promise<void>;
  /** Starts loading the first index part's metadata and WebAssembly (Pagefind 1.x). */
  init?(): Promise<void>;
}

export interface SearchHit {
  /** Pagefind's page id: what `SearchStages.onNewest` hands back. */
  id: string;
  url: string;
  titleHtml: string;
  date: string | undefined;
  source: string | undefined;
  excerptHtml: string;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchOutcome {
  plan: QueryPlan;
  /** Every page that holds each query word as a phrase, in rank order. */
  results: PagefindResult[];
  /** True when no page held the phrases and `results` only contain all their characters. */
  approximate: boolean;
  facets: Record<FilterKey, FacetValue[]>;
  /**
   * How many leading results were shown from the newest part's answer and keep their
   * places; the rank-based reordering in `hits` leaves them alone.
   */
  pinned: number;
  /** The newest part's years when the answer is from that part alone (`onNewest`), else undefined. */
  newestYears?: number[] | undefined;
}

/** How a caller takes part in a search that answers in stages. */
export interface SearchStages {
  /**
   * Called with the newest index part's answer while the older parts are still loading,
   * only when that answer has results that hold the query (not approximate ones) and the
   * older parts are not merged yet. Returns the ids of the results it showed, in the order
   * shown: the complete answer starts with them, in that order, so nothing a reader saw moves.
   */
  onNewest?: (outcome: SearchOutcome) => Promise<readonly string[]> | readonly string[];
  /** Whether to count facets (default true); the header's panel shows none. */
  facets?: boolean;
}
export interface EngineOptions {
  pagefindUrl: string;
  foldUrl: string;
  /** The site's base path, which Pagefind prefixes to result URLs. */
  baseUrl: string;
  /**
   * Up to this many results are checked in their own text rather than from positions
   * (default 10: the search page shows ten at a time, so their fragments are loaded anyway).
   */
  textCheckLimit?: number;
  /** Loads Pagefind's module; tests pass their own. */
  importPagefind?: (url: string) => Promise<PagefindApi>;
  /** The index parts' manifest; default: fetched from beside Pagefind's module (tests pass their own). */
  manifest?: ShardManifest | undefined;
}

interface PhraseCheck {
  /** Whether a result holds every query word as a phrase. */
  holds(result: PagefindResult): boolean;
  /** Whether it holds every bigram asked for, apart: the approximate fallback. */
  holdsApart(result: PagefindResult): boolean;
}

/** Years newest first; other facets by count, then by name. */
const facetOrder = (key: FilterKey) => (a: FacetValue, b: FacetValue) => (key === 'year' ? b.value.localeCompare(a.value) : b.count - a.count || a.value.localeCompare(b.value, 'zh'));

const noFacets = () => Object.fromEntries(FILTER_KEYS.map((key) => [key, [] as FacetValue[]])) as Record<FilterKey, FacetValue[]>;

const isHanWord = (word: { tokens: string[] }) => word.tokens.every((token) => decodeToken(token) !== undefined);

export class SearchEngine {
  #options: EngineOptions;
  #ready: Promise<{ pagefind: PagefindApi; fold: CharFolder }> | undefined;
  /** The older index parts' folders, merged after the first answer (`shards.ts`). */
  #olderParts: string[] = [];
  #newestYears: number[] | undefined;
  #merged: Promise<void> | undefined;
  /** How many index parts are merged: the newest (with the recent-changes part, if any) until the older parts are. */
  #parts = 1;
  #olderMerged = false;
  /** Stale ids and recent pages (`recent-filter.ts`), from the manifest. */
  #recent = new RecentChanges(undefined, undefined);
  #filterIds = new Map<string, Promise<Set<string>>>();
  /** Every filter value's count over the whole index, from `pagefind.filters()`: loaded for the first facets. */
  #indexFilters: Promise<FilterCounts> | undefined;
  /** Each result's fragment, loaded once: the text check, the facets and the shown hits all read it. */
  #fragments = new WeakMap<PagefindResult, Promise<PagefindFragment>>();

  /** `EngineOptions.textCheckLimit` with its default. */
  #textCheckLimit: number;

  constructor(options: EngineOptions) {
    this.#options = options;
    this.#textCheckLimit = options.textCheckLimit ?? 10;
  }

  /**
   * Starts loading Pagefind, the folding table and the newest index part (idempotent): call
   * it when a reader is about to search. The older parts and the filters wait for the first answer.
   */
  load(): Promise<{ pagefind: PagefindApi; fold: CharFolder }> {
    this.#ready ??= (async () => {
      const folder = this.#options.pagefindUrl.replace(/[^/]*$/, '');
      // Pagefind starts loading its entry file, metadata and WebAssembly as soon as its module
      // is here, while the folding table and the manifest are still on their way.
      const importPagefind = this.#options.importPagefind ?? ((url: string) => import(/* @vite-ignore */ url) as Promise<PagefindApi>);
      const started = importPagefind(this.#options.pagefindUrl).then(async (pagefind) => {
        // The main thread is fast enough for one query at a time and spares the 40 KB worker.
        await pagefind.options({ ...this.#partOptions(), noWorker: true });
        // Pagefind would otherwise start on the first search.
        void pagefind.init?.();
        return pagefind;
      });
      // No manifest (an index written before parts existed): one part.
      const manifested: Promise<ShardManifest | undefined> = this.#options.manifest
        ? Promise.resolve(this.#options.manifest)
        : fetch(`${folder}${SHARD_MANIFEST_FILE}`)
            .then((response) => (response.ok ? (response.json() as Promise<ShardManifest>) : undefined))
            .catch(() => undefined);
      // The recent-changes part is merged with the newest before the first answer: it is
      // small, and holds what was just published.
      const recentPath = manifested.then((manifest) => manifest?.recent?.path);
      const [pagefind, fold, manifest] = await Promise.all([
        Promise.all([started, recentPath]).then(async ([pagefind, path]) => {
          if (path) await pagefind.mergeIndex(`${folder}${path}`, this.#partOptions());
          return pagefind;
        }),
        fetch(this.#options.foldUrl)
          .then((response) => (response.ok ? response.text() : ''))
          .then((table) => (table ? createFolder(table) : identityFolder))
          .catch(() => identityFolder),
        manifested,
      ]);
      this.#olderParts = (manifest?.merge ?? []).map((path) => `${folder}${path}`);
      this.#newestYears = manifest?.shards[0]?.years;
      this.#recent = new RecentChanges(manifest?.recent, this.#newestYears);
      this.#parts = manifest?.recent?.path ? 2 : 1;
      return { pagefind, fold };
    })();
    this.#ready.catch(() => {
      this.#ready = undefined;
    });
    return this.#ready;
  }

  #partOptions() {
    return { baseUrl: this.#options.baseUrl, excerptLength: 0 };
  }

  /** Merges the older index parts (idempotent): every search from then on covers the whole archive. */
  #mergeOlderParts(pagefind: PagefindApi): Promise<void> {
    this.#merged ??= (async () => {
      await Promise.all(this.#olderParts.map((path) => pagefind.mergeIndex(path, this.#partOptions())));
      this.#parts += this.#olderParts.length;
      this.#olderMerged = true;
    })();
    this.#merged.catch(() => {
      this.#merged = undefined;
    });
    return this.#merged;
  }

  async search(state: SearchState, stages: SearchStages = {}): Promise<SearchOutcome> {
    const { pagefind, fold } = await this.load();
    const plan = planQuery(state.q, fold);
    if (plan.words.length === 0) return { plan, results: [], approximate: false, facets: noFacets(), pinned: 0 };
    let pinned: PagefindResult[] = [];
    if (stages.onNewest && this.#merged === undefined && this.#olderParts.length > 0) {
      const newest = await this.#answer(pagefind, plan, state, false);
      if (newest.results.length > 0 && !newest.approximate) {
        const byId = new Map(newest.results.map((result) => [result.id, result]));
        const shown = await stages.onNewest({ ...newest, newestYears: this.#newestYears });
        pinned = shown.flatMap((id) => byId.get(id) ?? []);
      }
    }
    await this.#mergeOlderParts(pagefind);
    const complete = await this.#answer(pagefind, plan, state, stages.facets ?? true);
    if (pinned.length === 0) return complete;
    // The newest part's verified results are verified in the whole index too; the shown ones
    // lead, in the order shown, and the rest follow in rank order.
    const shownIds = new Set(pinned.map((result) => result.id));
    return { ...complete, results: [...pinned, ...complete.results.filter((result) => !shownIds.has(result.id))], pinned: pinned.length };
  }

  /** One answer from the index parts loaded now. */
  async #answer(pagefind: PagefindApi, plan: QueryPlan, state: SearchState, withFacets: boolean): Promise<SearchOutcome> {
    // Pagefind counts filter values only once their chunks are loaded (by `filters()`), and
    // only the facets need the counts: they are loaded before the first answer with facets.
    const indexFilters = withFacets ? await (this.#indexFilters ??= pagefind.filters()) : {};
    const filters = Object.fromEntries(Object.entries(state.filters).map(([key, value]) => [key, [value]]));
    const options = { filters, ...(state.sort === 'newest' ? { sort: { date: 'desc' } } : {}) };
    // The loose search ranks and counts; then each result is checked for every word as a
    // phrase. Phrases are Han words of two characters or more; a one-character word is a
    // prefix search with nothing to chain, and numbers and Latin words are Pagefind's own:
    // their loose matches stand.
    const phrased = plan.words.filter((word) => isHanWord(word) && !(word.tokens.length === 1 && isCharToken(word.tokens[0] ?? '')));
    // A long query first asks for a few of its tokens: for most titles that already leaves
    // a handful of pages, checked in their text, and Pagefind's time grows with every token
    // (xwlb, cached chunks: 2 tokens 52 ms, 4 tokens 75 ms, 8 tokens 120 ms per search).
    let response = await pagefind.search(plan.narrowTerm, options);
    if (plan.narrowTerm !== plan.term && (phrased.length === 0 || response.results.length > this.#textCheckLimit)) response = await pagefind.search(plan.term, options);
    // Stale pages of kept parts are never shown or counted (`recent-filter.ts`); with any
    // left out, the facets below are recounted over the results rather than taken from Pagefind.
    const found = this.#recent.visible(response.results, this.#olderMerged);
    const check =
      phrased.length === 0
        ? { holds: () => true, holdsApart: () => true }
        : found.length <= this.#textCheckLimit
          ? await this.#checkByText(found, phrased)
          : await this.#checkByPositions(pagefind, phrased, filters);
    const verified = found.filter(check.holds);
    // Phrase first; only when no page holds the words, pages that hold every one of their
    // bigrams apart are offered, and the page says so.
    let results = verified;
    let approximate = false;
    if (verified.length === 0 && found.length > 0) {
      results = found.filter(check.holdsApart);
      approximate = results.length > 0;
    }
    if (state.sort === 'newest' && this.#parts > 1) results = await this.#newestAcrossParts(pagefind, response, results);
    const facets = withFacets ? await this.#facets(pagefind, response, results, indexFilters) : noFacets();
    return { plan, results, approximate, facets, pinned: 0 };
  }

  /**
   * A few results (a title, a rare name) are checked in their own text: the fragments are
   * the ones the page shows next, so this costs no extra transfer and spares two searches
   * per token over every page that has it (about 80 ms each for a title's common bigrams).
   */
  async #checkByText(results: readonly PagefindResult[], phrased: readonly QueryWord[]): Promise<PhraseCheck> {
    const texts = new Map(await Promise.all(results.map(async (result) => [result, fromIndexText((await this.#data(result)).content, '\n')] as const)));
    // The bigrams the word was asked for (`QueryWord.offsets`), as the positions check has them.
    const bigrams = (word: QueryWord) => {
      const chars = [...word.text];
      return word.offsets.map((offset) => (chars[offset] ?? '') + (chars[offset + 1] ?? ''));
    };
    return {
      holds: (result) => phrased.every((word) => texts.get(result)?.includes(word.text) === true),
      holdsApart: (result) => phrased.every((word) => bigrams(word).every((bigram) => texts.get(result)?.includes(bigram) === true)),
    };
  }

  /**
   * Many results are checked from Pagefind's positions: a search for each token alone says
   * where it is on each page, and a page holds a word where its tokens sit at their offsets.
   * The probe tokens' chunks are already loaded; a long word's other bigrams cost theirs.
   */
  async #checkByPositions(pagefind: PagefindApi, phrased: readonly QueryWord[], filters: Record<string, string[]>): Promise<PhraseCheck> {
    const tokens = [...new Set(phrased.flatMap((word) => word.tokens))];
    // A word of one token (两会, 文化) is present wherever the token itself is: its positions,
    // a second search over every page that has it, would prove nothing more.
    const chained = new Set(phrased.filter((word) => word.tokens.length > 1).flatMap((word) => word.tokens));
    const positions = new Map(
      await Promise.all(tokens.map(async (token) => [token, chained.has(token) ? await this.#positions(pagefind, token, filters) : await this.#pagesWith(pagefind, token, filters)] as const)),
    );
    return {
      holds: (result) =>
        phrased.every((word) =>
          word.tokens.length === 1 ? positions.get(word.tokens[0] ?? '')?.has(result.id) === true : phraseStarts(word, (token) => positions.get(token)?.get(result.id)).length > 0,
        ),
      holdsApart: (result) => tokens.every((token) => positions.get(token)?.has(result.id)),
    };
  }

  /** The pages that have `token` itself (exact mode), without its positions. */
  async #pagesWith(pagefind: PagefindApi, token: string, filters: Record<string, string[]>): Promise<Map<string, Set<number>>> {
    const exact = await pagefind.search(`"${token}"`, { filters });
    return new Map(exact.results.map((result) => [result.id, new Set<number>()]));
  }

  /**
   * Where `token` is on each page that has it. Exact mode ("…") says which pages have the
   * token itself, but reports only one of its positions; a loose search reports them all,
   * but in an index part where the token is missing it falls back to the longest indexed
   * prefix (the token's first character alone), so only pages exact mode names are kept.
   */
  async #positions(pagefind: PagefindApi, token: string, filters: Record<string, string[]>): Promise<Map<string, Set<number>>> {
    const [exact, loose] = await Promise.all([pagefind.search(`"${token}"`, { filters }), pagefind.search(token, { filters })]);
    const holding = new Set(exact.results.map((result) => result.id));
    return new Map(loose.results.filter((result) => holding.has(result.id)).map((result) => [result.id, new Set(result.words)]));
  }

  /**
   * Pagefind merges parts by score, and a sorted search scores by position within its own
   * part, so newest-first lists from several parts come back interleaved. Every year lies
   * in exactly one part (`shards.ts`), and within a part the order is right: grouping by
   * year, newest first, restores the date order. A year's pages in the recent-changes part
   * carry the score their year's part would give them (`RecentChanges.sortScore`).
   */
  async #newestAcrossParts(pagefind: PagefindApi, response: PagefindResponse, results: PagefindResult[]): Promise<PagefindResult[]> {
    const years = Object.entries(response.filters['year'] ?? {})
      .filter(([, count]) => count > 0)
      .map(([year]) => year)
      .sort((a, b) => b.localeCompare(a));
    const yearSets = await Promise.all(years.map((year) => this.#idsWith(pagefind, 'year', year)));
    const rank = (result: PagefindResult) => {
      const at = yearSets.findIndex((ids) => ids.has(result.id));
      return at < 0 ? years.length : at;
    };
    return results
      .map((result, index) => ({ result, index, year: rank(result), score: this.#recent.sortScore(result) }))
      .sort((a, b) => a.year - b.year || b.score - a.score || a.index - b.index)
      .map(({ result }) => result);
  }

  /** Pagefind's counts, recounted over the verified results when verification removed pages. */
  async #facets(pagefind: PagefindApi, response: PagefindResponse, results: PagefindResult[], indexFilters: FilterCounts): Promise<Record<FilterKey, FacetValue[]>> {
    const exact = results.length === response.results.length;
    const ids = exact ? undefined : new Set(results.map((result) => result.id));
    // Every page has one year, so the years' counts add up to the index's pages. A value on
    // all of them (an archive's only source) is on every result without asking: finding its
    // pages took 836 ms over xwlb's 19,877.
    const indexPages = Object.values(indexFilters['year'] ?? {}).reduce((sum, count) => sum + count, 0);
    // Few results are all on the first page, so their fragments are loaded anyway: their own
    // filter values count them without a search per value. (No gain measured on xwlb, with
    // one source and no people; an archive with reporters has a value per person.)
    const fragments = ids && results.length <= this.#textCheckLimit ? await Promise.all(results.map((result) => this.#data(result))) : undefined;
    const facets = {} as Record<FilterKey, FacetValue[]>;
    for (const key of FILTER_KEYS) {
      const counts = response.filters[key] ?? {};
      if (fragments) {
        const values = new Map<string, number>();
        for (const fragment of fragments) for (const value of new Set(fragment.filters?.[key] ?? [])) values.set(value, (values.get(value) ?? 0) + 1);
        facets[key] = [...values].map(([value, count]) => ({ value, count })).sort(facetOrder(key));
        continue;
      }
      const values: FacetValue[] = [];
      for (const [value, count] of Object.entries(counts)) {
        if (count === 0) continue;
        if (!ids) {
          values.push({ value, count });
          continue;
        }
        if (indexPages > 0 && indexFilters[key]?.[value] === indexPages) {
          if (ids.size > 0) values.push({ value, count: ids.size });
          continue;
        }
        const withValue = await this.#idsWith(pagefind, key, value);
        let recount = 0;
        for (const id of ids) if (withValue.has(id)) recount++;
        if (recount > 0) values.push({ value, count: recount });
      }
      facets[key] = values.sort(facetOrder(key));
    }
    return facets;
  }

  #data(result: PagefindResult): Promise<PagefindFragment> {
    let fragment = this.#fragments.get(result);
    if (!fragment) {
      fragment = result.data();
      this.#fragments.set(result, fragment);
    }
    return fragment;
  }

  #idsWith(pagefind: PagefindApi, key: string, value: string): Promise<Set<string>> {
    const cacheKey = `${key}\u0000${value}`;
    let ids = this.#filterIds.get(cacheKey);
    if (!ids) {
      ids = pagefind.search(null, { filters: { [key]: [value] } }).then((response) => new Set(response.results.map((result) => result.id)));
      this.#filterIds.set(cacheKey, ids);
    }
    return ids;
  }

  /**
   * Loads and renders results `[from, to)`. Within the first window, pages whose title is
   * the query, then pages with every query word in the title, move ahead of the rest
   * (relevance order only): Pagefind weighs titles, but not enough for known-item queries.
   * Results already shown (`SearchOutcome.pinned`) keep their places.
   */
  async hits(outcome: SearchOutcome, from: number, to: number, rerank: boolean): Promise<SearchHit[]> {
    const { fold } = await this.load();
    const words = outcome.plan.words.map((word) => word.text);
    const slice = outcome.results.slice(from, to);
    const loaded = await Promise.all(slice.map(async (result) => ({ result, data: await this.#data(result) })));
    const ranked = loaded.map(({ result, data }, index) => {
      const title = data.meta['title'] ?? data.url;
      const foldedTitle = foldQuery(title, fold);
      const allInTitle = words.every((word) => foldedTitle.includes(word));
      const titleText = foldedTitle.replace(/[\s\p{P}\p{S}]+/gu, '');
      const queryText = words.join('');
      const rank = titleText === queryText ? 0 : allInTitle ? 1 : 2;
      return { result, data, title, rank, index };
    });
    if (rerank && from === 0) {
      const movable = ranked.splice(outcome.pinned);
      ranked.push(...movable.sort((a, b) => a.rank - b.rank || a.index - b.index));
    }
    return ranked.map(({ result, data, title }) => {
      const text = fromIndexText(data.content);
      const titleAsIndexed = fromIndexText(toIndexText(title, fold));
      const body = text.startsWith(titleAsIndexed) ? text.slice(titleAsIndexed.length) : text;
      return {
        id: result.id,
        url: data.url,
        titleHtml: highlight(title, words, fold),
        date: data.meta['date'],
        source: data.meta['source'],
        excerptHtml: excerpt(body.trim(), words, fold),
      };
    });
  }
}
