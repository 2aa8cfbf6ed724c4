/**
 * Related articles, computed once at build time: articles that share people, the source,
 * the section or tags come first (weighted by how much they share), then text similarity
 * (TF-IDF over Chinese character bigrams, which needs no word segmenter) orders the rest
 * and breaks ties. Nothing about the reader is used: the list is the same for everyone.
 *
 * `relatedIndex` answers one article at a time, so `astro dev` computes only the lists of
 * the pages it is asked for; with a `BigramCache` (dev only: it holds every article's
 * bigrams) an unchanged article's text is not read and split again after a saved change.
 * Either way the lists are those `relatedArticles` computes for the whole archive.
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

/** An article's distinct bigrams (by number) in the order they first appear, with how often each occurs. */
export interface ArticleBigrams {
  grams: Int32Array;
  counts: Int32Array;
}

/**
 * Numbers for bigrams, kept for the life of a computation or, in a `BigramCache`, of the
 * process, so cached bigram lists stay comparable.
 */
class BigramNumbering {
  readonly grams = new Numbering();
  readonly pairs = new PairNumbering(this.grams);
  /** Scratch counts by bigram number; all zero between calls of `bigramsOf`. */
  #counts = new Int32Array(1 << 16);

  /**
   * The article's bigrams: every pair of adjacent letters or digits of its title (twice) and
   * paragraphs; bigrams never span anything else.
   */
  bigramsOf(article: ArticleLike): ArticleBigrams {
    const text = `${article.data.title} ${article.data.title} ${paragraphs(article.body ?? '').join(' ')}`.replace(/[^\p{L}\p{N}]+/gu, ' ');
    const seen: number[] = [];
    let previous = -1;
    for (let at = 0; at < text.length; ) {
      const code = text.codePointAt(at) ?? 32;
      at += code > 0xffff ? 2 : 1;
      if (code === 32) {
        previous = -1;
        continue;
      }
      if (previous >= 0) {
        const gram = this.pairs.id(previous, code);
        if (gram >= this.#counts.length) this.#counts = doubled(this.#counts, 0);
        if (this.#counts[gram] === 0) seen.push(gram);
        this.#counts[gram] = (this.#counts[gram] ?? 0) + 1;
      }
      previous = code;
    }
    const grams = Int32Array.from(seen);
    const counts = Int32Array.from(seen, (gram) => this.#counts[gram] ?? 0);
    for (const gram of seen) this.#counts[gram] = 0;
    return { grams, counts };
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

/** How distinctive each bigram is in an archive of `articles` articles, from how many of them hold it. */
function inverseFrequencies(articles: number, documentFrequency: Int32Array, size: number): Float64Array<ArrayBuffer> {
  return Float64Array.from({ length: size }, (_, gram) => Math.log((1 + articles) / (1 + (documentFrequency[gram] ?? 0))));
}

/** Whether a bigram of this weight ranks before the one at `at` in `best` (by weight, then by bigram). */
function ranksBefore(best: TextVector, names: readonly string[], weight: number, gram: number, at: number): boolean {
  const difference = (best.weights[at] ?? 0) - weight;
  return difference < 0 || (difference === 0 && (names[gram] ?? '') < (names[best.grams[at] ?? 0] ?? ''));
}

/**
 * The article's TERMS_PER_ARTICLE most distinctive bigrams (TF-IDF) as a unit vector, and
 * the weight before normalising of the last one kept when the vector is full (the bar a
 * bigram has to pass to get in).
 */
function textVector(bigrams: ArticleBigrams, inverseFrequency: Float64Array, names: readonly string[]): { vector: TextVector; bar?: TextVector } {
  // The best by weight, then by bigram, kept in order while scanning: sorting every bigram
  // of every article cost more than all the rest.
  const best: TextVector = { grams: [], weights: [] };
  const before = (weight: number, gram: number, at: number) => (ranksBefore(best, names, weight, gram, at) ? -1 : 1);
  bigrams.grams.forEach((gram, k) => {
    const weight = (1 + Math.log(bigrams.counts[k] ?? 1)) * (inverseFrequency[gram] ?? 0);
    if (!(weight > 0)) return;
    if (best.grams.length === TERMS_PER_ARTICLE && before(weight, gram, TERMS_PER_ARTICLE - 1) >= 0) return;
    let at = best.grams.length;
    while (at > 0 && before(weight, gram, at - 1) < 0) at--;
    best.grams.splice(at, 0, gram);
    best.weights.splice(at, 0, weight);
    if (best.grams.length > TERMS_PER_ARTICLE) {
      best.grams.pop();
      best.weights.pop();
    }
  });
  const last = best.grams.length - 1;
  const bar = best.grams.length === TERMS_PER_ARTICLE ? { grams: [best.grams[last] ?? 0], weights: [best.weights[last] ?? 0] } : undefined;
  const norm = Math.hypot(...best.weights) || 1;
  return { vector: { grams: best.grams, weights: best.weights.map((weight) => weight / norm) }, ...(bar ? { bar } : {}) };
}

/**
 * Text vectors of every article. Two passes over the text, so only one article's bigrams
 * are held at a time: holding every article's took more than 7 GB for 100,000 seed-length
 * articles.
 */
function textVectors(articles: readonly ArticleLike[]): TextVector[] {
  const numbering = new BigramNumbering();
  let documentFrequency = new Int32Array(1 << 16);
  for (const article of articles) {
    for (const gram of numbering.bigramsOf(article).grams) {
      if (gram >= documentFrequency.length) documentFrequency = doubled(documentFrequency, 0);
      documentFrequency[gram] = (documentFrequency[gram] ?? 0) + 1;
    }
  }
  const inverseFrequency = inverseFrequencies(articles.length, documentFrequency, numbering.grams.size);
  return articles.map((article) => textVector(numbering.bigramsOf(article), inverseFrequency, numbering.grams.names).vector);
}

/**
 * Text vectors kept between computations in one process that computes related articles
 * again and again over a mostly unchanged archive: the dev server, after each saved change.
 * Each article is known by its stamp (whatever changes when its title or body does: in the
 * site, permalink and file digest). It keeps every article's bigrams (tens of MB for 20,000
 * articles, which a one-off build does not need), the archive's document frequencies and
 * the last vectors. An article's vector depends only on its bigrams, the number of articles
 * and the frequencies of its bigrams, so after an edit only the edited article and those
 * sharing a bigram whose frequency changed get a new one; after an article is added or
 * removed (the number changes) every vector is made again, from the kept bigrams. The
 * vectors are exactly those `textVectors` makes.
 */
export class BigramCache {
  readonly #numbering = new BigramNumbering();
  readonly #bigrams = new Map<string, ArticleBigrams>();
  #documentFrequency = new Int32Array(1 << 16);
  #inverseFrequency = new Float64Array(0);
  /** The last call's vectors by stamp, and its number of articles. */
  #vectors = new Map<string, { vector: TextVector; bar?: TextVector }>();
  #articles = -1;
  /** What the last call did: texts split, and vectors made again (the rest were kept). */
  split = 0;
  revectored = 0;

  #bigramsOf(article: ArticleLike, stamp: string): ArticleBigrams {
    let bigrams = this.#bigrams.get(stamp);
    if (!bigrams) {
      bigrams = this.#numbering.bigramsOf(article);
      this.#bigrams.set(stamp, bigrams);
      this.split++;
    }
    return bigrams;
  }

  /** Adds the article's bigrams to the frequencies or takes them off, noting each bigram's frequency before the first change. */
  #count(bigrams: ArticleBigrams, by: 1 | -1, before: Map<number, number>): void {
    for (const gram of bigrams.grams) {
      while (gram >= this.#documentFrequency.length) this.#documentFrequency = doubled(this.#documentFrequency, 0);
      const frequency = this.#documentFrequency[gram] ?? 0;
      if (!before.has(gram)) before.set(gram, frequency);
      this.#documentFrequency[gram] = frequency + by;
    }
  }

  /**
   * Whether a kept vector is still the article's after the frequencies of `changed` bigrams
   * changed: none of its own bigrams changed weight, and no changed bigram of the article
   * now passes the bar of its last one (a vector that is not full takes any bigram).
   */
  #stillBest(kept: { vector: TextVector; bar?: TextVector }, bigrams: ArticleBigrams, changed: Uint8Array, names: readonly string[]): boolean {
    for (const gram of kept.vector.grams) if (changed[gram] === 1) return false;
    for (let k = 0; k < bigrams.grams.length; k++) {
      const gram = bigrams.grams[k] ?? 0;
      if (changed[gram] !== 1) continue;
      const weight = (1 + Math.log(bigrams.counts[k] ?? 1)) * (this.#inverseFrequency[gram] ?? 0);
      if (!(weight > 0)) continue;
      if (!kept.bar || ranksBefore(kept.bar, names, weight, gram, 0)) return false;
    }
    return true;
  }

  /** The text vectors of `articles`, in their order. */
  vectors<T extends ArticleLike>(articles: readonly T[], stampOf: (article: T) => string): TextVector[] {
    this.split = 0;
    this.revectored = 0;
    const stamps = articles.map(stampOf);
    const current = new Set(stamps);
    // Frequencies: less the articles gone or changed, plus the new and changed ones. An
    // edit takes off and adds back most of an article's bigrams: only a bigram whose
    // frequency ends up different changes a vector.
    const before = new Map<number, number>();
    for (const [stamp, bigrams] of this.#bigrams) {
      if (current.has(stamp)) continue;
      if (this.#vectors.has(stamp)) this.#count(bigrams, -1, before);
      this.#bigrams.delete(stamp);
    }
    articles.forEach((article, i) => {
      const stamp = stamps[i] as string;
      if (!this.#vectors.has(stamp)) this.#count(this.#bigramsOf(article, stamp), 1, before);
    });
    const changed = [...before].filter(([gram, frequency]) => this.#documentFrequency[gram] !== frequency).map(([gram]) => gram);
    const names = this.#numbering.grams.names;
    const sameCount = this.#articles === articles.length;
    if (sameCount) {
      if (this.#inverseFrequency.length < names.length) {
        const grown = new Float64Array(names.length);
        grown.set(this.#inverseFrequency);
        this.#inverseFrequency = grown;
      }
      for (const gram of changed) this.#inverseFrequency[gram] = Math.log((1 + articles.length) / (1 + (this.#documentFrequency[gram] ?? 0)));
    } else {
      this.#inverseFrequency = inverseFrequencies(articles.length, this.#documentFrequency, names.length);
    }
    const changedGrams = new Uint8Array(names.length);
    for (const gram of changed) changedGrams[gram] = 1;
    const vectors = new Map<string, { vector: TextVector; bar?: TextVector }>();
    const result = articles.map((article, i) => {
      const stamp = stamps[i] as string;
      const bigrams = this.#bigramsOf(article, stamp);
      let kept = sameCount ? this.#vectors.get(stamp) : undefined;
      if (kept && changed.length > 0 && !this.#stillBest(kept, bigrams, changedGrams, names)) kept = undefined;
      if (!kept) {
        kept = textVector(bigrams, this.#inverseFrequency, names);
        this.revectored++;
      }
      vectors.set(stamp, kept);
      return kept.vector;
    });
    this.#vectors = vectors;
    this.#articles = articles.length;
    return result;
  }
}

/** Articles nearest in time taken from each shared person, tag or section, on each side. */
export const PROPERTY_WINDOW = 50;
/** A bigram in more articles than this is too common to say two of them are related. */
export const GRAM_POSTINGS_CAP = 500;

export interface RelatedIndex<T> {
  /** The related articles of the article with this id, or undefined when it is not in the index. */
  get(id: string): T[] | undefined;
}

/**
 * Related articles of any article of `articles` (by id), up to `limit`: metadata score
 * first, then text similarity, then closeness in time, then permalink, so the result is
 * deterministic. Each list is computed when first asked for, then kept.
 *
 * Candidates come from inverted lists, never from comparing every pair, and both kinds of
 * list are bounded, because in a real archive one editor or section is shared by tens of
 * thousands of articles (100,000 generated articles never finished otherwise): from each
 * shared person, tag or section the PROPERTY_WINDOW articles nearest in time on each side,
 * and from each distinctive bigram its articles unless it is in more than GRAM_POSTINGS_CAP.
 * A candidate's metadata score is then exact (`relationScore`); its similarity counts the
 * bigrams below the cap.
 *
 * The articles' text vectors and the inverted lists are made at once (the whole archive
 * decides which bigrams are distinctive); with a `cache` (keyed by `stampOf`) only what
 * changed since its last call is made again (see `BigramCache`).
 */
export function relatedIndex<T extends ArticleLike>(
  articles: readonly T[],
  limit = 5,
  cache?: { bigrams: BigramCache; stampOf: (article: T) => string },
): RelatedIndex<T> {
  const vectors = cache ? cache.bigrams.vectors(articles, cache.stampOf) : textVectors(articles);
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
  articles.forEach((_article, i) => {
    for (const person of peopleIds[i] ?? []) byPerson[person]?.push(i);
    for (const tag of new Set(tagIds[i])) byTag[tag]?.push(i);
    const section = sectionIds[i] ?? -1;
    if (section >= 0) bySection[section]?.push(i);
  });
  // Each bigram's articles and weights, as slices of two typed arrays between the bigram's
  // offsets (a Map of arrays per bigram took most of the dev server's time after an edit).
  let gramLimit = 0;
  for (const vector of vectors) for (const gram of vector.grams) gramLimit = Math.max(gramLimit, gram + 1);
  const postingsStart = new Int32Array(gramLimit + 1);
  for (const vector of vectors) for (const gram of vector.grams) postingsStart[gram + 1] = (postingsStart[gram + 1] ?? 0) + 1;
  for (let gram = 0; gram < gramLimit; gram++) postingsStart[gram + 1] = (postingsStart[gram + 1] ?? 0) + (postingsStart[gram] ?? 0);
  const postingArticles = new Int32Array(postingsStart[gramLimit] ?? 0);
  const postingWeights = new Float64Array(postingArticles.length);
  const filled = postingsStart.slice(0, gramLimit);
  vectors.forEach((vector, i) => {
    vector.grams.forEach((gram, k) => {
      const at = filled[gram] ?? 0;
      filled[gram] = at + 1;
      postingArticles[at] = i;
      postingWeights[at] = vector.weights[k] ?? 0;
    });
  });

  const similarity = new Float64Array(articles.length);
  const seen = new Uint8Array(articles.length);
  const personMark = new Uint8Array(people.size);
  const tagMark = new Uint8Array(tags.size);
  const best: { j: number; score: number; similarity: number; distance: number }[] = [];
  const relatedTo = (i: number): T[] => {
    const touched: number[] = [];
    const touch = (j: number) => {
      if (seen[j] === 0) {
        seen[j] = 1;
        touched.push(j);
      }
    };
    const vector = vectors[i] as TextVector;
    vector.grams.forEach((gram, k) => {
      const start = postingsStart[gram] ?? 0;
      const end = postingsStart[gram + 1] ?? 0;
      if (end - start > GRAM_POSTINGS_CAP) return;
      const weight = vector.weights[k] ?? 0;
      for (let at = start; at < end; at++) {
        const j = postingArticles[at] ?? 0;
        touch(j);
        similarity[j] = (similarity[j] ?? 0) + weight * (postingWeights[at] ?? 0);
      }
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
    return best.map(({ j }) => articles[j] as T);
  };

  const positions = new Map(articles.map((article, i) => [article.id, i]));
  const lists = new Map<string, T[]>();
  return {
    get(id) {
      let list = lists.get(id);
      const i = positions.get(id);
      if (list === undefined && i !== undefined) lists.set(id, (list = relatedTo(i)));
      return list;
    },
  };
}

/** The related articles of every article, by id (see `relatedIndex`). */
export function relatedArticles<T extends ArticleLike>(articles: readonly T[], limit = 5): Map<string, T[]> {
  const index = relatedIndex(articles, limit);
  return new Map(articles.map((article) => [article.id, index.get(article.id) ?? []]));
}
