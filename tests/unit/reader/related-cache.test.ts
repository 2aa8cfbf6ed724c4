import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { codeIdentity } from '../../../src/lib/code-identity.ts';
import { relatedArticles } from '../../../src/lib/related.ts';
import { relatedArticlesCached } from '../../../src/lib/related-cache.ts';
import { article } from './helpers.ts';

const work = mkdtempSync(join(tmpdir(), 'annals-related-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const archive = [
  article('tea', { authors: [{ name: '艾哲', role: '记者' }], tags: ['春茶'], body: '枫川县春茶开采，茶农忙着采摘新茶。' }),
  article('tea-market', { authors: [{ name: '艾哲', role: '记者' }], tags: ['春茶'], body: '春茶上市，县城茶叶市场热闹。' }),
  article('roads', { tags: ['交通'], body: '村村通公路修到了山里。' }),
  article('bridge', { tags: ['交通'], body: '资江大桥通车，公路连起两岸。' }),
];
const stamp = (entry: { id: string; body?: string | undefined }) => `${entry.id}@${entry.body ?? ''}`;
const ids = (related: Map<string, { id: string }[]>) => Object.fromEntries([...related].map(([id, list]) => [id, list.map((other) => other.id)]));

describe('related articles kept between builds', () => {
  test('are computed and stored the first time, then read back equal to computing them', () => {
    const cache = { file: join(work, 'first', 'related.json'), code: 'code-1' };
    const computed = relatedArticlesCached(archive, 5, stamp, cache);
    expect(computed.reused).toBe(false);
    const reused = relatedArticlesCached(archive, 5, stamp, cache);
    expect(reused.reused).toBe(true);
    expect(ids(reused.related)).toEqual(ids(relatedArticles(archive, 5)));
    // The entries handed back are the caller's own objects, not copies.
    expect(reused.related.get('tea')?.[0]).toBe(archive[1]);
  });

  test('are computed again when an article changes, one is added, the code or the count differs', () => {
    const cache = { file: join(work, 'changes', 'related.json'), code: 'code-1' };
    relatedArticlesCached(archive, 5, stamp, cache);
    const edited = archive.map((entry) => (entry.id === 'roads' ? { ...entry, body: '春茶上市，茶农采摘新茶。' } : entry));
    const afterEdit = relatedArticlesCached(edited, 5, stamp, cache);
    expect(afterEdit.reused).toBe(false);
    expect(ids(afterEdit.related)).toEqual(ids(relatedArticles(edited, 5)));
    const added = [...edited, article('bridge-2', { tags: ['交通'], body: '大桥通车。' })];
    expect(relatedArticlesCached(added, 5, stamp, cache).reused).toBe(false);
    expect(relatedArticlesCached(added, 5, stamp, { ...cache, code: 'code-2' }).reused).toBe(false);
    expect(relatedArticlesCached(added, 1, stamp, { ...cache, code: 'code-2' }).reused).toBe(false);
    expect(relatedArticlesCached(added, 1, stamp, { ...cache, code: 'code-2' }).reused).toBe(true);
  });

  test('ignore a damaged or foreign file and replace it', () => {
    const file = join(work, 'damaged.json');
    const cache = { file, code: 'code-1' };
    writeFileSync(file, '{"key": "x", "rel');
    expect(relatedArticlesCached(archive, 5, stamp, cache).reused).toBe(false);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { key: string; related: number[][] };
    writeFileSync(file, JSON.stringify({ ...stored, related: stored.related.map(() => [99]) }));
    const afterDamage = relatedArticlesCached(archive, 5, stamp, cache);
    expect(afterDamage.reused).toBe(false);
    expect(ids(afterDamage.related)).toEqual(ids(relatedArticles(archive, 5)));
  });
});

describe('the identity of a module\'s code', () => {
  const dir = mkdtempSync(join(work, 'code-'));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const identity = () => codeIdentity(pathToFileURL(join(dir, 'main.mjs')).href);

  test('changes when the module or anything it imports, directly or not, changes', () => {
    write('main.mjs', 'import{a as b}from"./a.mjs";export const c=b+1;');
    write('a.mjs', 'export{x as a}from "./deep.mjs";');
    write('deep.mjs', 'export const x = 1;');
    const first = identity();
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(identity()).toBe(first);
    write('deep.mjs', 'export const x = 2;');
    const second = identity();
    expect(second).not.toBe(first);
    write('main.mjs', 'import{a as b}from"./a.mjs";export const c=b+2;');
    expect(identity()).not.toBe(second);
  });

  test('is unknown when a file is missing or the module is not a file', () => {
    write('main.mjs', 'import "./gone.mjs";');
    expect(identity()).toBeUndefined();
    expect(codeIdentity('data:text/javascript,1')).toBeUndefined();
  });

  test('covers related.ts and what it imports', () => {
    expect(codeIdentity(pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'src', 'lib', 'related.ts')).href)).toBeDefined();
  });
});
