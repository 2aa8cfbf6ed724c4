/**
 * From what a reader typed to what Pagefind is asked, and back: which results really contain
 * every word the reader typed, as a phrase.
 *
 * Pagefind matches each token anywhere on a page; a page with 两 and 会 far apart, or with
 * 数字 and 经济 in different sentences, is not a match for 两会 or 数字经济. Its results carry
 * the positions of every matched token, and with one token per character position (see
 * `cjk.ts`) a phrase is present exactly where each of its tokens sits at its own offset from
 * a common start.
 */
import { isHan, runTokens } from './cjk.ts';
import { foldQuery, type CharFolder } from './fold.ts';

export interface QueryWord {
  /** The word as the index spells it (folded). */
  text: string;
  /** Every token that proves the word (`hanTokens`), in order; the first search asks for some (`probeTokens`). */
  tokens: string[];
  /** Where each token sits on a page that holds the word, counted from the word's first position. */
  offsets: number[];
}

/**
 * A query run's tokens: every other bigram, and the last one, which together cover every
 * character (习近平同乌兹 → 习近 平同 乌兹). On a page a bigram sits at its first
 * character's position, so the run is present where each chosen bigram sits at its own
 * offset from a common start. Asking for half the bigrams halves the index chunks a long
 * query (a title) fetches; the overlapping ones prove nothing the chosen ones do not.
 * A single character is asked for alone, by prefix: it reaches every bigram starting with it.
 */
function hanTokens(run: string[]): Pick<QueryWord, 'tokens' | 'offsets'> {
  const tokens = runTokens(run);
  if (run.length === 1) return { tokens, offsets: [0] };
  const last = run.length - 2;
  const offsets: number[] = [];
  for (let offset = 0; offset < last; offset += 2) offsets.push(offset);
  offsets.push(last);
  return { tokens: offsets.map((offset) => tokens[offset] ?? ''), offsets };
}

export interface QueryPlan {
  words: QueryWord[];
  /**
   * What Pagefind is first asked: each word's probe tokens (`probeTokens`), distinct and
   * space-separated. Every page holding the words holds them, so the pages found are the
   * candidates the phrase check then narrows.
   */
  term: string;
  /**
   * A first, narrower search: about four of `term`'s tokens, shared by the words with at
   * least one each, and every word that is not a Han phrase whole (numbers and Latin words
   * are not checked afterwards). Every page holding the words holds these too; when they leave
   * few pages, those are checked in their own text and `term` is never asked. Equal to
   * `term` for a short query.
   */
  narrowTerm: string;
}

/** The most tokens of one word the first search asks for. */
const MAX_PROBE_TOKENS = 6;
/** The most tokens the first search asks for over the whole query, shared by its words. */
const MAX_QUERY_PROBE_TOKENS = 8;
/**
 * The most tokens the narrow first search asks for (`QueryPlan.narrowTerm`). xwlb's 200
 * titles, same site, quiet machine (first query / later queries / ms later): eight per query
 * alone 855 / 102 KB / 376; four first 682 / 105 KB / 285 and 252 in two runs (682 / 108 KB /
 * 261 and 269 when the four were not picked from the eight); accuracy 1.000 in every run.
 */
const NARROW_QUERY_PROBE_TOKENS = 4;

/**
 * The tokens of a word the first search asks for: all of a short word's, and for a long one
 * (a title) `limit` spread from its first to its last. Each token costs an index chunk from
 * every part and Pagefind's time over every page that has it; a few bigrams already leave a
 * title few candidates, which are checked in their own text, and the rest are only fetched
 * when many pages remain. On xwlb's 200 titles (first query / later queries / ms later):
 * every token 1,693 / 62 KB / 806 and four per word 1,219 / 97 KB / 565 (both while other
 * work ran); on a quiet machine, six per word 1,412 / 68 KB / 568, six per word and eight
 * per query (`planQuery`) 850 / 101 KB / 379, ten per query 1,043 / 94 KB / 394. Accuracy
 * was the same in every variant (success@1 1.000).
 */
export function probeTokens(word: QueryWord, limit = MAX_PROBE_TOKENS): string[] {
  return spread(word.tokens, limit);
}

/** At most `limit` of `tokens`, from the first to the last at even steps (the first alone for one). */
function spread(tokens: string[], limit: number): string[] {
  const count = tokens.length;
  if (count <= limit) return tokens;
  if (limit <= 1) return tokens.slice(0, 1);
  return Array.from({ length: limit }, (_, i) => tokens[Math.round((i * (count - 1)) / (limit - 1))] ?? '');
}

/** Punctuation and symbols around a number or Latin word (`【`, `%`, `“`). */
const EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;

export function planQuery(query: string, fold: CharFolder): QueryPlan {
  const words: QueryWord[] = [];
  for (const piece of foldQuery(query, fold).split(/\s+/)) {
    // Han runs and other runs are separate words. Han runs are phrases of our tokens;
    // numbers and Latin words go to Pagefind as typed (2931.8, 17.2%), which normalises
    // them the same way on both sides; runs of punctuation alone (【】，) separate words.
    for (const run of piece.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
      const han = isHan(run[0] ?? '');
      const text = han ? run : run.replace(EDGE_PUNCTUATION, '');
      if (!text || (!han && !/[\p{L}\p{N}]/u.test(text)) || words.some((word) => word.text === text)) continue;
      words.push({ text, ...(han ? hanTokens([...text]) : { tokens: [text], offsets: [0] }) });
    }
  }
  // A title of three parts would ask for eighteen tokens at six each: the words share a
  // budget instead, each keeping at least its first and last bigram.
  const share = (budget: number, least: number) => Math.min(MAX_PROBE_TOKENS, Math.max(least, Math.floor(budget / Math.max(1, words.length))));
  const probes = words.map((word) => probeTokens(word, share(MAX_QUERY_PROBE_TOKENS, 2)));
  const term = [...new Set(probes.flat())].join(' ');
  // Picked from the probes, so the full search fetches no chunk the narrow one did not need.
  const narrow = probes.map((tokens, i) => (isHan(words[i]?.text[0] ?? '') ? spread(tokens, share(NARROW_QUERY_PROBE_TOKENS, 1)) : tokens));
  return { words, term, narrowTerm: [...new Set(narrow.flat())].join(' ') };
}

/**
 * Where `word` starts on a page, given where each of its tokens is on that page: the
 * positions from which every token sits at its own offset. `positionsOf` must give a
 * token's own positions (a Pagefind search for that token alone): positions of other
 * tokens would let 经济数字 prove 数字经济.
 */
export function phraseStarts(word: QueryWord, positionsOf: (token: string) => ReadonlySet<number> | undefined): number[] {
  const sets = word.tokens.map(positionsOf);
  const [first, ...rest] = sets;
  if (!first || rest.some((set) => !set)) return [];
  const starts: number[] = [];
  for (const start of first) {
    if (rest.every((set, i) => set?.has(start + (word.offsets[i + 1] ?? 0)))) starts.push(start);
  }
  return starts;
}
