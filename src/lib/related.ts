/**
 * Related articles, computed once at build time: articles that share people, the source,
 * the section or tags come first (weighted by how much they share), then text similarity
 * (TF-IDF over Chinese character bigrams, which needs no word segmenter) orders the rest
 * and breaks ties. Nothing about the reader is used: the list is the same for everyone.
 */
import type { ArticleLike } from './article-shape.ts';
import { paragraphs } from './plain-text.ts';

/** How much each shared property counts; people and tags say more than a shared source. */
export const RELATION_WEIGHTS = { person: 3, tag: 2, section: 2, source: 1 } as const;

/** Bigrams kept per article: the most distinctive ones carry the similarity and keep the index small. */
const TERMS_PER_ARTICLE = 40;

function bigrams(text: string): string[] {
  const chars = [...text.replace(/[^\p{L}\p{N}]+/gu, ' ')];
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) {
    const pair = `${chars[i]}${chars[i + 1]}`;
    if (!pair.includes(' ')) grams.push(pair);
  }
  return grams;
}

function peopleOf(article: ArticleLike): Set<string> {
  const names = new Set(article.data.authors.map((credit) => credit.name));
  if (article.data.editor) names.add(article.data.editor);
  return names;
}

/** The people and tags of the pair, made once per article when scoring many pairs. */
export interface PairSets {
  people: ReadonlySet<string>;
  tags: ReadonlySet<string>;
  candidatePeople: ReadonlySet<string>;
}

/** The metadata score of `candidate` for `article`; 0 when they share nothing. */
export function relationScore(
  article: ArticleLike,
  candidate: ArticleLike,
  sets: PairSets = { people: peopleOf(article), tags: new Set(article.data.tags), candidatePeople: peopleOf(candidate) },
): number {
  let score = 0;
  for (const name of sets.candidatePeople) if (sets.people.has(name)) score += RELATION_WEIGHTS.person;
  for (const tag of candidate.data.tags) if (sets.tags.has(tag)) score += RELATION_WEIGHTS.tag;
  if (article.data.section && article.data.section === candidate.data.section) score += RELATION_WEIGHTS.section;
  if (article.data.source.name === candidate.data.source.name) score += RELATION_WEIGHTS.source;
  return score;
}

function termCounts(article: ArticleLike): Map<string, number> {
  const tf = new Map<string, number>();
  const text = `${article.data.title} ${article.data.title} ${paragraphs(article.body ?? '').join(' ')}`;
  for (const gram of bigrams(text)) tf.set(gram, (tf.get(gram) ?? 0) + 1);
  return tf;
}

/**
 * Sparse unit vectors of each article's most distinctive bigrams (TF-IDF). Two passes, so
 * only one article's counts are held at a time: holding every article's took more than
 * 7 GB for 100,000 seed-length articles.
 */
function textVectors(articles: readonly ArticleLike[]): Map<string, number>[] {
  const documentFrequency = new Map<string, number>();
  for (const article of articles) for (const gram of termCounts(article).keys()) documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
  const n = articles.length;
  return articles.map((article) => {
    const tf = termCounts(article);
    // The best TERMS_PER_ARTICLE by weight (then by gram), kept in order while scanning:
    // sorting every bigram of every article cost more than all the rest.
    const weighted: [string, number][] = [];
    const before = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
    for (const [gram, count] of tf) {
      const entry: [string, number] = [gram, (1 + Math.log(count)) * Math.log((1 + n) / (1 + (documentFrequency.get(gram) ?? 0)))];
      if (!(entry[1] > 0)) continue;
      if (weighted.length === TERMS_PER_ARTICLE && before(entry, weighted[weighted.length - 1] as [string, number]) >= 0) continue;
      let at = weighted.length;
      while (at > 0 && before(entry, weighted[at - 1] as [string, number]) < 0) at--;
      weighted.splice(at, 0, entry);
      if (weighted.length > TERMS_PER_ARTICLE) weighted.pop();
    }
    const norm = Math.hypot(...weighted.map(([, weight]) => weight)) || 1;
    return new Map(weighted.map(([gram, weight]) => [gram, weight / norm]));
  });
}

/** Articles nearest in time taken from each shared person, tag or section, on each side. */
export const PROPERTY_WINDOW = 50;
/** A bigram in more articles than this is too common to say two of them are related. */
export const GRAM_POSTINGS_CAP = 500;

