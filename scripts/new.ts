/**
 * `npm run new -- --title 标题 --source 邵阳新闻在线 [--date …] [--author 艾哲:记者 …] [--editor 刘茜] [--slug …] [--out ROOT]`
 *
 * Scaffolds an article at ROOT/articles/YYYY/MM/<slug>.mdx. Missing answers are asked for
 * when a person is at the terminal; otherwise the missing flags are listed and nothing is
 * written. Never overwrites a file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { contentRoot } from '../src/lib/content-root.ts';
import { buildNewArticle, missingAnswers, type NewArticleAnswers } from '../src/lib/import/new-article.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE = `usage: npm run new -- --title 标题 --source 来源 [--date 2024-03-05T18:30+08:00] [--author 名字:记者]… [--editor 名字] [--slug slug] [--out ROOT]`;

let parsed;
try {
  parsed = parseArgs({
    options: {
      title: { type: 'string' },
      date: { type: 'string' },
      source: { type: 'string' },
      author: { type: 'string', multiple: true },
      editor: { type: 'string' },
      slug: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  console.error(`new: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const answers: NewArticleAnswers = {
  title: values.title,
  date: values.date,
  source: values.source,
  authors: values.author ?? [],
  editor: values.editor,
  slug: values.slug,
};

if (missingAnswers(answers).length > 0) {
  if (!process.stdin.isTTY) {
    console.error(`new: missing ${missingAnswers(answers).join(' and ')}\n${USAGE}`);
    process.exit(2);
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  while (!answers.title?.trim()) answers.title = await prompt.question('标题 title: ');
  while (!answers.source?.trim()) answers.source = await prompt.question('来源 source: ');
  if (values.author === undefined) {
    const authors = await prompt.question('作者 authors (名字:角色, comma-separated, empty for none): ');
    answers.authors = authors.split(/[,，]/).map((spec) => spec.trim()).filter(Boolean);
  }
  if (values.editor === undefined) answers.editor = await prompt.question('责任编辑 editor (empty for none): ');
  prompt.close();
}

const result = buildNewArticle(answers, siteConfig.timeZone);
if (!result.ok) {
  for (const error of result.errors) console.error(`new: ${error}`);
  process.exit(2);
}
const root = values.out === undefined ? contentRoot() : resolve(values.out);
const target = join(root, result.article.path);
const shown = relative(process.cwd(), target).startsWith('..') ? target : relative(process.cwd(), target);
if (existsSync(target)) {
  console.error(`new: ${shown} already exists; choose another --slug or edit that file`);
  process.exit(1);
}
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, result.article.text);
console.log(`new: wrote ${shown}`);
