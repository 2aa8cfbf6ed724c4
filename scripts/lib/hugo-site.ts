/**
 * The same articles as a minimal Hugo site, for the build benchmark's speed peer: one page
 * per article (title, time, source, bylines, body with its figure captions) and a
 * chronological list paginated like ours. Hugo is the speed every SSG user knows.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { isCommentExpression } from '../../src/lib/article-body.ts';
import { parsePublishedDate } from '../../src/lib/dates.ts';
import { parseArticleFile } from '../../src/lib/frontmatter.ts';
import { slugFromFileName } from '../../src/lib/permalinks.ts';
import { siteConfig } from '../../src/site.config.ts';

const CONFIG = `baseURL = "https://annals.example.org/"
languageCode = "zh-cn"
title = "Annals (Hugo peer)"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
paginate = 20
[markup.goldmark.renderer]
unsafe = true
[permalinks]
articles = "/articles/:slug/"
`;

const BASEOF = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="/">Annals</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
`;

const SINGLE = `{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<dl><dt>时间</dt><dd><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2006年1月2日 15:04" }}</time></dd>
<dt>来源</dt><dd>{{ .Params.source }}</dd>
{{ range .Params.authors }}<dt>{{ .role }}</dt><dd>{{ .name }}</dd>{{ end }}
{{ with .Params.editor }}<dt>责任编辑</dt><dd>{{ . }}</dd>{{ end }}</dl>
{{ .Content }}
</article>{{ end }}
`;

const LIST = `{{ define "main" }}{{ $pages := .Paginate (where .Site.RegularPages "Section" "articles").ByDate.Reverse }}
<ol>{{ range $pages.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006年1月2日" }}</time></li>{{ end }}</ol>
{{ with $pages.Next }}<a href="{{ .URL }}">下一页</a>{{ end }}{{ end }}
`;

/** Writes a Hugo project for the articles under `contentRoot/articles` into `dir`; returns the article count. */
export function writeHugoSite(contentRoot: string, dir: string): number {
  writeFileSync(join(dir, 'hugo.toml'), CONFIG);
  mkdirSync(join(dir, 'layouts', '_default'), { recursive: true });
  writeFileSync(join(dir, 'layouts', '_default', 'baseof.html'), BASEOF);
  writeFileSync(join(dir, 'layouts', '_default', 'single.html'), SINGLE);
  writeFileSync(join(dir, 'layouts', '_default', 'list.html'), LIST);
  writeFileSync(join(dir, 'layouts', 'index.html'), LIST);
  const out = join(dir, 'content', 'articles');
  mkdirSync(out, { recursive: true });
  let count = 0;
  const articles = join(contentRoot, 'articles');
  for (const name of readdirSync(articles, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.mdx') || name.split('/').some((part) => part.startsWith('_'))) continue;
    const { data, body } = parseArticleFile(readFileSync(join(articles, name), 'utf8'));
    if (!data || data['draft'] === true) continue;
    const figures = new Map(((data['figures'] as { id: string; caption: string }[] | undefined) ?? []).map((figure) => [figure.id, figure.caption]));
    const markdown = body
      .split(/\n{2,}/)
      .filter((block) => !(block.startsWith('{') && isCommentExpression(block.trim().slice(1, -1))))
      .map((block) => block.replace(/^<Figure id="([^"]+)" \/>$/, (_, id: string) => `<figure><figcaption>${figures.get(id) ?? ''}</figcaption></figure>`))
      .join('\n\n');
    const source = data['source'];
    const frontmatter = {
      title: data['title'],
      date: (() => {
        const date = parsePublishedDate(String(data['date']), siteConfig.timeZone);
        return date.ok ? date.value.iso : String(data['date']);
      })(),
      slug: (data['slug'] as string | undefined) ?? slugFromFileName(name),
      source: typeof source === 'string' ? source : (source as { name: string }).name,
      authors: data['authors'] ?? [],
      editor: data['editor'],
    };
    writeFileSync(join(out, `${frontmatter.slug}.md`), `---\n${stringify(frontmatter)}---\n\n${markdown}\n`);
    count++;
  }
  return count;
}
