/**
 * A bigger archive for the search benchmark, made without Astro (a 100,000-article build
 * takes over two hours): the built xwlb site's files, hard-linked, plus generated articles
 * (`generate-corpus.ts`) written as built article pages, then indexed by the project's own
 * indexer. Each generated page is a copy of a real built article page with what search
 * reads replaced: the `data-pagefind-body` element's attributes (`searchAttributesFor`, as
 * the article page writes them), its h1, the body's blocks, and the `<title>`. The rest
 * (the meta line, citation, related articles) is left as the copied article's: Pagefind and
 * our indexer skip it (`data-pagefind-ignore`), and no measurement opens these pages.
 *
 * Kept between runs: a folder whose marker names the same article count and the same source
 * build and index is reused as it is.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { parsePublishedDate } from '../../src/lib/dates.ts';
import { parseArticleFile } from '../../src/lib/frontmatter.ts';
import { indexBuiltSite } from '../../src/lib/search/indexer.ts';
import { searchAttributesFor } from '../../src/lib/search/page-attributes.ts';
import { writeSearchPreloads } from '../../src/lib/search/preload.ts';
import { SHARD_MANIFEST_FILE, type ShardManifest } from '../../src/lib/search/shards.ts';
import { siteConfig } from '../../src/site.config.ts';
import { generateArticle } from './generate-corpus.ts';

/** Index folders of the source site: the scaled site gets its own. */
const NOT_LINKED = new Set(['pagefind', 'pagefind-baseline']);
const MARKER = 'bench-scaled.json';
/** Generated articles always come from the generator's default seed: the folder is keyed by its size alone. */
const GENERATOR_SEED = 1;

export interface ScaledSite {
  dir: string;
  articles: number;
  generated: number;
  /** True when an earlier run's folder was used as it was. */
  reused: boolean;
  generateMs: number;
  indexMs: number;
  parts: ShardManifest['shards'];
}

interface Marker extends Omit<ScaledSite, 'dir' | 'reused'> {
  source: string;
  sourceBuild: string;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

interface PageTemplate {
  /** The page's HTML cut where the generated parts go: before title, between title and body tag, … */
  pieces: [string, string, string, string, string];
  /** What the `<title>` adds after the article's title: ` - 邵阳新闻档案`. */
  titleSuffix: string;
  /** The `data-pagefind-body` element's name and its attributes other than Pagefind's meta, filter and sort. */
  tagName: string;
  keptAttributes: [string, string][];
}

/** Cuts a built article page around its `<title>` text, body element's opening tag, h1 text and `.article-body` content. */
function pageTemplate(html: string): PageTemplate {
  type Role = 'title' | 'h1' | 'body';
  const inner = new Map<Role, [number, number]>();
  let bodyTag: { start: number; end: number; name: string; attributes: Record<string, string> } | undefined;
  const open: { role: Role | undefined; innerStart: number }[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      let role: Role | undefined;
      if (!bodyTag && 'data-pagefind-body' in attributes) bodyTag = { start: parser.startIndex, end: parser.endIndex + 1, name, attributes };
      else if (name === 'title' && !inner.has('title')) role = 'title';
      else if (bodyTag && name === 'h1' && !inner.has('h1')) role = 'h1';
      else if (bodyTag && /(^|\s)article-body(\s|$)/.test(attributes['class'] ?? '') && !inner.has('body')) role = 'body';
      open.push({ role, innerStart: parser.endIndex + 1 });
    },
    onclosetag() {
      const element = open.pop();
      if (element?.role && !inner.has(element.role)) inner.set(element.role, [element.innerStart, parser.startIndex]);
    },
  });
  parser.write(html);
  parser.end();
  const title = inner.get('title');
  const h1 = inner.get('h1');
  const body = inner.get('body');
  if (!title || !bodyTag || !h1 || !body || !(title[1] <= bodyTag.start && bodyTag.end <= h1[0] && h1[1] <= body[0])) {
    throw new Error('the template article page has no <title>, data-pagefind-body element with an h1 and an .article-body element, in that order');
  }
  const titleText = html.slice(...title);
  const h1Text = html.slice(...h1);
  return {
    pieces: [html.slice(0, title[0]), html.slice(title[1], bodyTag.start), html.slice(bodyTag.end, h1[0]), html.slice(h1[1], body[0]), html.slice(body[1])],
    titleSuffix: titleText.startsWith(h1Text) ? titleText.slice(h1Text.length) : '',
    tagName: bodyTag.name,
    keptAttributes: Object.entries(bodyTag.attributes).filter(([name]) => !/^data-pagefind-(meta|filter|sort)$/.test(name)),
  };
}

interface ArticleFields {
  slug: string;
  title: string;
  date: string;
  source: string;
  section?: string;
  authors: { name: string }[];
  editor?: string;
  figures: { id: string; caption: string }[];
}

