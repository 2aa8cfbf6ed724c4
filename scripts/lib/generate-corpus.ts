/**
 * A deterministic corpus of benchmark articles, laid out like `content/`:
 * `<root>/articles/YYYY/MM/<slug>.mdx`, ready for `ANNALS_CONTENT_DIR=<root>`.
 *
 * Every article is recombined from the reference article in `content/` (its sentences,
 * headings and captions) with a seeded PRNG: a varied title, a date between 2005 and 2026,
 * one to three authors and an editor from small name pools, four `## ` headings, one to
 * four figures placed with `<Figure id="…" />`, and a body about as long as the seed
 * article (~4,000 characters). Article `i` depends only on the seed and `i`, so a
 * 100,000-article corpus starts with the same articles as a 2,000-article one.
 *
 * Library: `generateCorpus({ root, count })`. Command line:
 *   node scripts/lib/generate-corpus.ts --articles 10000 [--seed 1] [--out DIR]
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseArticleFile } from '../../src/lib/frontmatter.ts';

export const REFERENCE_ARTICLE = fileURLToPath(
  new URL('../../content/articles/2017/10/shaoyang-party-building-2017.mdx', import.meta.url),
);

/** Body length in characters: the seed article is 4,157 characters, the reference body 3,959. */
export const DEFAULT_BODY_CHARS = 4000;

export interface CorpusOptions {
  /** Content root to write into; created if missing. */
  root: string;
  count: number;
  seed?: number;
  bodyChars?: number;
}

export interface GeneratedArticle {
  /** Path relative to the content root: `articles/2011/05/bench-000042.mdx`. */
  path: string;
  text: string;
}

const PLACES = ['邵阳县', '隆回县', '新邵县', '武冈市', '洞口县', '绥宁县', '新宁县', '邵东市', '双清区', '大祥区', '北塔区', '城步苗族自治县'];
const TOPICS = ['党建工作发展纪实', '扎实推进脱贫攻坚', '全力以赴抗洪救灾', '召开经济工作会议', '乡村振兴结硕果', '优化营商环境见实效', '基层组织建设再上台阶', '民生实事件件落地', '生态文明建设迈出新步伐', '“两学一做”学习教育走深走实'];
const TITLE_PREFIXES = ['', '', '党的十八大以来', '五年来', '奋进新时代·'];
const NAMES = ['艾哲', '刘飞', '刘茜', '王心怡', '李明', '张伟', '陈静', '周建军', '罗湘', '曾文', '谢芳', '蒋卫东', '唐敏', '肖向东', '彭丽', '邓超'];
const SECOND_ROLES = ['通讯员', '摄影', '实习生'];
const SOURCES = ['邵阳新闻在线', '邵阳日报', '邵阳晚报', '湖南日报', '红网'];
const SECTIONS = ['党建', '时政', '经济', '社会', '民生'];
const TAGS = ['基层党建', '脱贫攻坚', '乡村振兴', '防汛抗灾', '营商环境', '第一书记', '民生', '生态'];
/** Extra headings, with the punctuation, Latin letters and digits slug generators must handle. */
const EXTRA_HEADINGS = [
  '优化营商环境,激发市场活力',
  '“放管服”改革:从“最多跑一次”到“一次不用跑”',
  '2018年GDP增长7.8%',
  '脱贫攻坚·产业振兴',
  '乡村振兴(第二阶段)成效显著',
  '守初心、担使命',
  '党建+扶贫 探索新模式',
  '从“输血”到“造血”',
  '5G网络覆盖全部乡镇',
  '回顾与展望',
  '群众满意度达98.5%',
  '问题与对策?',
];
const EXTRA_CAPTIONS = ['干部群众在田间查看稻谷长势。', '图为会议现场。', '志愿者为群众提供咨询服务(资料图片)', '新建成的村级活动场所'];

interface Material {
  sentences: string[];
  headings: string[];
  captions: string[];
}

let material: Material | undefined;

