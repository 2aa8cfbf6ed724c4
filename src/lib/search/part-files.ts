/**
 * Reading a written Pagefind index part (Node only), for the indexer and the output check.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Pagefind's page ids in a written index part: its fragment files are named by them. */
export function pageIds(partDir: string): string[] {
  const folder = join(partDir, 'fragment');
  return existsSync(folder) ? readdirSync(folder).map((name) => name.replace(/\.pf_fragment$/, '')) : [];
}

/** The URL of the page a fragment holds (gzip, Pagefind's signature, then JSON). */
export function fragmentUrl(partDir: string, id: string): string {
  const data = gunzipSync(readFileSync(join(partDir, 'fragment', `${id}.pf_fragment`))).toString('utf8');
  return (JSON.parse(data.slice(data.indexOf('{'))) as { url: string }).url;
}

