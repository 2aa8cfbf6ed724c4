/**
 * Folding: the form in which the index stores characters and in which queries look for
 * them, so `縣委書記` finds `县委书记` and `２０２３` finds `2023`.
 *
 * Traditional characters fold to Simplified by a character table generated from OpenCC at
 * index time (`fold-table.ts`) and fetched by the browser beside the index; phrase-level
 * conversions (乾 → 干 only in some words) are not needed when both sides fold the same way.
 */

/**
 * A character table, compact for the wire (9 KB gzipped for 3,200 characters): entries
 * `a:b` separated by commas, in base 36, where `a` is the Traditional code point minus the
 * previous entry's and `b` the Simplified code point minus the Traditional one.
 */
export type FoldTable = string;

export type CharFolder = (char: string) => string;

export function encodeFoldTable(pairs: readonly (readonly [string, string])[]): FoldTable {
  let previous = 0;
  return [...pairs]
    .map(([from, to]) => [from.codePointAt(0) ?? 0, to.codePointAt(0) ?? 0] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([from, to]) => {
      const entry = `${(from - previous).toString(36)}:${(to - from).toString(36)}`;
      previous = from;
      return entry;
    })
    .join(',');
}

export function createFolder(table: FoldTable): CharFolder {
  const map = new Map<string, string>();
  let previous = 0;
  for (const entry of table.split(',')) {
    const [delta, offset] = entry.split(':');
    if (delta === undefined || offset === undefined) continue;
    const from = previous + parseInt(delta, 36);
    map.set(String.fromCodePoint(from), String.fromCodePoint(from + parseInt(offset, 36)));
    previous = from;
  }
  return (char) => map.get(char) ?? char;
}

export const identityFolder: CharFolder = (char) => char;

/** Full-width ASCII (Ａ, ２) to ASCII, compatibility ideographs to unified ones; other characters unchanged. */
export function widthFold(char: string): string {
  const cp = char.codePointAt(0) ?? 0;
  if (cp >= 0xff01 && cp <= 0xff5e && /[\p{L}\p{N}]/u.test(char)) return String.fromCodePoint(cp - 0xfee0);
  if (cp >= 0xf900 && cp <= 0xfaff) return char.normalize('NFKC');
  return char;
}

/** A query as the index spells it: width-folded, lower-cased, Han characters through `fold`. */
export function foldQuery(text: string, fold: CharFolder): string {
  let out = '';
  for (const char of text.normalize('NFC')) out += fold(widthFold(char));
  return out.toLowerCase();
}