/** Sentences, headings and captions of the reference article, read once. */
function referenceMaterial(): Material {
  if (material) return material;
  const parsed = parseArticleFile(readFileSync(REFERENCE_ARTICLE, 'utf8'));
  const figures = (parsed.data?.['figures'] ?? []) as { caption: string }[];
  const lines = parsed.body.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('<'));
  const headings = lines.filter((line) => line.startsWith('## ')).map((line) => line.slice(3));
  // Split after 。!? but not inside quotes or parentheses worth keeping whole: good enough for filler.
  const sentences = lines
    .filter((line) => !line.startsWith('#'))
    .flatMap((line) => line.split(/(?<=[。!?])/))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length >= 8);
  material = { sentences, headings: [...headings, ...EXTRA_HEADINGS], captions: [...figures.map((figure) => figure.caption), ...EXTRA_CAPTIONS] };
  return material;
}

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** One article, from the corpus seed and its index alone. */
export function generateArticle(index: number, seed = 1, bodyChars = DEFAULT_BODY_CHARS): GeneratedArticle {
  const { sentences, headings, captions } = referenceMaterial();
  const random = prng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const pickDistinct = <T>(items: readonly T[], n: number): T[] => {
    const pool = [...items];
    return Array.from({ length: n }, () => pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  };

  const year = int(2005, 2026);
  const month = int(1, 12);
  const date = `${year}-${pad(month)}-${pad(int(1, 28))}T${pad(int(6, 22))}:${pad(int(0, 59))}+08:00`;
  const slug = `bench-${pad(index, 6)}`;
  const source = pick(SOURCES);
  const [reporter, ...others] = pickDistinct(NAMES, int(1, 3) + 1);
  const editor = others.pop() ?? '刘茜';
  const authors = [{ name: reporter ?? '艾哲', role: '记者' }, ...others.map((name) => ({ name, role: pick(SECOND_ROLES) }))];
  const figures = pickDistinct(captions, int(1, 4)).map((caption, i) => ({ id: i === 0 ? 'lead' : `photo-${i + 1}`, caption }));

  // Body blocks: a lead paragraph with the byline, then four sections of paragraphs.
  const paragraph = () => Array.from({ length: int(2, 4) }, () => pick(sentences)).join('');
  const byline = authors.map((author) => `${author.role} ${author.name}`).join(' ');
  const blocks = [`${source}讯(${byline})${paragraph()}`];
  let length = blocks[0]?.length ?? 0;
  const sectionHeadings = pickDistinct(headings, 4);
  sectionHeadings.forEach((heading, section) => {
    blocks.push(`## ${heading}`);
    const sectionEnd = (bodyChars * (section + 1)) / sectionHeadings.length;
    do {
      const text = paragraph();
      blocks.push(text);
      length += text.length;
    } while (length < sectionEnd);
  });
  // The lead photo goes first half the time; the others after a random paragraph.
  for (const [i, figure] of figures.entries()) {
    const tag = `<Figure id="${figure.id}" />`;
    if (i === 0 && random() < 0.5) blocks.unshift(tag);
    else blocks.splice(int(1, blocks.length), 0, tag);
  }

  const quote = (text: string) => JSON.stringify(text);
  const frontmatter = [
    '---',
    `title: ${quote(`${pick(TITLE_PREFIXES)}${pick(PLACES)}${pick(TOPICS)}`)}`,
    `slug: ${slug}`,
    `date: ${date}`,
    `source: ${source}`,
    'authors:',
    ...authors.flatMap((author) => [`  - name: ${author.name}`, `    role: ${author.role}`]),
    `editor: ${editor}`,
    `section: ${pick(SECTIONS)}`,
    `tags: [${pickDistinct(TAGS, int(1, 3)).join(', ')}]`,
    'figures:',
    ...figures.flatMap((figure) => [`  - id: ${figure.id}`, `    caption: ${quote(figure.caption)}`]),
    '---',
  ];
  return { path: `articles/${year}/${pad(month)}/${slug}.mdx`, text: `${frontmatter.join('\n')}\n\n${blocks.join('\n\n')}\n` };
}

/** Writes `count` articles (indexes 1…count) under `root`; returns their relative paths. */
export function generateCorpus(options: CorpusOptions): string[] {
  const paths: string[] = [];
  const made = new Set<string>();
  for (let index = 1; index <= options.count; index++) {
    const article = generateArticle(index, options.seed, options.bodyChars);
    const file = join(options.root, article.path);
    const dir = dirname(file);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    writeFileSync(file, article.text);
    paths.push(article.path);
  }
  return paths;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { articles: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } },
  });
  const root = values.out ?? mkdtempSync(join(tmpdir(), 'annals-corpus-'));
  const count = generateCorpus({ root, count: Number(values.articles), seed: Number(values.seed) }).length;
  console.log(`wrote ${count} articles; build them with ANNALS_CONTENT_DIR=${root}`);
}
