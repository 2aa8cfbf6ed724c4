/**
 * ASCII-safe, stable URLs for people, sources, sections and tags, whose names are Chinese.
 *
 * The rule: the name's toneless pinyin, lower-case, words joined by hyphens, then a hyphen
 * and the first 6 hex digits of the SHA-256 of the name (NFC): `艾哲` → `ai-zhe-966e00`.
 * The pinyin keeps the address readable; the hash keeps homophones apart (刘飞 and 柳飞 are
 * both `liu-fei`) without depending on which other names exist, so adding a person never
 * moves anyone else's page. Two names can only share a slug if they share the pinyin *and*
 * 24 bits of hash; `assertDistinctSlugs` stops the build if that ever happens.
 */
import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';

const HASH_LENGTH = 6;

/** The words of a name in toneless pinyin; Latin letters and digits are kept as they are. */
function asciiWords(name: string): string[] {
  const syllables = pinyin(name.normalize('NFKC'), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  return syllables
    .join(' ')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The slug of a person, source, section or tag name. Deterministic: the same name gives the same slug on every build. */
export function termSlug(name: string): string {
  const normalized = name.normalize('NFC').trim();
  const hash = createHash('sha256').update(normalized).digest('hex').slice(0, HASH_LENGTH);
  const words = asciiWords(normalized).join('-').slice(0, 60).replace(/-+$/, '');
  return words ? `${words}-${hash}` : hash;
}

/** Throws, naming both names, if two different names were given the same slug. */
export function assertDistinctSlugs(names: Iterable<string>, kind: string): void {
  const seen = new Map<string, string>();
  for (const name of names) {
    const slug = termSlug(name);
    const other = seen.get(slug);
    if (other !== undefined && other !== name.normalize('NFC').trim()) {
      throw new Error(`${kind} "${other}" and "${name}" would share the address ${slug}; lengthen HASH_LENGTH in src/lib/term-slugs.ts`);
    }
    seen.set(slug, name.normalize('NFC').trim());
  }
}
