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

export interface QueryPlan {
  words: QueryWord[];
  /** What Pagefind is asked: every distinct token, space-separated. */
  term: string;
}

/** Word separators in a query: spaces, punctuation and symbols (`【】`, `，`, `·`, `“”`). */
const SEPARATOR = /[\s\p{P}\p{S}]+/u;

export function planQuery(query: string, fold: CharFolder): QueryPlan {
  const words: QueryWord[] = [];
  for (const text of foldQuery(query, fold).split(SEPARATOR)) {
    if (!text) continue;
    const tokens: string[] = [];
    let run: string[] = [];
    let other = '';
    const flush = () => {
      if (run.length > 0) {
        // The run's last token is the last character alone; a query run is a substring of
        // a page's run, where that character is followed by another, so only the bigrams
        // are asked for (the bigram before it already proves the last character).
        const runWords = runTokens(run);
        tokens.push(...(run.length > 1 ? runWords.slice(0, -1) : runWords));
      }
      if (other) tokens.push(other);
      run = [];
      other = '';
    };
    for (const char of text) {
      if (isHan(char)) {
        if (other) flush();
        run.push(char);
      } else {
        if (run.length > 0) flush();
        other += char;
      }
    }
    flush();
    if (!words.some((word) => word.text === text)) words.push({ text, tokens });
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
