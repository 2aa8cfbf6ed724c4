import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArticleText } from '../../../src/lib/content-check.ts';
import { parsePublishedDate } from '../../../src/lib/dates.ts';
import { parseArticleFile } from '../../../src/lib/frontmatter.ts';
import { ImportError } from '../../../src/lib/import/errors.ts';
import { readMdxBlocks } from '../../../src/lib/import/mdx-blocks.ts';
import { parseTextCapture } from '../../../src/lib/import/text-capture.ts';
import type { ImportedArticle } from '../../../src/lib/import/types.ts';
import { renderArticle } from '../../../src/lib/import/write-mdx.ts';
import { articleSchema } from '../../../src/schemas/article.ts';
import { siteConfig } from '../../../src/site.config.ts';

const fixtures = join(import.meta.dirname, 'fixtures', 'capture');
const projectRoot = join(import.meta.dirname, '..', '..', '..');
const seedPath = join(projectRoot, '..', 'shared', 'seed', '000_e588a2af0ee34b43.txt');
const referencePath = join(projectRoot, 'content', 'articles', '2017', '10', 'shaoyang-party-building-2017.mdx');
/** `UPDATE_FIXTURES=1 npx vitest run tests/unit/import` rewrites expected.json from the parser's output. */
const update = process.env['UPDATE_FIXTURES'] === '1';
const zone = siteConfig.timeZone;

/** Blocks as [kind, text] pairs, figures by caption: what a reader sees, in order. */
type Shape = [kind: 'paragraph' | 'heading' | 'figure', text: string][];
const shapeOf = (article: ImportedArticle): Shape =>
  article.blocks.map((block) => (block.kind === 'figure' ? ['figure', block.caption] : [block.kind, block.text]));

