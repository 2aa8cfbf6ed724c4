import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArticleText, checkContentRoot, formatProblem } from '../../src/lib/content-check.ts';

const fixtures = join(import.meta.dirname, 'fixtures', 'content');
const cwd = join(import.meta.dirname, '..', '..');

function problemsOf(text: string): string[] {
  return checkArticleText(text, 'articles/x/test-article.mdx').problems.map(formatProblem);
}

const article = (frontmatter: string, body = '\n正文。\n') => `---\n${frontmatter}\n---\n${body}`;

describe('checkContentRoot on a valid content root', () => {
  it('accepts both dated forms, derives slugs from file names and ignores _ files', () => {
    const { articles, problems } = checkContentRoot(join(fixtures, 'valid'), cwd);
    expect(problems).toEqual([]);
    expect(articles.map((a) => a.slug).sort()).toEqual(['county-report', 'date-only']);
    const report = articles.find((a) => a.slug === 'county-report');
    expect(report?.data.authors).toEqual([{ name: '艾哲', role: '记者' }, { name: '刘飞', role: '通讯员' }]);
    expect(report?.data.source).toEqual({ name: '邵阳新闻在线', url: 'https://www.shaoyangnews.net/example.html' });
    expect(articles.find((a) => a.slug === 'date-only')?.data.source).toEqual({ name: '邵阳日报' });
  });
});

describe('checkContentRoot on bad input', () => {
  const { problems } = checkContentRoot(join(fixtures, 'bad'), cwd);
  const lines = problems.map(formatProblem);

  it('reports every problem of every file at once', () => {
    expect(new Set(problems.map((p) => p.file)).size).toBe(4);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('names the file, line and field of a missing title, and says to add it', () => {
    expect(lines).toContain('tests/unit/fixtures/content/bad/articles/2024/02/missing-title.mdx:2: title: title is missing; add a title: line to the frontmatter');
  });

  it('refuses a time without offset on the line it is written', () => {
    const line = lines.find((l) => l.includes('no-offset.mdx'));
    expect(line).toMatch(/no-offset\.mdx:3: date: .*no UTC offset.*2024-02-01T09:41\+08:00/);
  });

  it('refuses an impossible date instead of rolling it into March', () => {
    expect(lines.find((l) => l.includes('impossible-date.mdx'))).toMatch(/impossible-date\.mdx:3: date: 2024-02-30 is not a real day/);
  });

  it('names both files that claim one permalink', () => {
    const collision = lines.find((l) => l.includes('already taken'));
    expect(collision).toMatch(/same-slug-two\.mdx:3: slug: permalink \/articles\/same-story\/ is already taken by .*same-slug-one\.mdx/);
  });

  it('treats two files with the same name in different folders as a collision', () => {
    const result = checkContentRoot(join(fixtures, 'collision'), cwd);
    expect(result.problems.map(formatProblem)).toEqual([
      'tests/unit/fixtures/content/collision/articles/b/story.mdx: slug: permalink /articles/story/ is already taken by tests/unit/fixtures/content/collision/articles/a/story.mdx; give one of the two articles a different slug: (or rename its file)',
    ]);
  });
});

describe('checkArticleText', () => {
  const valid = 'title: 标题\ndate: 2017-10-17\nsource: 邵阳日报';

  it('accepts a minimal article', () => {
    expect(problemsOf(article(valid))).toEqual([]);
  });

  it('treats case and Unicode variants of a slug as invalid permalinks with a suggestion', () => {
    expect(problemsOf(article(`${valid}\nslug: Same-Story`))[0]).toMatch(/slug: slug must match/);
  });

  it('explains a file name that cannot be a permalink', () => {
    const problems = checkArticleText(article(valid), 'articles/2017/县里新闻.mdx').problems.map(formatProblem);
    expect(problems[0]).toMatch(/cannot be a permalink.*add slug:/);
  });

  it('refuses unknown fields by name and line', () => {
    expect(problemsOf(article(`${valid}\nauthor: 艾哲`))).toEqual([
      'articles/x/test-article.mdx:5: author: unknown field author; check the spelling against docs/editing.md or remove it',
    ]);
  });

  it('requires authors to be a list with names and roles', () => {
    expect(problemsOf(article(`${valid}\nauthors: 艾哲`))[0]).toMatch(/:5: authors: authors must be a list/);
    expect(problemsOf(article(`${valid}\nauthors:\n  - name: 艾哲`))[0]).toMatch(/:6: authors\.0\.role: authors\.0\.role is missing/);
  });

  it('reports YAML errors with the file line: duplicate keys, full-width colons, unquoted colons', () => {
    expect(problemsOf(article(`${valid}\ntitle: 又一个`))[0]).toMatch(/:5: frontmatter is not valid YAML: this key appears twice/);
    expect(problemsOf(article('title：标题\ndate: 2017-10-17\nsource: 邵阳日报'))[0]).toMatch(/full-width colon/);
    expect(problemsOf(article('title: a: b\ndate: 2017-10-17\nsource: 邵阳日报'))[0]).toMatch(/:2: frontmatter is not valid YAML: .*must be quoted/);
  });

  it('refuses executable and unclosed frontmatter, and empty files', () => {
    expect(problemsOf('---js\n{ title: "x" }\n---\n')[0]).toMatch(/:1: "---js" frontmatter is refused/);
    expect(problemsOf('---\ntitle: x\n\n正文')[0]).toMatch(/:1: the frontmatter opened on line 1 is never closed/);
    expect(problemsOf('')[0]).toMatch(/:1: the file is empty/);
  });

  it('reads a file saved with a BOM and Windows line endings', () => {
    expect(problemsOf(`\uFEFF${article(valid)}`.replaceAll('\n', '\r\n'))).toEqual([]);
  });

  it('requires every figure to be placed once and every placement to name a figure', () => {
    const figures = `${valid}\nfigures:\n  - id: lead\n    caption: 图片说明`;
    expect(problemsOf(article(figures, '\n<Figure id="lead" />\n'))).toEqual([]);
    expect(problemsOf(article(figures))[0]).toMatch(/:6: figures\.0: figure "lead" is never placed/);
    expect(problemsOf(article(figures, '\n<Figure id="lead" />\n\n<Figure id="other" />\n'))[0]).toMatch(/:12: figures: <Figure id="other" \/> names no figure/);
  });
});
