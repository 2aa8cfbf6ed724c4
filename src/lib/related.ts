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

/** The metadata score of `candidate` for `article`; 0 when they share nothing. */
export function relationScore(article: ArticleLike, candidate: ArticleLike): number {
  let score = 0;
  const people = peopleOf(article);
  for (const name of peopleOf(candidate)) if (people.has(name)) score += RELATION_WEIGHTS.person;
  const tags = new Set(article.data.tags);
  for (const tag of candidate.data.tags) if (tags.has(tag)) score += RELATION_WEIGHTS.tag;
  if (article.data.section && article.data.section === candidate.data.section) score += RELATION_WEIGHTS.section;
  if (article.data.source.name === candidate.data.source.name) score += RELATION_WEIGHTS.source;
  return score;
}

/** Sparse unit vectors of each article's most distinctive bigrams (TF-IDF). */
function textVectors(articles: readonly ArticleLike[]): Map<string, number>[] {
  const counts = articles.map((article) => {
    const tf = new Map<string, number>();
    const text = `${article.data.title} ${article.data.title} ${paragraphs(article.body ?? '').join(' ')}`;
    for (const gram of bigrams(text)) tf.set(gram, (tf.get(gram) ?? 0) + 1);
    return tf;
  });
  const documentFrequency = new Map<string, number>();
  for (const tf of counts) for (const gram of tf.keys()) documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
  const n = articles.length;
  return counts.map((tf) => {
    const weighted = [...tf]
      .map(([gram, count]): [string, number] => [gram, (1 + Math.log(count)) * Math.log((1 + n) / (1 + (documentFrequency.get(gram) ?? 0)))])
      .filter(([, weight]) => weight > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, TERMS_PER_ARTICLE);
    const norm = Math.hypot(...weighted.map(([, weight]) => weight)) || 1;
    return new Map(weighted.map(([gram, weight]) => [gram, weight / norm]));
  });
}

/**
 * For every article (by id), up to `limit` related articles: metadata score first, then
 * text similarity, then closeness in time, then permalink, so the result is deterministic.
 * Candidates are the articles sharing a property or a distinctive bigram, found through
 * inverted indexes rather than by comparing every pair.
 */
export function relatedArticles<T extends ArticleLike>(articles: readonly T[], limit = 5): Map<string, T[]> {
  const vectors = textVectors(articles);
  const byProperty = new Map<string, number[]>();
  const byGram = new Map<string, number[]>();
  const index = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  // The source is not indexed: most archives have one or a few, so it would make every
  // article a candidate for every other; it still adds to the score of the candidates found.
  articles.forEach((article, i) => {
    for (const name of peopleOf(article)) index(byProperty, `p:${name}`, i);
    for (const tag of article.data.tags) index(byProperty, `t:${tag}`, i);
    if (article.data.section) index(byProperty, `s:${article.data.section}`, i);
    for (const gram of vectors[i]?.keys() ?? []) index(byGram, gram, i);
  });
  const result = new Map<string, T[]>();
  articles.forEach((article, i) => {
    const vector = vectors[i] ?? new Map<string, number>();
    const similarity = new Map<number, number>();
    for (const [gram, weight] of vector) {
      for (const j of byGram.get(gram) ?? []) {
        if (j !== i) similarity.set(j, (similarity.get(j) ?? 0) + weight * (vectors[j]?.get(gram) ?? 0));
      }
    }
    const candidates = new Set(similarity.keys());
    for (const name of peopleOf(article)) for (const j of byProperty.get(`p:${name}`) ?? []) candidates.add(j);
    for (const tag of article.data.tags) for (const j of byProperty.get(`t:${tag}`) ?? []) candidates.add(j);
    if (article.data.section) for (const j of byProperty.get(`s:${article.data.section}`) ?? []) candidates.add(j);
    candidates.delete(i);
    const ranked = [...candidates]
      .map((j) => {
        const candidate = articles[j] as T;
        return { candidate, score: relationScore(article, candidate), similarity: similarity.get(j) ?? 0 };
      })
      .filter(({ score, similarity: s }) => score > RELATION_WEIGHTS.source || s > 0.05)
      .sort(
        (a, b) =>
          b.score - a.score ||
          b.similarity - a.similarity ||
          Math.abs(a.candidate.data.date.epochMs - article.data.date.epochMs) - Math.abs(b.candidate.data.date.epochMs - article.data.date.epochMs) ||
          a.candidate.id.localeCompare(b.candidate.id),
      )
      .slice(0, limit)
      .map(({ candidate }) => candidate);
    result.set(article.id, ranked);
  });
  return result;
}
