/**
 * Search in `astro dev`: editors check search while they write. On the first request for
 * `/pagefind/…` the dev server's own article pages are fetched (rendered from the content
 * collection, so unsaved-to-build changes are in), indexed in memory with the same CJK
 * layer as the build, and served from memory; a change under the content root marks the
 * index stale and the next search rebuilds it. Dev only: nothing is written to disk.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { parseArticleFile } from '../frontmatter.ts';
import { articlePath, slugFromFileName } from '../permalinks.ts';
import { close } from 'pagefind';
import { FOLD_TABLE_FILE } from './files.ts';
import { buildIndex, type IndexSource } from './indexer.ts';
import { SHARD_MANIFEST_FILE, shardManifest } from './shards.ts';

/** Site paths of the non-draft articles under a content root, as the collection publishes them. */
export async function articlePaths(contentRoot: string): Promise<string[]> {
  const paths: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (extname(entry.name) === '.mdx' || extname(entry.name) === '.md') {
        const { data } = parseArticleFile(await readFile(path, 'utf8'));
        if (!data || data['draft'] === true) continue;
        const slug = typeof data['slug'] === 'string' ? data['slug'] : slugFromFileName(relative(dir, path));
        paths.push(articlePath(slug));
      }
    }
  };
  await walk(join(contentRoot, 'articles'));
  return paths;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.txt': 'text/plain; charset=utf-8' };

export class DevSearchIndex {
  #files: Promise<Map<string, Uint8Array>> | undefined;

  constructor(
    private readonly contentRoot: string,
    /** Fetches a page from the running dev server: `/articles/slug/` → HTML, or undefined. */
    private readonly fetchPage: (path: string) => Promise<string | undefined>,
    private readonly lang: string,
  ) {}

  invalidate(): void {
    this.#files = undefined;
  }

  /** The file at `path` under `/pagefind/`, with its content type, or undefined. */
  async file(path: string): Promise<{ body: Uint8Array; type: string } | undefined> {
    this.#files ??= this.#build();
    const files = await this.#files;
    const body = files.get(path);
    return body ? { body, type: TYPES[extname(path)] ?? 'application/octet-stream' } : undefined;
  }

  async #build(): Promise<Map<string, Uint8Array>> {
    const paths = await articlePaths(this.contentRoot);
    const fetchPage = this.fetchPage;
    async function* sources(): AsyncGenerator<IndexSource> {
      for (const url of paths) {
        const html = await fetchPage(url);
        if (html) yield { url, html };
      }
    }
    try {
      const { index, foldTable } = await buildIndex(sources(), this.lang);
      const { files, errors } = await index.getFiles();
      if (errors.length > 0) throw new Error(errors.join('; '));
      const map = new Map(files.map((file) => [file.path.replace(/^\/+/, ''), file.content] as const));
      map.set(FOLD_TABLE_FILE, new TextEncoder().encode(foldTable));
      // One part in dev: the manifest says there is nothing to merge.
      map.set(SHARD_MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(shardManifest([]))));
      return map;
    } finally {
      await close();
    }
  }
}
