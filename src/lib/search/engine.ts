/**
 * The browser side of the CJK layer: loads Pagefind and the folding table, asks Pagefind
 * for the query's probe tokens (`probeTokens`), keeps the pages where each query word is
 * present as a phrase (in their text, or `phraseStarts` from positions), and reads the
 * shown results back into title, date, source and a highlighted excerpt. Framework-free;
 * the search page, the header's search panel and the dev server share it.
 *
 * The first answer does not grow with the archive: Pagefind opens one index part
 * (`shards.ts`), the newest that holds every word of the query (`word-parts.ts`) when the
 * query is known as it loads, else the newest; the first search answers from it (or, when
 * it holds nothing, from the next parts that may, merged one at a time, newest first), and
 * only then are the other parts merged and the filters loaded. A whole title is answered
 * before that, from the title lookup (`titleHits`, `title-lookup.ts`), while Pagefind is
 * still loading. What an early
 * answer showed keeps its place in the complete answer (`SearchStages`). The recent-changes
 * part, when there is one, is merged with the first part, and stale pages of kept parts
 * are left out of every answer (`recent-filter.ts`).
 */
import { decodeToken, fromIndexText, isCharToken } from './cjk.ts';
import { excerpt, highlight } from './excerpt.ts';
import { createFolder, foldQuery, identityFolder, type CharFolder } from './fold.ts';
import { FILTER_KEYS, type FilterKey } from './page-attributes.ts';
import { phraseStarts, planQuery, type QueryPlan, type QueryWord } from './query.ts';
import { RecentChanges } from './recent-filter.ts';
import { partOfPageId, SHARD_MANIFEST_FILE, type PartSpan, type SearchShard, type ShardManifest } from './shards.ts';
import { pagesTitled, textAfterTitle, TITLE_FOLDER, titleBucket, titleKey } from './title-lookup.ts';
import type { SearchState } from './url-state.ts';
import { partsHolding, queryKeys, queryTrigrams, trigramBucket, WORD_PARTS_FOLDER, wordBucket } from './word-parts.ts';

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
  /** Starts loading the first index part's metadata and WebAssembly (Pagefind 1.x); `options({ basePath })` before it picks that part. */
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
   * How many leading results were shown before the complete answer (from the title lookup
   * or the newest part's answer) and keep their places; the rank-based reordering in `hits`
   * leaves them alone.
   */
  pinned: number;
  /** The spans of the parts an early answer (`onNewest`) covers, newest first; else undefined. */
  newestParts?: PartSpan[] | undefined;
}

