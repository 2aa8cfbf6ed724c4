/**
 * Related articles, computed once at build time: articles that share people, the source,
 * the section or tags come first (weighted by how much they share), then text similarity
 * (TF-IDF over Chinese character bigrams, which needs no word segmenter) orders the rest
 * and breaks ties. Nothing about the reader is used: the list is the same for everyone.
 */
import type { ArticleLike } from './article-shape.ts';
import { paragraphs } from './plain-text.ts';

/** This module, for the identity of its code: a kept answer is only reused by the same code (`related-cache.ts`). */
export const RELATED_MODULE_URL = import.meta.url;

/** How much each shared property counts; people and tags say more than a shared source. */
export const RELATION_WEIGHTS = { person: 3, tag: 2, section: 2, source: 1 } as const;

/** Bigrams kept per article: the most distinctive ones carry the similarity and keep the index small. */
const TERMS_PER_ARTICLE = 40;

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

/**
 * The metadata score of `candidate` for `article`; 0 when they share nothing. The
 * definition: `relatedArticles` computes the same sum from numbered people and tags.
 */
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

/** Numbers for strings, so the hot loops index typed arrays instead of hashing strings. */
class Numbering {
  readonly #ids = new Map<string, number>();
  readonly names: string[] = [];
  id(name: string): number {
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.#ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
  get size(): number {
    return this.names.length;
  }
}

/**
 * Numbers for pairs of code points, in an open-addressing table of typed arrays: bigram
 * lookups are most of the text-similarity work, and a Map keyed by strings or by numbers
 * beyond the small-integer range took several times longer.
 */
class PairNumbering {
  #firsts = new Int32Array(1 << 16);
  #seconds = new Int32Array(1 << 16);
  #ids = new Int32Array(1 << 16).fill(-1);
  #used = 0;
  readonly #grams: Numbering;
  constructor(grams: Numbering) {
    this.#grams = grams;
  }
  id(first: number, second: number): number {
    for (;;) {
      const mask = this.#ids.length - 1;
      let slot = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & mask;
      for (;;) {
        const id = this.#ids[slot] ?? -1;
        if (id < 0) break;
        if (this.#firsts[slot] === first && this.#seconds[slot] === second) return id;
        slot = (slot + 1) & mask;
      }
      if (2 * (this.#used + 1) > this.#ids.length) {
        this.#grow();
        continue;
      }
      const id = this.#grams.id(String.fromCodePoint(first, second));
      this.#firsts[slot] = first;
      this.#seconds[slot] = second;
      this.#ids[slot] = id;
      this.#used++;
      return id;
    }
  }
  #grow(): void {
    const [firsts, seconds, ids] = [this.#firsts, this.#seconds, this.#ids];
    this.#firsts = new Int32Array(firsts.length * 2);
    this.#seconds = new Int32Array(firsts.length * 2);
    this.#ids = new Int32Array(firsts.length * 2).fill(-1);
    const mask = this.#ids.length - 1;
    ids.forEach((id, at) => {
      if (id < 0) return;
      const first = firsts[at] ?? 0;
      const second = seconds[at] ?? 0;
      let slot = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & mask;
      while ((this.#ids[slot] ?? -1) >= 0) slot = (slot + 1) & mask;
      this.#firsts[slot] = first;
      this.#seconds[slot] = second;
      this.#ids[slot] = id;
    });
  }
}

/**
 * Calls `visit` with the number of every character bigram of the article's title (twice)
 * and paragraphs; bigrams never span anything but letters and digits.
 */
function forEachBigram(article: ArticleLike, pairs: PairNumbering, visit: (gram: number) => void): void {
  const text = `${article.data.title} ${article.data.title} ${paragraphs(article.body ?? '').join(' ')}`.replace(/[^\p{L}\p{N}]+/gu, ' ');
  let previous = -1;
  for (let at = 0; at < text.length; ) {
    const code = text.codePointAt(at) ?? 32;
    at += code > 0xffff ? 2 : 1;
    if (code === 32) {
      previous = -1;
      continue;
    }
    if (previous >= 0) visit(pairs.id(previous, code));
    previous = code;
  }
}

/** An article's most distinctive bigrams as a sparse unit vector, strongest first. */
interface TextVector {
  grams: number[];
  weights: number[];
}

/** `array` in one twice its length, the new half filled with `fill`. */
function doubled(array: Int32Array<ArrayBuffer>, fill: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2).fill(fill);
  next.set(array);
  return next;
}

/**
 * Sparse unit vectors of each article's most distinctive bigrams (TF-IDF). Two passes over
 * the text, so only one article's counts are held at a time: holding every article's took
 * more than 7 GB for 100,000 seed-length articles.
 */
function textVectors(articles: readonly ArticleLike[]): TextVector[] {
  const grams = new Numbering();
  const pairs = new PairNumbering(grams);
  let documentFrequency = new Int32Array(1 << 16);
  let lastArticle = new Int32Array(1 << 16).fill(-1);
  articles.forEach((article, i) => {
    forEachBigram(article, pairs, (gram) => {
      if (gram >= documentFrequency.length) {
        documentFrequency = doubled(documentFrequency, 0);
        lastArticle = doubled(lastArticle, -1);
      }
      if (lastArticle[gram] !== i) {
        lastArticle[gram] = i;
        documentFrequency[gram] = (documentFrequency[gram] ?? 0) + 1;
      }
    });
  });
  const n = articles.length;
  const inverseFrequency = Float64Array.from({ length: grams.size }, (_, gram) => Math.log((1 + n) / (1 + (documentFrequency[gram] ?? 0))));
  const counts = new Int32Array(grams.size);
  return articles.map((article) => {
    const seen: number[] = [];
    forEachBigram(article, pairs, (gram) => {
      if (counts[gram] === 0) seen.push(gram);
      counts[gram] = (counts[gram] ?? 0) + 1;
    });
    // The best TERMS_PER_ARTICLE by weight, then by bigram, kept in order while scanning:
    // sorting every bigram of every article cost more than all the rest.
    const best: TextVector = { grams: [], weights: [] };
    const before = (weight: number, gram: number, at: number) => (best.weights[at] ?? 0) - weight || ((grams.names[gram] ?? '') < (grams.names[best.grams[at] ?? 0] ?? '') ? -1 : 1);
    for (const gram of seen) {
      const weight = (1 + Math.log(counts[gram] ?? 1)) * (inverseFrequency[gram] ?? 0);
      counts[gram] = 0;
      if (!(weight > 0)) continue;
      if (best.grams.length === TERMS_PER_ARTICLE && before(weight, gram, TERMS_PER_ARTICLE - 1) >= 0) continue;
      let at = best.grams.length;
      while (at > 0 && before(weight, gram, at - 1) < 0) at--;
      best.grams.splice(at, 0, gram);
      best.weights.splice(at, 0, weight);
      if (best.grams.length > TERMS_PER_ARTICLE) {
        best.grams.pop();
        best.weights.pop();
      }
    }
    const norm = Math.hypot(...best.weights) || 1;
    best.weights = best.weights.map((weight) => weight / norm);
    return best;
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
  const people = new Numbering();
  const tags = new Numbering();
  const sections = new Numbering();
  const sources = new Numbering();
  const peopleIds = articles.map((article) => [...peopleOf(article)].map((name) => people.id(name)));
  // With repeats, as `relationScore` counts a candidate's tags.
  const tagIds = articles.map((article) => article.data.tags.map((tag) => tags.id(tag)));
  const sectionIds = Int32Array.from(articles, (article) => (article.data.section ? sections.id(article.data.section) : -1));
  const sourceIds = Int32Array.from(articles, (article) => sources.id(article.data.source.name));
  const epochMs = Float64Array.from(articles, (article) => article.data.date.epochMs);

  // Inverted lists, in article order (newest first). The source is not one: most archives
  // have one or a few, so it would make every article a candidate for every other; it still
  // adds to the score of the candidates found.
  const byPerson = Array.from({ length: people.size }, (): number[] => []);
  const byTag = Array.from({ length: tags.size }, (): number[] => []);
  const bySection = Array.from({ length: sections.size }, (): number[] => []);
  const byGram = new Map<number, { articles: number[]; weights: number[] }>();
  articles.forEach((_article, i) => {
    for (const person of peopleIds[i] ?? []) byPerson[person]?.push(i);
    for (const tag of new Set(tagIds[i])) byTag[tag]?.push(i);
    const section = sectionIds[i] ?? -1;
    if (section >= 0) bySection[section]?.push(i);
    const vector = vectors[i] as TextVector;
    vector.grams.forEach((gram, k) => {
      let postings = byGram.get(gram);
      if (!postings) byGram.set(gram, (postings = { articles: [], weights: [] }));
      postings.articles.push(i);
      postings.weights.push(vector.weights[k] ?? 0);
    });
  });

  const similarity = new Float64Array(articles.length);
  const seen = new Uint8Array(articles.length);
  const personMark = new Uint8Array(people.size);
  const tagMark = new Uint8Array(tags.size);
  const result = new Map<string, T[]>();
  const best: { j: number; score: number; similarity: number; distance: number }[] = [];
  articles.forEach((article, i) => {
    const touched: number[] = [];
    const touch = (j: number) => {
      if (seen[j] === 0) {
        seen[j] = 1;
        touched.push(j);
      }
    };
    const vector = vectors[i] as TextVector;
    vector.grams.forEach((gram, k) => {
      const postings = byGram.get(gram);
      if (!postings || postings.articles.length > GRAM_POSTINGS_CAP) return;
      const weight = vector.weights[k] ?? 0;
      postings.articles.forEach((j, at) => {
        touch(j);
        similarity[j] = (similarity[j] ?? 0) + weight * (postings.weights[at] ?? 0);
      });
    });
    const nearest = (list: readonly number[]) => {
      // Lists are in article order (newest first), so i's neighbours in time are beside it.
      let low = 0;
      let high = list.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((list[middle] ?? 0) < i) low = middle + 1;
        else high = middle;
      }
      for (let at = Math.max(0, low - PROPERTY_WINDOW); at < Math.min(list.length, low + PROPERTY_WINDOW + 1); at++) touch(list[at] ?? i);
    };
    const ownPeople = peopleIds[i] ?? [];
    const ownTags = tagIds[i] ?? [];
    const section = sectionIds[i] ?? -1;
    for (const person of ownPeople) {
      personMark[person] = 1;
      nearest(byPerson[person] ?? []);
    }
    for (const tag of ownTags) {
      tagMark[tag] = 1;
      nearest(byTag[tag] ?? []);
    }
    if (section >= 0) nearest(bySection[section] ?? []);

    // Metadata score, then similarity, then closeness in time, then permalink.
    const before = (score: number, similar: number, distance: number, j: number, other: (typeof best)[number]) =>
      other.score - score || other.similarity - similar || distance - other.distance || (articles[j] as T).id.localeCompare((articles[other.j] as T).id);
    best.length = 0;
    for (const j of touched) {
      const similar = similarity[j] ?? 0;
      seen[j] = 0;
      similarity[j] = 0;
      if (j === i) continue;
      let score = 0;
      for (const person of peopleIds[j] ?? []) score += (personMark[person] ?? 0) * RELATION_WEIGHTS.person;
      for (const tag of tagIds[j] ?? []) score += (tagMark[tag] ?? 0) * RELATION_WEIGHTS.tag;
      if (section >= 0 && section === sectionIds[j]) score += RELATION_WEIGHTS.section;
      if (sourceIds[i] === sourceIds[j]) score += RELATION_WEIGHTS.source;
      if (!(score > RELATION_WEIGHTS.source || similar > 0.05)) continue;
      const distance = Math.abs((epochMs[j] ?? 0) - (epochMs[i] ?? 0));
      if (best.length === limit && before(score, similar, distance, j, best[best.length - 1] as (typeof best)[number]) >= 0) continue;
      let at = best.length;
      while (at > 0 && before(score, similar, distance, j, best[at - 1] as (typeof best)[number]) < 0) at--;
      best.splice(at, 0, { j, score, similarity: similar, distance });
      if (best.length > limit) best.pop();
    }
    for (const person of ownPeople) personMark[person] = 0;
    for (const tag of ownTags) tagMark[tag] = 0;
    result.set(article.id, best.map(({ j }) => articles[j] as T));
  });
  return result;
}
