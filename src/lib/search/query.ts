/**
 * From what a reader typed to what Pagefind is asked, and back: which results really contain
 * every word the reader typed, as a phrase.
 *
 * Pagefind matches each token anywhere on a page; a page with 两 and 会 far apart, or with
 * 数字 and 经济 in different sentences, is not a match for 两会 or 数字经济. Its results carry
 * the positions of every matched token, and with one token per character position (see
 * `cjk.ts`) a phrase of k tokens is present exactly where k consecutive positions matched.
 */
import { isHan, runTokens } from './cjk.ts';
import { foldQuery, type CharFolder } from './fold.ts';

export interface QueryWord {
  /** The word as the index spells it (folded). */
  text: string;
  /** Its tokens, in order: consecutive positions on a page that contains it. */
  tokens: string[];
}

/**
 * A query run's tokens: its bigrams; the run's last token (the last character alone) is
 * left out, because on a page that character is followed by another and the bigram before
 * it already proves it. A single character is asked for alone, by prefix.
 */
function hanTokens(run: string[]): string[] {
  const tokens = runTokens(run);
  return run.length > 1 ? tokens.slice(0, -1) : tokens;
}

export interface QueryPlan {
  words: QueryWord[];
  /** What Pagefind is asked: every distinct token, space-separated. */
  term: string;
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
      words.push({ text, tokens: han ? hanTokens([...text]) : [text] });
    }
  }
  const term = [...new Set(words.flatMap((word) => word.tokens))].join(' ');
  return { words, term };
}

export interface MatchedLocation {
  location: number;
  /** Pagefind's weight: 1 for body text, more for headings (the title is the page's h1). */
  weight: number;
}

/**
 * Whether a page holds `word` as a phrase: `locations` are the page's positions matched by
 * the word's own tokens (a Pagefind search for that word alone), and a phrase of k tokens
 * is present where k consecutive positions matched. Overlapping bigrams chain only along
 * the phrase itself, so which token sits where need not be known; positions of other
 * words' tokens must not be mixed in (粮食安全 would prove 数字经济).
 */
export function holdsPhrase(locations: readonly MatchedLocation[], word: QueryWord): { matched: boolean; inTitle: boolean } {
  const weights = new Map<number, number>();
  for (const { location, weight } of locations) weights.set(location, Math.max(weight, weights.get(location) ?? 0));
  const length = word.tokens.length;
  let matched = false;
  for (const start of weights.keys()) {
    let ok = true;
    for (let offset = 1; offset < length; offset++) {
      if (!weights.has(start + offset)) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    matched = true;
    if ((weights.get(start) ?? 0) > 1) return { matched, inTitle: true };
  }
  return { matched, inTitle: false };
}
