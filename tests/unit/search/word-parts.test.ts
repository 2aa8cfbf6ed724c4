import { describe, expect, test } from 'vitest';
import { toIndexText } from '../../../src/lib/search/cjk.ts';
import { identityFolder } from '../../../src/lib/search/fold.ts';
import { planQuery } from '../../../src/lib/search/query.ts';
import { keysOfWords, MAX_LOOKUP_PARTS, partsHolding, QUERY_KEYS, queryKeys, wordBucket, wordPartsBuckets } from '../../../src/lib/search/word-parts.ts';

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

describe('wordPartsBuckets and partsHolding', () => {
  const parts = [keysOfText('新年贺词'), keysOfText('秋收时节'), keysOfText('大桥通车。秋收')];
  const buckets = 4;
  const files = wordPartsBuckets(parts, buckets);
  const fetched = (keys: readonly string[]) => new Map(keys.map((key) => [key, files[wordBucket(key, buckets)]] as const));
  const holding = (...keys: string[]) => partsHolding(keys, fetched(keys), parts.length);

  test('puts each key in the bucket it hashes to, with a bit for each part that holds it', () => {
    for (const [bucket, file] of files.entries()) for (const key of Object.keys(file)) expect(wordBucket(key, buckets)).toBe(bucket);
    expect(files[wordBucket('秋收', buckets)]?.['秋收']).toBe(2 + 4);
  });

  test('names the parts that hold every key, newest first; none when no part holds them all', () => {
    expect(holding('秋收')).toEqual([1, 2]);
    expect(holding('秋收', '大桥')).toEqual([2]);
    expect(holding('秋收', '新年')).toEqual([]);
    expect(holding('会议')).toEqual([]);
  });

  test('knows nothing without keys or with a bucket it could not fetch', () => {
    expect(partsHolding([], new Map(), parts.length)).toBeUndefined();
    expect(partsHolding(['秋收'], new Map([['秋收', undefined]]), parts.length)).toBeUndefined();
  });

  test('refuses more parts than a mask holds exactly', () => {
    expect(() => wordPartsBuckets(Array.from({ length: MAX_LOOKUP_PARTS + 1 }, () => new Set(['秋'])), 1)).toThrow(RangeError);
  });
});
