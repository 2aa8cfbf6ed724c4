/**
 * Site profiles (issue 17, item 3): the schema's errors name the file, line, field and fix;
 * the worked example of docs/editing.md (`docs/site-profiles/cmse.yaml`) is a valid profile,
 * and on the two 中国载人航天官方网站 pages of `../shared/pages/gne` (when present) it gives
 * the source the page names, or the site itself, while names still pass the name check.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { importHtmlPage } from '../../../src/lib/import/html.ts';
import { formatProfileProblem, parseSiteProfile, profileForPage, readRule, type SiteProfile } from '../../../src/lib/import/site-profile.ts';
import { addressOfSavedFile } from '../../../src/lib/import/site-pages.ts';

const fixtures = join(import.meta.dirname, 'fixtures', 'site-profile');
const project = join(import.meta.dirname, '..', '..', '..');
const problemsOf = (name: string) => parseSiteProfile(readFileSync(join(fixtures, name), 'utf8'), name).problems.map(formatProfileProblem);
const profileOf = (text: string) => {
  const parsed = parseSiteProfile(text, 'test.yaml');
  if (!parsed.profile) throw new Error(parsed.problems.map(formatProfileProblem).join('\n'));
  return parsed.profile;
};

describe('parseSiteProfile', () => {
  it('says where match is empty, and how to fix it', () => {
    expect(problemsOf('no-match.yaml')).toEqual(['no-match.yaml:3: match: match names no host and no path, so the profile would apply to no page; add hosts: [example.cn] or paths: ["example.cn/**"]']);
  });

  it('reports a YAML mistake with its line', () => {
    expect(problemsOf('not-yaml.yaml')[0]).toMatch(/^not-yaml\.yaml:[34]: not valid YAML: /);
  });

  it('asks for the fields a profile must have', () => {
    expect(parseSiteProfile('title: h1\n', 'p.yaml').problems.map(formatProfileProblem)).toEqual([
      'p.yaml:1: name: missing; add a name: line (see docs/editing.md, "Site profiles")',
      'p.yaml:1: match: missing; add a match: line (see docs/editing.md, "Site profiles")',
    ]);
  });

  it('reads a string as a selector, and a mapping as a selector with a pattern', () => {
    const profile = profileOf('name: t\nmatch: { hosts: [x.cn] }\ntitle: h1\ndate: { selector: .info, pattern: "日期[:：](\\\\S+)" }\n');
    expect(profile.title).toEqual({ selector: 'h1' });
    const $ = cheerio.load('<h1>标题</h1><div class="info">发布日期：2024-03-05 来源：本网</div>');
    expect(readRule($, profile.date)).toEqual(['2024-03-05']);
  });

  it('matches hosts with or without www. and subdomains with *., and paths by glob', () => {
    const profiles: SiteProfile[] = [
      profileOf('name: a\nmatch: { hosts: [cmse.gov.cn] }\n'),
      profileOf('name: b\nmatch: { hosts: ["*.lsxian.gov.cn"] }\n'),
      profileOf('name: c\nmatch: { paths: ["*__cmse__*.html", "mirror/**/show.php*"] }\n'),
    ];
    const nameFor = (file: string, declaredUrl?: string) => profileForPage(profiles, { file, address: addressOfSavedFile(file), declaredUrl })?.name;
    expect(nameFor('www.cmse.gov.cn/a.html')).toBe('a');
    expect(nameFor('b.html', 'http://www.cmse.gov.cn/b.html')).toBe('a');
    expect(nameFor('news.lsxian.gov.cn/a.html')).toBe('b');
    expect(nameFor('tests__cmse__1.html')).toBe('c');
    expect(nameFor('mirror/x/y/show.php@id=3.html')).toBe('c');
    expect(nameFor('tests__cmse__1/other.html')).toBeUndefined();
  });

  it('accepts the worked example in docs/site-profiles/cmse.yaml', () => {
    expect(parseSiteProfile(readFileSync(join(project, 'docs', 'site-profiles', 'cmse.yaml'), 'utf8'), 'cmse.yaml').problems).toEqual([]);
  });
});