/** How a caller takes part in a search that answers in stages. */
export interface SearchStages {
  /**
   * The ids of results already on screen before Pagefind answered (`titleHits`), in the
   * order shown: the answers leave them out of what they offer to be shown, and the complete
   * answer starts with them.
   */
  leading?: Promise<readonly string[]> | readonly string[];
  /**
   * Called with the first index part's answer while the other parts are still loading (or,
   * when it holds nothing, the answer of the next parts that may, merged one at a time, up
   * to `EARLY_PARTS`), only when that answer has results that hold the query (not
   * approximate ones), other than the `leading` ones, and some older part is not merged yet. Returns the ids of the
   * results it showed, in the order shown: the complete answer starts with them, after the
   * leading ones, in that order, so nothing a reader saw moves.
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

/** The most index parts a first answer asks before the rest are merged together (`SearchEngine.#nextEarlyPart`). */
export const EARLY_PARTS = 3;

const isHanWord = (word: { tokens: string[] }) => word.tokens.every((token) => decodeToken(token) !== undefined);

export class SearchEngine {
  #options: EngineOptions;
  #ready: Promise<{ pagefind: PagefindApi; fold: CharFolder }> | undefined;
  #basicsLoaded: Promise<{ fold: CharFolder; manifest: ShardManifest | undefined }> | undefined;
  /** Every index part's folder, newest first (`shards.ts`): the first is Pagefind's own. */
  #partFolders: string[] = [];
  /** Every part's name, span and pages, newest first, from the manifest. */
  #shards: SearchShard[] = [];
  /** The parts Pagefind has, by their place in `#partFolders`: the one it opened (its base path), then those merged. */
  #merged = new Set<number>();
  /** The word-parts lookup's bucket files, by number, fetched once each. */
  #wordBuckets = new Map<number, Promise<unknown>>();
  /** Merges run one batch at a time, so no part is ever merged twice. */
  #merging: Promise<void> = Promise.resolve();
  /** Whether the recent-changes part is merged with the first part (`recent-filter.ts`). */
  #hasRecentPart = false;
  /** Stale ids and recent pages (`recent-filter.ts`), from the manifest. */
  #recent = new RecentChanges(undefined);
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
   * Starts loading Pagefind, the folding table and the first index part (idempotent): call
   * it when a reader is about to search. With the query a page opened with, the first part
   * is the newest that holds its words (`word-parts.ts`), at the cost of asking the lookup
   * before Pagefind's metadata; without, the newest, loading at once. The other parts and
   * the filters wait for the first answer.
   */
  load(query?: string): Promise<{ pagefind: PagefindApi; fold: CharFolder }> {
    this.#ready ??= (async () => {
      // Pagefind's module loads while the folding table and the manifest are on their way.
      const importPagefind = this.#options.importPagefind ?? ((url: string) => import(/* @vite-ignore */ url) as Promise<PagefindApi>);
      const opening = query === undefined ? Promise.resolve(0) : this.#basics().then(async ({ fold }) => (await this.#partsFor(query, fold))?.[0] ?? 0);
      const started = Promise.all([importPagefind(this.#options.pagefindUrl), opening]).then(async ([pagefind, opened]) => {
        // The main thread is fast enough for one query at a time and spares the 40 KB worker.
        await pagefind.options({ ...this.#partOptions(), noWorker: true, ...(opened > 0 ? { basePath: this.#partFolders[opened] } : {}) });
        this.#merged = new Set([opened]);
        // Pagefind would otherwise start on the first search.
        void pagefind.init?.();
        return pagefind;
      });
      const [pagefind, { fold, manifest }] = await Promise.all([started, this.#basics()]);
      // The recent-changes part is merged with the first before the first answer: it is
      // small, and holds what was just published.
      const recentPath = manifest?.recent?.path;
      if (recentPath) await pagefind.mergeIndex(`${this.#folder}${recentPath}`, this.#partOptions());
      this.#hasRecentPart = recentPath !== undefined;
      return { pagefind, fold };
    })();
    this.#ready.catch(() => {
      this.#ready = undefined;
    });
    return this.#ready;
  }

  /**
   * The parts (places in `#partFolders`, newest first) that hold every word of `query`, as
   * far as its bigrams and trigrams tell (`word-parts.ts`); undefined when that is not
   * known (no lookup, no Han word, a bucket that could not be fetched): then any part may.
   */
  async #partsFor(query: string, fold: CharFolder): Promise<number[] | undefined> {
    const { manifest } = await this.#basics();
    const buckets = manifest?.words?.buckets;
    const plan = planQuery(query, fold);
    const keys = queryKeys(plan);
    if (!buckets || keys.length === 0) return undefined;
    const trigrams = queryTrigrams(plan);
    const bucketOf = (asked: { key: string } | { trigram: string }) => ('key' in asked ? wordBucket(asked.key, buckets) : trigramBucket(asked.trigram, buckets));
    const wanted = [...new Set([...keys.map((key) => bucketOf({ key })), ...trigrams.map((trigram) => bucketOf({ trigram }))])];
    const files = new Map(
      await Promise.all(
        wanted.map(async (bucket) => {
          let file = this.#wordBuckets.get(bucket);
          if (!file) {
            file = fetch(`${this.#folder}${WORD_PARTS_FOLDER}/${bucket}.json`)
              .then((response) => (response.ok ? (response.json() as Promise<unknown>) : undefined))
              .catch(() => undefined);
            this.#wordBuckets.set(bucket, file);
          }
          return [bucket, await file] as const;
        }),
      ),
    );
    return partsHolding(keys, trigrams, (asked) => files.get(bucketOf(asked)), this.#partFolders.length);
  }

  /** The folding table and the manifest (what the title lookup needs), without waiting for Pagefind. */
  #basics(): Promise<{ fold: CharFolder; manifest: ShardManifest | undefined }> {
    this.#basicsLoaded ??= (async () => {
      const [fold, manifest] = await Promise.all([
        fetch(this.#options.foldUrl)
          .then((response) => (response.ok ? response.text() : ''))
          .then((table) => (table ? createFolder(table) : identityFolder))
          .catch(() => identityFolder),
        // No manifest (an index written before parts existed): one part.
        this.#options.manifest ??
          fetch(`${this.#folder}${SHARD_MANIFEST_FILE}`)
            .then((response) => (response.ok ? (response.json() as Promise<ShardManifest>) : undefined))
            .catch(() => undefined),
      ]);
      this.#partFolders = [this.#folder, ...(manifest?.merge ?? []).map((path) => `${this.#folder}${path}`)];
      this.#shards = manifest?.shards ?? [];
      this.#recent = new RecentChanges(manifest?.recent);
      return { fold, manifest };
    })();
    return this.#basicsLoaded;
  }

