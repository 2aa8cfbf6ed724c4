/**
 * Excerpts and highlighting. Pagefind's own excerpt would show the index's tokens, so the
 * excerpt is cut from the fragment's text read back (`fromIndexText`), around the first
 * place the query's words occur, with every occurrence marked.
 */
import type { CharFolder } from './fold.ts';
import { foldQuery } from './fold.ts';

export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Ranges `[start, end)` in code points where any of `words` occurs in `folded`. */
export function matchRanges(folded: readonly string[], words: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const word of words) {
    const target = [...word];
    if (target.length === 0) continue;
    for (let i = 0; i + target.length <= folded.length; i++) {
      let ok = true;
      for (let j = 0; j < target.length; j++) {
        if (folded[i + j] !== target[j]) {
          ok = false;
          break;
        }
      }
      if (ok) ranges.push([i, i + target.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/**
 * `text` as HTML with the query's words marked. Folding maps one code point to one code
 * point, so positions found in the folded text are positions in the original.
 */
export function highlight(text: string, words: readonly string[], fold: CharFolder): string {
  const chars = [...text];
  const folded = chars.map((char) => foldQuery(char, fold));
  const ranges = matchRanges(folded.map((char) => ([...char].length === 1 ? char : '\u0000')), words);
  let html = '';
  let at = 0;
  for (const [start, end] of ranges) {
    html += escapeHtml(chars.slice(at, start).join('')) + `<mark>${escapeHtml(chars.slice(start, end).join(''))}</mark>`;
    at = end;
  }
  return html + escapeHtml(chars.slice(at).join(''));
}

/** About `length` characters of `text` around the first match, marked, with ellipses where cut. */
export function excerpt(text: string, words: readonly string[], fold: CharFolder, length = 90): string {
  const chars = [...text];
  const folded = chars.map((char) => foldQuery(char, fold));
  const first = matchRanges(folded.map((char) => ([...char].length === 1 ? char : '\u0000')), words)[0];
  const start = first ? Math.max(0, Math.min(first[0] - Math.floor(length / 3), chars.length - length)) : 0;
  const end = Math.min(chars.length, start + length);
  const slice = chars.slice(start, end).join('');
  return (start > 0 ? '…' : '') + highlight(slice, words, fold) + (end < chars.length ? '…' : '');
}
