/**
 * `npm run bench:render -- [--articles 2000] [--rounds 3] [--seed 1]`
 *
 * What one article body costs to turn into HTML, three ways, in one process and one run
 * (so the ratios hold even on a busy machine):
 *
 * - `unified-mdx`: @mdx-js/mdx `compile` with remark-gfm and rehype-slug, which is what
 *   Astro 7 does for every `.mdx` module when `markdown.processor` is `unified()`; the
 *   module then still has to be bundled by Vite and executed to give HTML.
 * - `satteri-mdx`: Sätteri's `mdxToJs`, what Astro 7's default processor does per module
 *   (likewise before bundling).
 * - `annals`: `renderBody` (src/lib/article-body.ts): Sätteri parses the body as MDX,
 *   rehype-slug sets heading ids, hast-util-to-html prints HTML. No module, no bundler.
 *
 * It also checks that the heading ids agree between rehype-slug on the unified tree and
 * ours. Prints figures; never asserts times. `npm run bench:markdown` times whole builds.
 */
import { compile } from '@mdx-js/mdx';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import { mdxToJs } from 'satteri';
import { parseArgs } from 'node:util';
import { renderBody } from '../src/lib/article-body.ts';
import { parseArticleFile } from '../src/lib/frontmatter.ts';
import { generateArticle } from './lib/generate-corpus.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
  },
});
const count = Number(values.articles);
const rounds = Number(values.rounds);
const bodies = Array.from({ length: count }, (_, index) => parseArticleFile(generateArticle(index, Number(values.seed)).text).body);
const characters = bodies.reduce((sum, body) => sum + body.length, 0);

const pipelines: Record<string, (body: string) => Promise<unknown> | unknown> = {
  'unified-mdx': (body) => compile(body, { remarkPlugins: [remarkGfm], rehypePlugins: [rehypeSlug] }),
  'satteri-mdx': (body) => mdxToJs(body, { features: { gfm: true, smartPunctuation: false } }),
  annals: (body) => renderBody(body, 'bench'),
};

const timings = new Map<string, number[]>(Object.keys(pipelines).map((name) => [name, []]));
for (let round = 1; round <= rounds; round++) {
  for (const [name, pipeline] of Object.entries(pipelines)) {
    const started = performance.now();
    for (const body of bodies) await pipeline(body);
    timings.get(name)?.push(performance.now() - started);
  }
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? NaN;
const annals = median(timings.get('annals') ?? []);
console.log(`bench:render: ${count} generated articles (${Math.round(characters / count)} characters on average), median of ${rounds} rounds\n`);
console.log(['pipeline'.padEnd(14), 'total s'.padStart(9), 'ms/article'.padStart(12), '× annals'.padStart(10)].join(''));
for (const [name, list] of timings) {
  const total = median(list);
  console.log([name.padEnd(14), (total / 1000).toFixed(2).padStart(9), (total / count).toFixed(3).padStart(12), (total / annals).toFixed(1).padStart(10)].join(''));
}

// Heading ids: rehype-slug on the unified tree (compiled to a function body) against ours.
let differing = 0;
for (const body of bodies.slice(0, 200)) {
  const compiled = String(await compile(body, { remarkPlugins: [remarkGfm], rehypePlugins: [rehypeSlug] }));
  const unifiedIds = [...compiled.matchAll(/_components\.h\d, \{\s*id: "([^"]*)"/g)].map((match) => match[1]);
  const ours = renderBody(body, 'bench').headings.map((heading) => heading.slug);
  if (unifiedIds.join('\n') !== ours.join('\n')) differing++;
}
console.log(`\nHeading ids: ${differing} of ${Math.min(200, count)} articles differ between unified + rehype-slug and annals.`);
console.log(`Made by: node scripts/bench-render.ts --articles ${count} --rounds ${rounds} --seed ${values.seed}`);
