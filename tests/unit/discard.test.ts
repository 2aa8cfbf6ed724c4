import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discard } from '../../src/integrations/atomic-output.ts';

const parent = mkdtempSync(join(tmpdir(), 'annals-discard-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('discard (atomic output)', () => {
  it('removes the folder at once and deletes its contents in the background', async () => {
    const dir = join(parent, 'dist');
    for (let i = 0; i < 50; i++) {
      mkdirSync(join(dir, `page-${i}`), { recursive: true });
      writeFileSync(join(dir, `page-${i}`, 'index.html'), '<p>old</p>');
    }
    discard(dir);
    expect(existsSync(dir)).toBe(false);
    for (let waited = 0; readdirSync(parent).length > 0 && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readdirSync(parent)).toEqual([]);
  });

  it('does nothing for a folder that does not exist', () => {
    expect(() => discard(join(parent, 'missing'))).not.toThrow();
  });
});
