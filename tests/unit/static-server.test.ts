import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRequestPath } from '../../scripts/lib/static-server.ts';

const root = mkdtempSync(join(tmpdir(), 'annals-serve-'));
mkdirSync(join(root, 'articles', '县'), { recursive: true });
writeFileSync(join(root, 'index.html'), 'home');
writeFileSync(join(root, 'articles', '县', 'index.html'), 'article');

describe('resolveRequestPath', () => {
  it('serves index.html for a directory and decodes percent-encoded paths', () => {
    expect(resolveRequestPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveRequestPath(root, '/articles/%E5%8E%BF/?q=1')).toBe(join(root, 'articles', '县', 'index.html'));
  });

  it('finds nothing for missing files, directories without an index, and paths that leave the root', () => {
    expect(resolveRequestPath(root, '/missing/')).toBeUndefined();
    expect(resolveRequestPath(root, '/articles/')).toBeUndefined();
    expect(resolveRequestPath(root, '/../etc/passwd')).toBeUndefined();
    expect(resolveRequestPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(resolveRequestPath(root, '/%E0%A4%A')).toBeUndefined();
  });
});
