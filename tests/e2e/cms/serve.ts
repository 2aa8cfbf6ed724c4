/**
 * The web editor for the browser tests (tests/e2e/cms/): a fresh content root with the
 * reference article and an imported article waiting in `_review/`, and `npm run cms` on it.
 * With ../shared present, a dozen articles imported from the xwlb corpus join them. The
 * root is at `CMS_E2E_ROOT` (tests/e2e/cms/paths.ts), so the specs can read what was saved.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { parseJsonl } from '../../../src/lib/import/jsonl.ts';
import { importSlug } from '../../../src/lib/import/slug.ts';
import { prepareArticle } from '../../../src/lib/import/target.ts';
import { siteConfig } from '../../../src/site.config.ts';
import { CMS_E2E_CORPUS_ARTICLES, CMS_E2E_IMPORTED, CMS_E2E_PORT, CMS_E2E_ROOT } from './paths.ts';

const project = join(import.meta.dirname, '..', '..', '..');
rmSync(dirname(CMS_E2E_ROOT), { recursive: true, force: true });
mkdirSync(join(CMS_E2E_ROOT, 'articles', '2017', '10'), { recursive: true });
cpSync(join(project, 'content', 'articles', '2017', '10', 'shaoyang-party-building-2017.mdx'), join(CMS_E2E_ROOT, 'articles', '2017', '10', 'shaoyang-party-building-2017.mdx'));
cpSync(join(import.meta.dirname, 'content'), CMS_E2E_ROOT, { recursive: true });

// Articles as `npm run import` writes them from the shared corpus, spread over the file.
const corpus = join(project, '..', 'shared', 'corpus', 'xwlb', 'articles.jsonl');
if (existsSync(corpus)) {
  const lines = readFileSync(corpus, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const step = Math.max(1, Math.floor(lines.length / CMS_E2E_CORPUS_ARTICLES));
  const picked = Array.from({ length: CMS_E2E_CORPUS_ARTICLES }, (_, index) => lines[index * step] ?? '').join('\n');
  const paths: string[] = [];
  for (const result of parseJsonl(picked, 'articles.jsonl')) {
    if (!result.article?.date) continue;
    const prepared = prepareArticle(result.article, result.article.slug ?? importSlug({ title: result.article.title, date: result.article.date }), siteConfig.timeZone);
    mkdirSync(dirname(join(CMS_E2E_ROOT, prepared.path)), { recursive: true });
    writeFileSync(join(CMS_E2E_ROOT, prepared.path), prepared.text);
    paths.push(prepared.path);
  }
  writeFileSync(CMS_E2E_IMPORTED, JSON.stringify(paths));
}

const server = spawn(process.execPath, [join(project, 'scripts', 'cms.ts'), '--port', String(CMS_E2E_PORT), '--root', CMS_E2E_ROOT], { cwd: project, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
