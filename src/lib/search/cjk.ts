/**
 * The CJK layer's tokens (issue "Chinese search that finds what readers mean").
 *
 * Pagefind segments Chinese with its own dictionary segmenter when it indexes and with the
 * browser's `Intl.Segmenter` when it queries; the two disagree (`习近平` vs `习|近平`) and
 * every query word must match, so titles return nothing. We take segmentation away from
 * both: every run of Han characters becomes overlapping character bigrams, as Lucene's CJK
 * analyzer does, so a query and a page always agree, and any substring is reachable.
 *
 * A bigram is written as a plain ASCII word (`qx` + 4 letters per character), because
 * Pagefind would otherwise re-segment CJK text on both sides, and ASCII letters are one
 * word for every segmenter in every browser (UAX #29). A run of n characters gives n tokens:
 * a bigram starting at each character and, for the last one, the character alone, so
 * token positions are character positions, and a single-character query (`qxABCD`)
 * reaches every occurrence through Pagefind's prefix matching.
 *
 * Between two runs there is always a position that belongs to neither: Pagefind gives one
 * to punctuation and to a block's end, and whitespace alone gets `RUN_BREAK`. A query may
 * then chain every other bigram (`query.ts`) without reaching across into the next run.
 */

/** Every token this layer writes starts with this; no word in Chinese or English text does. */
export const TOKEN_PREFIX = 'qx';
/**
 * Written where only whitespace separates two runs. Pagefind gives it a position but no
 * word (U+2063 INVISIBLE SEPARATOR has no letters), so no query reaches it; an ASCII
 * marker would be found by Pagefind's fallback, which matches the longest indexed prefix
 * of a query word missing from an index part.
 */
export const RUN_BREAK = '\u2063';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const CHAR_WIDTH = 4;
/** A one-character token's length: the prefix of every bigram token that starts with that character. */
export const CHAR_TOKEN_LENGTH = TOKEN_PREFIX.length + CHAR_WIDTH;

const HAN = /\p{Script=Han}/u;

export function isHan(char: string): boolean {
  return HAN.test(char);
}

/** Four letters for one code point (26⁴ covers every Han block up to plane 3). */
export function encodeChar(char: string): string {
  let cp = char.codePointAt(0) ?? 0;
  let out = '';
  for (let i = 0; i < CHAR_WIDTH; i++) {
    out = LETTERS[cp % 26] + out;
    cp = Math.floor(cp / 26);
  }
  return out;
}

function decodeLetters(letters: string): string {
  let cp = 0;
  for (const letter of letters) cp = cp * 26 + (letter.charCodeAt(0) - 97);
  return String.fromCodePoint(cp);
}

/** The tokens for one run of Han characters: a bigram at every position, the last character alone. */
export function runTokens(chars: readonly string[]): string[] {
  const codes = chars.map(encodeChar);
  return codes.map((code, i) => TOKEN_PREFIX + code + (codes[i + 1] ?? ''));
}

/** A token's first character (a bigram's) or its only one; undefined for ordinary words. */
export function decodeToken(token: string): { first: string; last: boolean } | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const letters = token.slice(TOKEN_PREFIX.length);
  if (!/^[a-z]+$/.test(letters)) return undefined;
  if (letters.length === CHAR_WIDTH) return { first: decodeLetters(letters), last: true };
  if (letters.length === 2 * CHAR_WIDTH) return { first: decodeLetters(letters.slice(0, CHAR_WIDTH)), last: false };
  return undefined;
}

/** The Han text a token stands for: a bigram's two characters, a one-character token's one; undefined for ordinary words. */
export function tokenText(token: string): string | undefined {
  const decoded = decodeToken(token);
  if (!decoded) return undefined;
  return decoded.last ? decoded.first : decoded.first + decodeLetters(token.slice(TOKEN_PREFIX.length + CHAR_WIDTH));
}

/**
 * Text as the index stores it: Han runs as tokens, everything else as written, each token
 * separated by a space. `fold` maps a character to its search form (Traditional to
 * Simplified); it applies to Han characters only.
 */
export function toIndexText(text: string, fold: (char: string) => string = (char) => char): string {
  const out: string[] = [];
  let run: string[] = [];
  let other = '';
  let afterRun = false;
  const flushRun = () => {
    if (run.length > 0) {
      out.push(...runTokens(run));
      afterRun = true;
    }
    run = [];
  };
  const flushOther = (beforeRun: boolean) => {
    const trimmed = other.trim();
    if (trimmed) {
      out.push(trimmed);
      afterRun = false;
    } else if (other && afterRun && beforeRun) out.push(RUN_BREAK);
    other = '';
  };
  for (const char of text) {
    if (isHan(char)) {
      flushOther(true);
      run.push(fold(char));
    } else {
      flushRun();
      other += char;
    }
  }
  flushRun();
  flushOther(false);
  return out.join(' ');
}

/**
 * Reads index text back into readable text (Pagefind's fragment holds the index text), for
 * excerpts: a run's bigrams give one character each and its last token the final one.
 * `blockSeparator` is written where a block (paragraph, heading) ends after Han text, so a
 * phrase found in the result never spans two blocks.
 */
export function fromIndexText(indexText: string, blockSeparator = ''): string {
  let out = '';
  let previousWasText = false;
  for (const word of indexText.split(/[\s\u200b]+/)) {
    if (!word) continue;
    if (word === RUN_BREAK) {
      out += ' ';
      previousWasText = false;
      continue;
    }
    // Pagefind ends a block with '.' when it has no punctuation of its own, attached to our
    // last token or as a word of its own after it: after our tokens that is never the
    // author's (who writes 。 after Han text).
    if (word === '.' && !previousWasText && out !== '') {
      out += blockSeparator;
      continue;
    }
    const token = word.endsWith('.') && word.startsWith(TOKEN_PREFIX) ? word.slice(0, -1) : word;
    const decoded = decodeToken(token);
    if (decoded) {
      out += decoded.first + (token === word ? '' : blockSeparator);
      previousWasText = false;
    } else {
      // Words between Han runs were separated from them by our own spaces; only words
      // next to words had a space in the original.
      out += (previousWasText ? ' ' : '') + token;
      previousWasText = true;
    }
  }
  return out;
}

/** A single character's token: asked for by prefix, so it reaches every bigram that starts with it. */
export function isCharToken(token: string): boolean {
  return decodeToken(token)?.last === true;
}