  /** Pagefind's folder, where the index parts, the manifest and the title lookup live. */
  get #folder(): string {
    return this.#options.pagefindUrl.replace(/[^/]*$/, '');
  }

  /**
   * The pages whose whole title is `query` (`title-lookup.ts`), rendered as results, newest
   * first, at most `limit`: one small request, answered while Pagefind is still loading.
   * None when the index has no lookup or the bucket cannot be fetched: the search answers
   * them anyway.
   */
  async titleHits(query: string, limit: number): Promise<SearchHit[]> {
    void this.load().catch(() => {});
    const { fold, manifest } = await this.#basics();
    const buckets = manifest?.titles?.buckets;
    const key = titleKey(query, fold);
    if (!buckets || !key) return [];
    const bucket: unknown = await fetch(`${this.#folder}${TITLE_FOLDER}/${titleBucket(key, buckets)}.json`)
      .then((response) => (response.ok ? response.json() : []))
      .catch(() => []);
    const words = planQuery(query, fold).words.map((word) => word.text);
    return pagesTitled(bucket, key)
      .slice(0, limit)
      .map((page) => ({
        id: page.id,
        url: this.#fullUrl(page.url),
        titleHtml: highlight(page.title, words, fold),
        date: page.date,
        source: page.source,
        excerptHtml: excerpt(page.lead, words, fold),
      }));
  }