/** The built page of generated article `index`: its slug and HTML. */
function generatedPage(template: PageTemplate, index: number): { slug: string; html: string } {
  const { text } = generateArticle(index, GENERATOR_SEED);
  const parsed = parseArticleFile(text);
  const fields = parsed.data as ArticleFields | undefined;
  if (!fields || parsed.problems.length > 0) throw new Error(`generated article ${index} does not parse: ${parsed.problems.map((problem) => problem.message).join('; ')}`);
  const date = parsePublishedDate(fields.date, siteConfig.timeZone);
  if (!date.ok) throw new Error(`generated article ${index}: ${date.message}`);
  const attributes = searchAttributesFor({ date: date.value, source: { name: fields.source }, section: fields.section, authors: fields.authors, editor: fields.editor }, siteConfig.timeZone);
  const tag = `<${template.tagName}${[...template.keptAttributes, ...Object.entries(attributes)].map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`)).join('')}>`;
  // As ArticleBody renders Markdown blocks and Figure a figure whose photo was not kept.
  const blocks = parsed.body.split(/\n{2,}/).map((block) => block.trim()).filter(Boolean).map((block) => {
    const figureId = /^<Figure id="([^"]+)" \/>$/.exec(block)?.[1];
    const figure = fields.figures.find((candidate) => candidate.id === figureId);
    if (figure) return `<figure class="figure figure--no-image" id="figure-${escapeAttribute(figure.id)}"><span class="figure-missing" aria-hidden="true" data-pagefind-ignore>${escapeText(siteConfig.strings.photoMissing)}</span><figcaption>${escapeText(figure.caption)}</figcaption></figure>`;
    if (block.startsWith('## ')) return `<h2>${escapeText(block.slice(3))}</h2>`;
    return `<p>${escapeText(block)}</p>`;
  });
  const [beforeTitle, beforeBodyTag, beforeH1, beforeBody, after] = template.pieces;
  const title = escapeText(fields.title);
  return { slug: fields.slug, html: `${beforeTitle}${title}${template.titleSuffix}${beforeBodyTag}${tag}${beforeH1}${title}${beforeBody}\n${blocks.join('\n')}\n${after}` };
}

/** Hard-links every file under `from` into `to` (copies where linking fails, as across file systems). */
function linkTree(from: string, to: string, skip: ReadonlySet<string>): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target, new Set());
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

export interface ScaledSiteOptions {
  /** The built xwlb site. */
  sourceDir: string;
  dir: string;
  /** Articles in all, the source's included. */
  articles: number;
  /** Make it again even when a matching folder exists. */
  force: boolean;
}

export async function scaledSite(options: ScaledSiteOptions): Promise<ScaledSite> {
  const { sourceDir, dir } = options;
  // The source's build and index: a rebuilt site brings other page HTML and browser code, a
  // reindexed one (`--reindex`) may be another index format, which the copy must share.
  const sourceBuild = ['index.html', 'pagefind/pagefind-entry.json'].map((file) => statSync(join(sourceDir, file)).mtimeMs).join(' ');
  const markerFile = join(dir, MARKER);
  if (!options.force && existsSync(markerFile)) {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as Marker;
    if (marker.articles === options.articles && marker.source === sourceDir && marker.sourceBuild === sourceBuild) {
      return { dir, reused: true, articles: marker.articles, generated: marker.generated, generateMs: marker.generateMs, indexMs: marker.indexMs, parts: marker.parts };
    }
  }
  const sourceArticles = readdirSync(join(sourceDir, 'articles')).sort();
  const generated = options.articles - sourceArticles.length;
  if (generated < 0) throw new Error(`--scale ${options.articles} is smaller than the ${sourceArticles.length} articles the site has already`);
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  linkTree(sourceDir, dir, NOT_LINKED);
  const template = pageTemplate(readFileSync(join(sourceDir, 'articles', sourceArticles[0] ?? '', 'index.html'), 'utf8'));
  // One page at a time: nothing of a written page is kept.
  for (let index = 1; index <= generated; index++) {
    const page = generatedPage(template, index);
    const pageDir = join(dir, 'articles', page.slug);
    mkdirSync(pageDir);
    writeFileSync(join(pageDir, 'index.html'), page.html);
  }
  const generateMs = performance.now() - started;
  const pathnames = readdirSync(join(dir, 'articles')).map((slug) => `articles/${slug}/`);
  const summary = await indexBuiltSite(dir, pathnames, join(dir, 'pagefind'), siteConfig.locale, { maxShardPages: siteConfig.searchShardPages });
  // As the build does after indexing: the search page preloads this index's newest part, not the source site's.
  writeSearchPreloads(dir, siteConfig.base);
  const manifest = JSON.parse(readFileSync(join(dir, 'pagefind', SHARD_MANIFEST_FILE), 'utf8')) as ShardManifest;
  const marker: Marker = { source: sourceDir, sourceBuild, articles: options.articles, generated, generateMs, indexMs: summary.ms, parts: manifest.shards };
  writeFileSync(markerFile, `${JSON.stringify(marker)}\n`);
  return { dir, reused: false, articles: options.articles, generated, generateMs, indexMs: summary.ms, parts: manifest.shards };
}
