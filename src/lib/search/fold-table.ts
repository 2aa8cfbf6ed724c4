/**
 * Generates the Traditional → Simplified character table at index time from OpenCC's
 * dictionaries (opencc-js, Apache-2.0). Only single characters with a single-character
 * result are kept: the browser folds a query character by character, in a few KB, instead
 * of loading OpenCC's phrase dictionaries (hundreds of KB).
 */
import { Converter } from 'opencc-js';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import { encodeFoldTable, type FoldTable } from './fold.ts';

let cached: FoldTable | undefined;

export async function buildFoldTable(): Promise<FoldTable> {
  if (cached !== undefined) return cached;
  // Candidates: every key of the Traditional-side character dictionaries (Taiwan and Hong
  // Kong variants included), each converted to mainland Simplified by OpenCC itself.
  const dicts = [TSCharacters, TWVariantsRev, HKVariantsRev];
  const candidates = new Set<string>();
  for (const dict of dicts) {
    for (const entry of dict.split('|')) {
      const key = entry.split(' ')[0];
      if (key && [...key].length === 1) candidates.add(key);
    }
  }
  const toSimplified = Converter({ from: 'hk', to: 'cn' });
  const pairs: [string, string][] = [];
  for (const char of [...candidates].sort()) {
    const simplified = toSimplified(char);
    if (simplified !== char && [...simplified].length === 1) pairs.push([char, simplified]);
  }
  cached = encodeFoldTable(pairs);
  return cached;
}
