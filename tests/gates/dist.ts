/**
 * The built site the gates inspect: `dist/` (or `ANNALS_GATE_DIR`), as `npm run build` left it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import sax from 'sax';
import { siteConfig } from '../../src/site.config.ts';

export const projectRoot = join(import.meta.dirname, '..', '..');
export const DIST = resolve(projectRoot, process.env['ANNALS_GATE_DIR'] ?? 'dist');
export const SITE = new URL(siteConfig.base, siteConfig.url);

export function requireDist(): void {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST} has no built site; run npm run build first`);
}

/** Every file of the site, relative to DIST, sorted, without Pagefind's index. */
export function siteFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (full !== join(DIST, 'pagefind')) walk(full);
      } else found.push(relative(DIST, full));
    }
  };
  walk(DIST);
  return found;
}

export const readSite = (file: string) => readFileSync(join(DIST, file), 'utf8');

/**
 * HTML pages to validate: every page type (pages grouped by their first path segment and
 * depth) with at most `perType` of each, first, middle and last, so a large archive stays
 * fast while every template is covered.
 */
export function samplePages(perType = 3): string[] {
  const groups = new Map<string, string[]>();
  for (const file of siteFiles().filter((f) => f.endsWith('.html'))) {
    const parts = file.split('/');
    const key = `${parts.length > 1 ? parts[0] : '(top)'}/${parts.length}`;
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  const sample: string[] = [];
  for (const [key, files] of groups) {
    if (key.startsWith('(top)')) sample.push(...files);
    else {
      const picks = new Set([0, Math.floor(files.length / 2), files.length - 1].slice(0, perType));
      for (const index of picks) sample.push(files[index] as string);
    }
  }
  return sample.sort();
}

/** Maps a URL of this site to the file that answers it, or undefined when it is not on this site. */
export function fileForUrl(url: URL): string | undefined {
  if (url.origin !== SITE.origin || !url.pathname.startsWith(SITE.pathname)) return undefined;
  const path = decodeURIComponent(url.pathname.slice(SITE.pathname.length));
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

/** The public URL of a built file. */
export function urlOfFile(file: string): URL {
  return new URL(file.replace(/(^|\/)index\.html$/, '$1'), SITE);
}

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

/** Parses XML strictly (well-formedness errors throw) into a small element tree with namespace-local names. */
export function parseXml(text: string): XmlElement {
  const parser = sax.parser(true, { xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.onopentag = (tag) => {
    const node = tag as sax.QualifiedTag;
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(node.attributes)) attributes[name] = attribute.value;
    const element: XmlElement = { name: node.local, attributes: { ...attributes, xmlns: node.uri }, children: [], text: '', line: parser.line + 1 };
    stack.at(-1)?.children.push(element);
    stack.push(element);
    root ??= element;
  };
  parser.ontext = (chunk) => { const top = stack.at(-1); if (top) top.text += chunk; };
  parser.oncdata = (chunk) => { const top = stack.at(-1); if (top) top.text += chunk; };
  parser.onclosetag = () => { stack.pop(); };
  parser.onerror = (error) => { throw error; };
  parser.write(text).close();
  if (!root) throw new Error('no root element');
  return root;
}