  /** A page URL as Pagefind gives it: under the site's base path. */
  #fullUrl(url: string): string {
    return /^(https?:)?\/\//.test(url) ? url : `${this.#options.baseUrl}/${url}`.replace(/\/+/g, '/');
  }

  #partOptions() {
    return { baseUrl: this.#options.baseUrl, excerptLength: 0 };
  }

  /**
   * Merges `parts` (places in `#partFolders`; default every part) that Pagefind does not
   * have yet, together (idempotent): once every part is, every search covers the whole archive.
   */
  #mergeParts(pagefind: PagefindApi, parts: readonly number[] = this.#partFolders.map((_, part) => part)): Promise<void> {
    const merged = this.#merging.then(async () => {
      const next = parts.filter((part) => !this.#merged.has(part));
      // Pagefind skips a merge whose path its opened part's folder starts with, as the
      // newest part's folder (`/pagefind/`) is for every other part's: `./` spells the same
      // folder so that it does not.
      await Promise.all(next.map((part) => pagefind.mergeIndex(part === 0 ? `${this.#folder}./` : (this.#partFolders[part] ?? ''), this.#partOptions())));
      for (const part of next) this.#merged.add(part);
    });
    this.#merging = merged.catch(() => {});
    return merged;
  }

  /** Whether every part is merged. */
  get #complete(): boolean {
    return this.#merged.size >= this.#partFolders.length;
  }

  /** The merged parts, newest first. */
  get #mergedParts(): SearchShard[] {
    return [...this.#merged].sort((a, b) => a - b).flatMap((part) => this.#shards[part] ?? []);
  }

  /** How many index parts a search covers now, the recent-changes part included. */
  get #parts(): number {
    return this.#merged.size + (this.#hasRecentPart ? 1 : 0);
  }

  /**
   * The part a first answer that found nothing may merge next and ask again, before merging
   * the rest together: the newest not merged of those that may hold the query (`candidates`,
   * every part when not known), while the parts asked hold under half the archive's pages,
   * and at most `EARLY_PARTS` in all. An old topic then answers from the years that have
   * it; one in no recent year waits for the rest, merged at once.
   */
  #nextEarlyPart(candidates: readonly number[] | undefined): number | undefined {
    if (this.#merged.size >= EARLY_PARTS) return undefined;
    const pages = (part: number) => this.#shards[part]?.pages ?? 0;
    const asked = [...this.#merged].reduce((sum, part) => sum + pages(part), 0);
    const total = this.#partFolders.reduce((sum, _, part) => sum + pages(part), 0);
    if (asked * 2 >= total) return undefined;
    return (candidates ?? this.#partFolders.map((_, part) => part)).find((part) => !this.#merged.has(part));
  }

  async search(state: SearchState, stages: SearchStages = {}): Promise<SearchOutcome> {
    const { pagefind, fold } = await this.load();
    const plan = planQuery(state.q, fold);
    if (plan.words.length === 0) return { plan, results: [], approximate: false, facets: noFacets(), pinned: 0 };
    // The ids already on screen (the title lookup's), then those the first part's answer shows.
    const shownIds = [...((await stages.leading) ?? [])];
    const shownResults = new Map<string, PagefindResult>();
    if (stages.onNewest && !this.#complete) {
      const unseenIn = (answer: SearchOutcome) => (answer.approximate ? [] : answer.results.filter((result) => !shownIds.includes(result.id)));
      const candidates = await this.#partsFor(state.q, fold);
      let newest = await this.#answer(pagefind, plan, state, false);
      for (let next = this.#nextEarlyPart(candidates); unseenIn(newest).length === 0 && next !== undefined; next = this.#nextEarlyPart(candidates)) {
        await this.#mergeParts(pagefind, [next]);
        newest = await this.#answer(pagefind, plan, state, false);
      }
      for (const result of newest.results) if (shownIds.includes(result.id)) shownResults.set(result.id, result);
      const unseen = unseenIn(newest);
      if (unseen.length > 0 && !this.#complete) {
        const byId = new Map(unseen.map((result) => [result.id, result]));
        for (const id of await stages.onNewest({ ...newest, results: unseen, newestParts: this.#mergedParts })) {
          const result = byId.get(id);
          if (!result) continue;
          shownIds.push(id);
          shownResults.set(id, result);
        }
      }
    }
    await this.#mergeParts(pagefind);
    const complete = await this.#answer(pagefind, plan, state, stages.facets ?? true);
    if (shownIds.length === 0) return complete;
    // What was shown is verified in the whole index too; it leads, in the order shown, and
    // the rest follows in rank order. A shown page the complete answer lacks keeps its place
    // on screen but is not counted.
    for (const result of complete.results) if (shownIds.includes(result.id) && !shownResults.has(result.id)) shownResults.set(result.id, result);
    const pinned = shownIds.flatMap((id) => shownResults.get(id) ?? []);
    const pinnedIds = new Set(pinned.map((result) => result.id));
    return { ...complete, results: [...pinned, ...complete.results.filter((result) => !pinnedIds.has(result.id))], pinned: pinned.length };
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
    const found = this.#recent.visible(response.results, this.#complete ? undefined : new Set(this.#mergedParts.map((part) => part.name)));
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
    if (state.sort === 'newest' && this.#parts > 1) results = this.#newestAcrossParts(results);
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
   * part, so newest-first lists from several parts come back interleaved. Parts never
   * overlap in time (`shards.ts`), and within a part the order is right: grouping by part,
   * newest first, restores the date order. A result's part is named in its page id
   * (`partOfPageId`); a page of the recent-changes part carries the part it belongs to and
   * the score that part would give it (`RecentChanges`).
   */
  #newestAcrossParts(results: PagefindResult[]): PagefindResult[] {
    const names = this.#shards.map((part) => part.name);
    const rank = (result: PagefindResult) => {
      const owner = this.#recent.partOf(result.id);
      const at = owner === undefined ? partOfPageId(this.#shards, result.id) : names.indexOf(owner);
      return at === undefined || at < 0 ? names.length : at;
    };
    return results
      .map((result, index) => ({ result, index, part: rank(result), score: this.#recent.sortScore(result) }))
      .sort((a, b) => a.part - b.part || b.score - a.score || a.index - b.index)
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
      const rank = titleKey(title, fold) === words.join('') ? 0 : allInTitle ? 1 : 2;
      return { result, data, title, rank, index };
    });
    if (rerank && from === 0) {
      const movable = ranked.splice(outcome.pinned);
      ranked.push(...movable.sort((a, b) => a.rank - b.rank || a.index - b.index));
    }
    return ranked.map(({ result, data, title }) => {
      const body = textAfterTitle(fromIndexText(data.content), title, fold);
      return {
        id: result.id,
        url: data.url,
        titleHtml: highlight(title, words, fold),
        date: data.meta['date'],
        source: data.meta['source'],
        excerptHtml: excerpt(body, words, fold),
      };
    });
  }
}
