/**
 * The same articles as a Hugo site, for the build benchmark's speed peer: what a Hugo user
 * would write for these pages, in Hugo's own idioms, so the ratio measures the tools and not
 * our template (issue 15).
 *
 * - One page per article: title, time, source, bylines, 责任编辑, body with its figure captions.
 * - The `articles` section's list, paginated by `.Paginator` in Hugo's default order (weight,
 *   then date, newest first), 20 to a page like ours.
 * - The home page: the newest `homeSize` articles, as `first N` of the section's pages.
 * - People, sources, sections and tags as Hugo taxonomies, each term's list paginated the
 *   same way; Hugo's own RSS (20 items, as our feeds) and sitemap.
 * - The article element marked for Pagefind, which the benchmark runs over the output as a
 *   Hugo user adds search (`npx pagefind --site public`).
 *
 * Not built, as a Hugo user gets none of them without writing more than templates: our date
 * archives (years, months and days, paginated), 历史上的今天 pages, the search page, JSON
 * and Atom feeds, related and neighbouring articles.
 *
 * An earlier peer filtered and re-sorted every page of the site inside each list page
 * (`.Paginate (where .Site.RegularPages …).ByDate.Reverse`), for the home page and the
 * section alike: on xwlb Hugo took 53.5 s for it against 12.0 s for a plain site (issue 15),
 * which made our build look 3.3× Hugo's time.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { isCommentExpression } from '../../src/lib/article-body.ts';
import { parsePublishedDate } from '../../src/lib/dates.ts';
import { parseArticleFile } from '../../src/lib/frontmatter.ts';
import { slugFromFileName } from '../../src/lib/permalinks.ts';
import { siteConfig } from '../../src/site.config.ts';

/**
 * Hugo 0.128 renamed `paginate` to `[pagination] pagerSize` and warns of the old name; Debian
 * 12's Hugo (0.111) knows only `paginate`. `version` is what `hugo version` prints (`v0.111.3`).
 */
export function pagerConfig(version: string, size: number): string {
  const [major = 0, minor = 0] = (/v?(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  return major > 0 || minor >= 128 ? `[pagination]\npagerSize = ${size}\n` : `paginate = ${size}\n`;
}

const config = (version: string) => `baseURL = "${siteConfig.url}/"
languageCode = "${siteConfig.locale.toLowerCase()}"
defaultContentLanguage = "zh"
hasCJKLanguage = true
timeZone = "${siteConfig.timeZone}"
title = "${siteConfig.name}"
${pagerConfig(version, siteConfig.pageSize)}[services.rss]
limit = ${siteConfig.feedSize}
[params]
homeSize = ${siteConfig.homeSize}
[taxonomies]
person = "people"
source = "sources"
section = "sections"
tag = "tags"
[markup.goldmark.renderer]
unsafe = true
[permalinks]
articles = "/articles/:slug/"
`;

const BASEOF = `<!doctype html>
<html lang="${siteConfig.locale}"><head><meta charset="utf-8"><title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
`;

// `data-pagefind-body`, as Pagefind's documentation asks of a site that wants only its
// articles indexed: our index holds the same documents (article title and body).
const SINGLE = `{{ define "main" }}<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<dl><dt>时间</dt><dd><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2006年1月2日 15:04" }}</time></dd>
<dt>来源</dt><dd>{{ range .GetTerms "sources" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
{{ range .Params.authors }}<dt>{{ .role }}</dt><dd><a href="{{ printf "people/%s/" (urlize .name) | relURL }}">{{ .name }}</a></dd>{{ end }}
{{ with .Params.editor }}<dt>责任编辑</dt><dd><a href="{{ printf "people/%s/" (urlize .) | relURL }}">{{ . }}</a></dd>{{ end }}</dl>
{{ .Content }}
</article>{{ end }}
`;

/** The section's list and every term's: Hugo's own pager over the pages it already has, in its default order. */
const LIST = `{{ define "main" }}<h1>{{ .Title }}</h1>
<ol>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006年1月2日" }}</time></li>{{ end }}</ol>
{{ template "_internal/pagination.html" . }}{{ end }}
`;

const TERMS = `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}
`;

const NOT_FOUND = `{{ define "main" }}<h1>找不到这个页面</h1><p><a href="{{ "/" | relURL }}">{{ site.Title }}</a></p>{{ end }}
`;

const HOME = `{{ define "main" }}<h1>{{ site.Title }}</h1>
<ol>{{ range first site.Params.homeSize (site.GetPage "/articles").Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006年1月2日" }}</time></li>{{ end }}</ol>{{ end }}
`;

/**
 * Writes a Hugo project for the articles under `contentRoot/articles` into `dir`, for the Hugo
 * whose `hugo version` is given; returns the article count.
 */
export function writeHugoSite(contentRoot: string, dir: string, hugoVersion: string): number {
  writeFileSync(join(dir, 'hugo.toml'), config(hugoVersion));
  mkdirSync(join(dir, 'layouts', '_default'), { recursive: true });
  writeFileSync(join(dir, 'layouts', '_default', 'baseof.html'), BASEOF);
  writeFileSync(join(dir, 'layouts', '_default', 'single.html'), SINGLE);
  writeFileSync(join(dir, 'layouts', '_default', 'list.html'), LIST);
  writeFileSync(join(dir, 'layouts', '_default', 'terms.html'), TERMS);
  writeFileSync(join(dir, 'layouts', 'index.html'), HOME);
  writeFileSync(join(dir, 'layouts', '404.html'), NOT_FOUND);
  const out = join(dir, 'content', 'articles');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, '_index.md'), '---\ntitle: 文章\n---\n');
  let count = 0;
  const articles = join(contentRoot, 'articles');
  for (const name of readdirSync(articles, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.mdx') || name.split('/').some((part) => part.startsWith('_'))) continue;
    const { data, body } = parseArticleFile(readFileSync(join(articles, name), 'utf8'));
    if (!data || data['draft'] === true) continue;
    const figures = new Map(((data['figures'] as { id: string; caption: string }[] | undefined) ?? []).map((figure) => [figure.id, figure.caption]));
    const markdown = body
      .split(/\n{2,}/)
      .map((block) => block.trim())
      .filter((block) => !(block.startsWith('{') && isCommentExpression(block.slice(1, -1))))
      .map((block) => block.replace(/^<Figure id="([^"]+)" \/>$/, (_, id: string) => `<figure><figcaption>${figures.get(id) ?? ''}</figcaption></figure>`))
      .join('\n\n');
    const source = data['source'];
    const authors = (data['authors'] as { name: string; role: string }[] | undefined) ?? [];
    const editor = data['editor'] as string | undefined;
    const section = data['section'] as string | undefined;
    const frontmatter = {
      title: data['title'],
      date: (() => {
        const date = parsePublishedDate(String(data['date']), siteConfig.timeZone);
        return date.ok ? date.value.iso : String(data['date']);
      })(),
      slug: (data['slug'] as string | undefined) ?? slugFromFileName(name),
      authors,
      editor,
      // The taxonomies: Hugo makes a paginated list for each term, as we make a page for each.
      sources: [typeof source === 'string' ? source : (source as { name: string }).name],
      people: [...new Set([...authors.map((author) => author.name), ...(editor ? [editor] : [])])],
      sections: section ? [section] : [],
      tags: (data['tags'] as string[] | undefined) ?? [],
    };
    writeFileSync(join(out, `${frontmatter.slug}.md`), `---\n${stringify(frontmatter)}---\n\n${markdown}\n`);
    count++;
  }
  return count;
}
