import { describe, expect, test } from 'vitest';
import { toIndexText } from '../../../src/lib/search/cjk.ts';
import { identityFolder } from '../../../src/lib/search/fold.ts';
import { planQuery } from '../../../src/lib/search/query.ts';
import { keysOfWords, MAX_LOOKUP_PARTS, partsHolding, QUERY_KEYS, QUERY_TRIGRAMS, queryKeys, queryTrigrams, sliceMayHold, trigramBucket, trigramHash, trigramHashes, wordBucket, wordPartsBuckets } from '../../../src/lib/search/word-parts.ts';

const keysOfText = (text: string) => keysOfWords(toIndexText(text).split(' '));

describe('keysOfWords', () => {
  test('gives every bigram, and every character alone for the tokens that start with it; nothing for other words', () => {
    expect([...keysOfText('两会召开 2024 GDP')].sort()).toEqual(['两', '两会', '会', '会召', '召', '召开', '开'].sort());
  });
});

describe('queryKeys', () => {
  const keys = (query: string) => queryKeys(planQuery(query, identityFolder));

  test('asks for the bigrams a search probes, and a lone character by itself', () => {
    expect(keys('习近平同乌兹')).toEqual(['习近', '平同', '乌兹']);
    expect(keys('桥')).toEqual(['桥']);
  });

  test('takes the words in turn and stops at the limit, so a long first word leaves room for the others', () => {
    const asked = keys('中华人民共和国国务院办公厅 秋收');
    expect(asked).toHaveLength(QUERY_KEYS);
    expect(asked).toContain('秋收');
  });

  test('asks nothing for a query without Han words: any part may answer it', () => {
    expect(keys('GDP 2024')).toEqual([]);
  });
});

describe('queryTrigrams', () => {
  const trigrams = (query: string) => queryTrigrams(planQuery(query, identityFolder));

  test('spreads over each word of three characters or more, the last three included, and none for shorter words', () => {
    expect(trigrams('乌兹别克斯坦')).toEqual(['乌兹别', '克斯坦']);
    expect(trigrams('供销社')).toEqual(['供销社']);
    expect(trigrams('两会 GDP')).toEqual([]);
  });

  test('takes the words in turn, at most the limit', () => {
    const asked = trigrams('中华人民共和国国务院办公厅 供销社');
    expect(asked).toHaveLength(QUERY_TRIGRAMS);
    expect(asked).toContain('供销社');
  });
});

describe('wordPartsBuckets and partsHolding', () => {
  const texts = ['新年贺词', '秋收时节', '大桥通车。秋收', '秋收，收时'];
  const parts = texts.map(keysOfText);
  const trigramSets = texts.map((text) => trigramHashes(text));
  const buckets = 4;
  const files = wordPartsBuckets(parts, buckets, trigramSets);
  const holding = (keys: string[], trigrams: string[] = []) =>
    partsHolding(keys, trigrams, (asked) => files['key' in asked ? wordBucket(asked.key, buckets) : trigramBucket(asked.trigram, buckets)], parts.length);

  test('puts each key in the bucket it hashes to, with a bit for each part that holds it', () => {
    for (const [bucket, file] of files.entries()) for (const key of Object.keys(file.words)) expect(wordBucket(key, buckets)).toBe(bucket);
    expect(files[wordBucket('秋收', buckets)]?.words['秋收']).toBe(2 + 4 + 8);
  });

  test('names the parts that hold every key, newest first; none when no part holds them all', () => {
    expect(holding(['秋收'])).toEqual([1, 2, 3]);
    expect(holding(['秋收', '大桥'])).toEqual([2]);
    expect(holding(['秋收', '新年'])).toEqual([]);
    expect(holding(['会议'])).toEqual([]);
  });

  test('leaves out a part that holds every bigram of a term, but not its trigram: the bigrams are apart there', () => {
    // Part 3 holds 秋收 and 收时, but apart.
    expect(holding(['秋收', '收时'])).toEqual([1, 3]);
    expect(holding(['秋收', '收时'], ['秋收时'])).toEqual([1]);
    // Part 2 holds 车。秋: 车秋 is not a trigram of it (the full stop ends the run).
    const withStop = wordPartsBuckets([keysOfText('大桥通车。秋收')], 1, [trigramHashes('大桥通车。秋收')]);
    expect(sliceMayHold(withStop[0]?.trigrams[0] ?? '', trigramHash('通车秋'))).toBe(false);
    expect(sliceMayHold(withStop[0]?.trigrams[0] ?? '', trigramHash('桥通车'))).toBe(true);
  });

  test('a part’s filter holds every trigram of its text', () => {
    const text = '中华人民共和国国务院办公厅关于做好秋冬季农业生产工作的通知';
    const [file] = wordPartsBuckets([keysOfText(text)], 1, [trigramHashes(text)]);
    const chars = [...text];
    for (let at = 0; at + 3 <= chars.length; at++) expect(sliceMayHold(file?.trigrams[0] ?? '', trigramHash(chars.slice(at, at + 3).join('')))).toBe(true);
  });

  test('knows nothing without keys or with a bucket it could not fetch', () => {
    expect(partsHolding([], [], () => undefined, parts.length)).toBeUndefined();
    expect(partsHolding(['秋收'], [], () => undefined, parts.length)).toBeUndefined();
  });

  test('refuses more parts than a mask holds exactly', () => {
    expect(() => wordPartsBuckets(Array.from({ length: MAX_LOOKUP_PARTS + 1 }, () => new Set(['秋'])), 1)).toThrow(RangeError);
  });
});