/**
 * For every article (by id), up to `limit` related articles: metadata score first, then
 * text similarity, then closeness in time, then permalink, so the result is deterministic.
 *
 * Candidates come from inverted lists, never from comparing every pair, and both kinds of
 * list are bounded, because in a real archive one editor or section is shared by tens of
 * thousands of articles (100,000 generated articles never finished otherwise): from each
 * shared person, tag or section the PROPERTY_WINDOW articles nearest in time on each side,
 * and from each distinctive bigram its articles unless it is in more than GRAM_POSTINGS_CAP.
 * A candidate's metadata score is then exact (`relationScore`); its similarity counts the
 * bigrams below the cap.
 */
export function relatedArticles<T extends ArticleLike>(articles: readonly T[], limit = 5): Map<string, T[]> {
  const vectors = textVectors(articles);
  const byProperty = new Map<string, number[]>();
  const byGram = new Map<string, { article: number; weight: number }[]>();
  const push = <V>(map: Map<string, V[]>, key: string, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const people = articles.map(peopleOf);
  const tagSets = articles.map((article) => new Set(article.data.tags));
  // The source is not indexed: most archives have one or a few, so it would make every
  // article a candidate for every other; it still adds to the score of the candidates found.
  articles.forEach((article, i) => {
    for (const name of people[i] ?? []) push(byProperty, `p:${name}`, i);
    for (const tag of tagSets[i] ?? []) push(byProperty, `t:${tag}`, i);
    if (article.data.section) push(byProperty, `s:${article.data.section}`, i);
    for (const [gram, weight] of vectors[i] ?? []) push(byGram, gram, { article: i, weight });
  });
  const similarity = new Float64Array(articles.length);
  const seen = new Uint8Array(articles.length);
  const result = new Map<string, T[]>();
  articles.forEach((article, i) => {
    const touched: number[] = [];
    const touch = (j: number) => {
      if (seen[j] === 0) {
        seen[j] = 1;
        touched.push(j);
      }
    };
    for (const [gram, weight] of vectors[i] ?? []) {
      const postings = byGram.get(gram) ?? [];
      if (postings.length > GRAM_POSTINGS_CAP) continue;
      for (const posting of postings) {
        touch(posting.article);
        similarity[posting.article] = (similarity[posting.article] ?? 0) + weight * posting.weight;
      }
    }
    const nearest = (key: string) => {
      // Lists are in article order (newest first), so i's neighbours in time are beside it.
      const list = byProperty.get(key) ?? [];
      let low = 0;
      let high = list.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((list[middle] ?? 0) < i) low = middle + 1;
        else high = middle;
      }
      for (let at = Math.max(0, low - PROPERTY_WINDOW); at < Math.min(list.length, low + PROPERTY_WINDOW + 1); at++) touch(list[at] ?? i);
    };
    for (const name of people[i] ?? []) nearest(`p:${name}`);
    for (const tag of tagSets[i] ?? []) nearest(`t:${tag}`);
    if (article.data.section) nearest(`s:${article.data.section}`);
    const epochMs = article.data.date.epochMs;
    const best: { j: number; score: number; similarity: number; distance: number }[] = [];
    const before = (a: (typeof best)[number], b: (typeof best)[number]) =>
      b.score - a.score || b.similarity - a.similarity || a.distance - b.distance || (articles[a.j] as T).id.localeCompare((articles[b.j] as T).id);
    for (const j of touched) {
      const entry = { j, score: j === i ? 0 : relationScore(article, articles[j] as T, { people: people[i] ?? new Set(), tags: tagSets[i] ?? new Set(), candidatePeople: people[j] ?? new Set() }), similarity: j === i ? 0 : (similarity[j] ?? 0), distance: Math.abs((articles[j] as T).data.date.epochMs - epochMs) };
      seen[j] = 0;
      similarity[j] = 0;
      if (j === i || !(entry.score > RELATION_WEIGHTS.source || entry.similarity > 0.05)) continue;
      if (best.length === limit && before(entry, best[best.length - 1] as (typeof best)[number]) >= 0) continue;
      let at = best.length;
      while (at > 0 && before(entry, best[at - 1] as (typeof best)[number]) < 0) at--;
      best.splice(at, 0, entry);
      if (best.length > limit) best.pop();
    }
    result.set(article.id, best.map(({ j }) => articles[j] as T));
  });
  return result;
}
