import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linkTree } from '../../src/lib/link-tree.ts';

const work = mkdtempSync(join(tmpdir(), 'annals-link-tree-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('linkTree', () => {
  it('links every file of the accepted top-level entries, folders and all, and nothing else', () => {
    const source = join(work, 'part');
    mkdirSync(join(source, 'index'), { recursive: true });
    writeFileSync(join(source, 'pagefind-entry.json'), '{}');
    writeFileSync(join(source, 'index', 'a.pf_index'), 'chunk');
    writeFileSync(join(source, 'pagefind.js'), 'script');
    const target = join(work, 'out', 'shards', '2024');
    linkTree(source, target, (entry) => entry !== 'pagefind.js');
    expect(readFileSync(join(target, 'index', 'a.pf_index'), 'utf8')).toBe('chunk');
    expect(statSync(join(target, 'index', 'a.pf_index')).ino).toBe(statSync(join(source, 'index', 'a.pf_index')).ino);
    expect(statSync(join(target, 'pagefind-entry.json')).ino).toBe(statSync(join(source, 'pagefind-entry.json')).ino);
    expect(existsSync(join(target, 'pagefind.js'))).toBe(false);
  });
});
