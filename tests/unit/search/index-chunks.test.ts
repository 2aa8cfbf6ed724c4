import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIndexText } from '../../../src/lib/search/cjk.ts';
import { chunkBounds, chunkCbor, cutWords, decodeCbor, encodeCbor, GROUP_LIMIT, mayCutBetween, readPagefindFile, scanWords, splitIndexChunks, type RawWord } from '../../../src/lib/search/index-chunks.ts';
import { runPagefindCli } from '../../../src/lib/search/pagefind-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'annals-index-chunks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const BODIES = ['县委书记调研乡村振兴工作', '两会代表审议政府工作报告', '养老服务中心启用', '粮食安全检查组抽查粮库', '数字经济论坛吸引嘉宾', '资江大桥建成通车', '防汛抢险工作有序开展', '合作社带动农户增收'];

/** A Pagefind part written by the real command line, as the indexer writes one (before splitting). */
async function writtenPart(name: string): Promise<string> {
  const site = join(work, name, 'site');
  for (const [i, body] of BODIES.entries()) {
    const file = join(site, 'articles', String(i), 'index.html');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `<html lang="zh-CN"><body data-pagefind-body><h1>${toIndexText(body.slice(0, 4))}</h1><p>${toIndexText(body)}</p><p>${toIndexText(body.split('').reverse().join(''))}</p></body></html>`);
  }
  const part = join(work, name, 'part');
  await runPagefindCli(site, part, join(work, name));
  return part;
}

const signed = (file: string) => gunzipSync(readFileSync(file)).subarray('pagefind_dcd'.length);
const chunkFiles = (part: string) => readdirSync(join(part, 'index')).map((name) => join(part, 'index', name));
const metaFile = (part: string) => join(part, readdirSync(part).find((name) => name.endsWith('.pf_meta')) ?? '');
const allWords = (part: string) => {
  const meta = readPagefindFile(metaFile(part)) as [string, unknown, [string, string, string][]];
  return meta[2].flatMap(([, , hash]) => scanWords(signed(join(part, 'index', `${hash}.pf_index`)), hash));
};

let part = '';
beforeAll(async () => {
  part = await writtenPart('split');
}, 60_000);

describe('reading Pagefind’s files', () => {
  it('decodes and re-encodes the metadata and every chunk to the same bytes', () => {
    for (const file of [metaFile(part), ...chunkFiles(part)]) expect(Buffer.from(encodeCbor(decodeCbor(signed(file))))).toEqual(signed(file));
  });

  it('cuts a chunk into its words’ bytes, which put together again give the chunk', () => {
    for (const file of chunkFiles(part)) {
      const words = scanWords(signed(file), file);
      expect(words.length).toBeGreaterThan(0);
      expect(Buffer.from(chunkCbor(words))).toEqual(signed(file));
      expect(words.map((word) => word.word)).toEqual([...words.map((word) => word.word)].sort());
    }
  });

  it('names the file and what it expected when a chunk is not Pagefind 1.6’s', () => {
    expect(() => scanWords(encodeCbor([[['word', 'not pages']]]), 'index/x.pf_index')).toThrow(/index\/x\.pf_index: expected the word's pages \(CBOR major type 4\)/);
    expect(() => scanWords(encodeCbor([[], []]), 'index/y.pf_index')).toThrow(/array of one field/);
  });
});

describe('cutting words into chunks', () => {
  const word = (text: string, locations: number): RawWord => ({ word: text, locations, bytes: new Uint8Array() });

  it('never parts a character’s token from the bigrams it begins, or a word from its extensions', () => {
    expect(mayCutBetween('qxaaaa', 'qxaaaabbbb')).toBe(false);
    expect(mayCutBetween('qxaaaabbbb', 'qxaaaacccc')).toBe(false);
    expect(mayCutBetween('qxaaaacccc', 'qxaaabdddd')).toBe(true);
    expect(mayCutBetween('econ', 'economy')).toBe(false);
    expect(mayCutBetween('economy', 'edge')).toBe(true);
  });

  it('cuts at about the size asked, keeping a prefix group whole up to the group limit', () => {
    const words = [word('qxaaaa', 2), word('qxaaaabbbb', 2), word('qxaaaacccc', 2), word('qxbbbb', 2), word('qxcccc', 2)];
    expect(cutWords(words, 2).map((chunk) => chunk.map((w) => w.word))).toEqual([['qxaaaa', 'qxaaaabbbb', 'qxaaaacccc'], ['qxbbbb'], ['qxcccc']]);
    const group = Array.from({ length: 3 * GROUP_LIMIT }, (_, i) => word(`qxaaaa${String.fromCharCode(97 + i).repeat(4)}`, 1));
    const chunks = cutWords(group, 2);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.reduce((sum, w) => sum + w.locations, 0)).toBe(2 * GROUP_LIMIT);
  });

  it('bounds chunks as Pagefind does: first and last words, cut where neighbours differ', () => {
    const chunk = (...texts: string[]) => texts.map((text) => word(text, 1));
    expect(chunkBounds([chunk('apple', 'banana'), chunk('bandit', 'cherry'), chunk('damson')])).toEqual([
      { from: 'apple', to: 'bana' },
      { from: 'band', to: 'c' },
      { from: 'd', to: 'damson' },
    ]);
  });
});

describe('splitIndexChunks', () => {
  it('re-cuts the part’s words into more chunks, the same words in the same order, each inside its chunk’s bounds', async () => {
    const own = await writtenPart('split-own');
    const before = allWords(own);
    const oldMeta = metaFile(own);
    const split = splitIndexChunks(own, 10);
    expect(split?.after).toBeGreaterThan(split?.before ?? Infinity);
    const meta = readPagefindFile(metaFile(own)) as [string, unknown, [string, string, string][]];
    expect(metaFile(own)).not.toBe(oldMeta);
    const entry = JSON.parse(readFileSync(join(own, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string; page_count: number }> };
    expect(Object.values(entry.languages)).toEqual([expect.objectContaining({ hash: metaFile(own).replace(/^.*pagefind\.(.*)\.pf_meta$/, '$1'), page_count: BODIES.length })]);
    expect(chunkFiles(own)).toHaveLength(meta[2].length);
    const after = allWords(own);
    expect(after.map((w) => [w.word, Buffer.from(w.bytes).toString('hex')])).toEqual(before.map((w) => [w.word, Buffer.from(w.bytes).toString('hex')]));
    for (const [from, to, hash] of meta[2]) {
      for (const { word } of scanWords(signed(join(own, 'index', `${hash}.pf_index`)), hash)) {
        expect(word >= from && word.slice(0, to.length) <= to, `${word} within ${from}…${to}`).toBe(true);
      }
    }
  }, 60_000);

  it('leaves a part whose chunks are already that small as it is', () => {
    const files = chunkFiles(part);
    expect(splitIndexChunks(part, 1_000_000)).toBeUndefined();
    expect(chunkFiles(part)).toEqual(files);
  });
});