describe('parseTextCapture on a self-written capture', () => {
  const dir = join(fixtures, 'county-news');
  const article = parseTextCapture(readFileSync(join(dir, 'input.txt'), 'utf8'), 'input.txt', zone);
  if (update) writeFileSync(join(dir, 'expected.json'), `${JSON.stringify(article, null, 2)}\n`);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as ImportedArticle;

  it('extracts the article as in expected.json', () => {
    expect(article).toEqual(expected);
  });

  it('reads full-width colons, a 年月日 date, a 特约记者 byline and an editor with a staff code', () => {
    expect(article.date).toBe('2024-03-05T18:30+08:00');
    expect(article.source).toEqual({ name: '测试县融媒体中心' });
    expect(article.authors).toEqual([{ name: '王小明', role: '特约记者' }, { name: '李四', role: '通讯员' }]);
    expect(article.editor).toBe('赵六');
  });

  it('notes the assumed offset and every line it was unsure of', () => {
    expect(article.notes.map((note) => note.field)).toEqual(['date', 'body', 'body']);
    expect(article.notes[0]?.message).toMatch(/without a UTC offset; the site's time zone \(Asia\/Shanghai\) was assumed/);
    expect(article.notes[1]?.message).toMatch(/滨河公园一角.*photo caption inside the article/);
    expect(article.notes[2]?.message).toMatch(/公园开放时间.*kept as a paragraph/);
  });

  it('renders to a file that passes the build check', () => {
    expect(checkArticleText(renderArticle(article, 'county-news').text, 'county-news.mdx').problems).toEqual([]);
  });
});

describe('parseTextCapture credits only names', () => {
  it('leaves a byline whose words are not names for an editor, quoting it', () => {
    const text = '县城新修三座公园\n【时间:2024-03-05 18:30】【来源:测试县融媒体中心】\n测试县融媒体中心讯(记者 返回首页)县城新修的三座公园本周向市民开放，园内设有步道和儿童游乐区。\n';
    const article = parseTextCapture(text, 'nav.txt', zone);
    expect(article.authors).toEqual([]);
    expect(article.notes).toContainEqual({ field: 'authors', message: expect.stringMatching(/the byline \(记者 返回首页\) was not used: 返回首页 contains the common word 返回/) });
  });
});

describe('parseTextCapture refuses what is not a news page', () => {
  it('names the file and says what was expected', () => {
    const text = readFileSync(join(fixtures, 'not-news', 'input.txt'), 'utf8');
    expect(() => parseTextCapture(text, 'not-news.txt', zone)).toThrow(ImportError);
    expect(() => parseTextCapture(text, 'not-news.txt', zone)).toThrow(/does not look like a news page capture/);
  });

  it('refuses an empty file', () => {
    expect(() => parseTextCapture(' \n\n', 'empty.txt', zone)).toThrow(/empty/);
  });
});

// The body of a skipped describe still runs at collection time, so read the seed only when it exists.
const seedText = existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : undefined;

describe.skipIf(seedText === undefined)('the seed capture imports to the hand-converted reference article', () => {
  if (seedText === undefined) return;
  const imported = parseTextCapture(seedText, 'seed.txt', zone);
  const referenceFile = parseArticleFile(readFileSync(referencePath, 'utf8'));
  const reference = articleSchema.parse(referenceFile.data);
  const captionOf = new Map(reference.figures.map((figure) => [figure.id, figure.caption]));
  const referenceShape: Shape = readMdxBlocks(referenceFile.body).map((block) => {
    if (block.kind === 'figure') return ['figure', captionOf.get(block.id) ?? `missing ${block.id}`];
    if (block.kind === 'paragraph' || block.kind === 'heading') return [block.kind, block.text];
    throw new Error(`unexpected ${block.kind} in the reference article`);
  });
  const importedShape = shapeOf(imported);

  it('has the same title', () => {
    expect(imported.title).toBe(reference.title);
  });

  it('has the same publication instant', () => {
    const date = parsePublishedDate(imported.date ?? '', zone);
    expect(date.ok && date.value.epochMs).toBe(reference.date.epochMs);
  });

  it('has the same source, authors with roles and editor', () => {
    expect(imported.source).toEqual(reference.source);
    expect(imported.authors).toEqual(reference.authors);
    expect(imported.editor).toBe(reference.editor);
  });

  it('has the same headings', () => {
    const headings = (shape: Shape) => shape.filter(([kind]) => kind === 'heading').map(([, text]) => text);
    expect(headings(importedShape)).toEqual(headings(referenceShape));
    expect(headings(importedShape)).toHaveLength(4);
  });

  it('has the same figure captions in the same places: one before the lead, three after the last paragraph', () => {
    const figures = (shape: Shape) => shape.flatMap(([kind, text], index) => (kind === 'figure' ? [[index, text]] : []));
    expect(figures(importedShape)).toEqual(figures(referenceShape));
    expect(importedShape[0]?.[0]).toBe('figure');
    expect(importedShape.slice(-3).every(([kind]) => kind === 'figure')).toBe(true);
  });

  it('has every paragraph verbatim, in order, the lead with its byline included', () => {
    const paragraphs = (shape: Shape) => shape.filter(([kind]) => kind === 'paragraph').map(([, text]) => text);
    expect(paragraphs(importedShape)).toEqual(paragraphs(referenceShape));
    expect(paragraphs(importedShape)[0]).toMatch(/^邵阳新闻在线讯\(记者 艾哲 通讯员 刘飞\)/);
  });

  it('is the same sequence of blocks as the reference body', () => {
    expect(importedShape).toEqual(referenceShape);
  });

  it('notes the assumed offset and the one caption it could not tell from a heading', () => {
    expect(imported.notes.map((note) => note.field)).toEqual(['date', 'body']);
    expect(imported.notes[1]?.message).toContain('气势恢宏的振羽广场');
  });

  it('renders to a file that passes the build check and reads back to the same blocks', () => {
    const { text } = renderArticle(imported, 'shaoyang-party-building-2017');
    expect(checkArticleText(text, 'articles/2017/10/x.mdx').problems).toEqual([]);
    const file = parseArticleFile(text);
    const data = articleSchema.parse(file.data);
    const captions = new Map(data.figures.map((figure) => [figure.id, figure.caption]));
    const shape = readMdxBlocks(file.body).flatMap((block): Shape => {
      if (block.kind === 'figure') return [['figure', captions.get(block.id) ?? '']];
      if (block.kind === 'paragraph' || block.kind === 'heading') return [[block.kind, block.text]];
      return [];
    });
    expect(shape).toEqual(referenceShape);
  });
});