describe('importHtmlPage with a profile', () => {
  const page = `<html><head><title>县里开展春季植树活动_某县网</title></head><body>
    <div class="t">县里开展春季植树活动</div><div class="i">发布：2024年3月12日 10:20</div>
    <div class="au">王小明 系统管理员</div>
    <div class="c"><p>3月12日，县里组织干部群众在城郊开展春季义务植树活动，共栽下香樟、桂花等苗木三千余株。</p>
    <p>活动现场，大家挥锹铲土、扶苗培土，干劲十足。县林业局技术人员现场讲解栽植要领，确保苗木成活率。</p></div></body></html>`;
  const bytes = new TextEncoder().encode(page);
  const profile = profileOf('name: 某县网\nmatch: { hosts: [x.cn] }\ntitle: .t\ndate: .i\nsource: { site: 某县网 }\nbyline: { selector: .au, role: 记者 }\nbody: .c\n');

  it('reads each field where the profile says, and the site itself as the source', () => {
    const article = importHtmlPage(bytes, 'page.html', { profile });
    expect(article.title).toBe('县里开展春季植树活动');
    expect(article.date).toBe('2024-03-12T10:20+08:00');
    expect(article.source).toEqual({ name: '某县网' });
    expect(article.notes.filter((note) => note.field === 'source')).toEqual([]);
  });

  it('still checks the names a profile points at: a bare byline with a non-name is not used, and the note quotes it', () => {
    const article = importHtmlPage(bytes, 'page.html', { profile });
    expect(article.authors).toEqual([]);
    expect(article.notes.find((note) => note.field === 'authors')?.message).toMatch(/^the byline "王小明 系统管理员" was not used: 系统管理员/);
  });

  it('falls back to its own rules for a field the profile leaves out, or whose selector finds nothing', () => {
    const bare = profileOf('name: 某县网\nmatch: { hosts: [x.cn] }\ndate: .missing\n');
    const article = importHtmlPage(bytes, 'page.html', { profile: bare });
    expect(article.date).toBe('2024-03-12T10:20+08:00');
    expect(article.source).toBeUndefined();
  });
});

const pagesDir = fileURLToPath(new URL('../../../../shared/pages/gne/', import.meta.url));

describe.skipIf(!existsSync(pagesDir))('the worked example on the shared 中国载人航天官方网站 pages', () => {
  const profile = profileOf(readFileSync(join(project, 'docs', 'site-profiles', 'cmse.yaml'), 'utf8'));
  const read = (name: string) => importHtmlPage(new Uint8Array(readFileSync(`${pagesDir}${name}`)), name, { profile });

  it('without the profile both wait for a source; with it, one names its source and the other is the site\'s own', () => {
    for (const name of ['tests__cmse__1.html', 'visiable_test__cmse__1.html']) {
      expect(importHtmlPage(new Uint8Array(readFileSync(`${pagesDir}${name}`)), name).source).toBeUndefined();
    }
    expect(read('tests__cmse__1.html').source).toEqual({ name: '中国载人航天官方网站' });
    expect(read('visiable_test__cmse__1.html').source).toEqual({ name: '中国空间技术研究院、中国运载火箭技术研究院等' });
  });

  it('finds the 责任编辑 the page prints (周雁), and refuses the CMS\'s 系统管理员 as a name', () => {
    expect(read('visiable_test__cmse__1.html').editor).toBe('周雁');
    const first = read('tests__cmse__1.html');
    expect(first.editor).toBeUndefined();
    expect(first.notes.find((note) => note.field === 'editor')?.message).toMatch(/"系统管理员" was not used/);
  });

  it('keeps the dates the pages print', () => {
    expect(read('tests__cmse__1.html').date).toBe('2012-06-24');
    expect(read('visiable_test__cmse__1.html').date).toBe('2021-01-05');
  });
});
