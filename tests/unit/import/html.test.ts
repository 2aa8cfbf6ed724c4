import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../src/lib/import/decode.ts';
import { importHtmlPage } from '../../../src/lib/import/html.ts';
import { bylineOfLine, bylinesInHeaderLine, editorsIn, parseByline, stripStaffCode } from '../../../src/lib/import/html-bylines.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`fixtures/html/${name}`, import.meta.url)));
const encode = (text: string) => new TextEncoder().encode(text);

describe('decodeHtml', () => {
  it('reads a page that declares gb2312 but is UTF-8 as UTF-8, and says so', () => {
    const page = decodeHtml(fixture('declared-gb2312-but-utf8.html'));
    expect(page.encoding).toBe('utf-8');
    expect(page.text).toContain('市民公园今日开放');
    expect(page.note).toMatch(/declares gb2312/);
  });

  it('reads a gb2312 declaration over GB18030 bytes as GB18030, including characters GB2312 lacks', () => {
    const page = decodeHtml(fixture('gb18030-bytes.html'));
    expect(page.encoding).toBe('gb18030');
    expect(page.text).toContain('朱镕基题词碑亮相䶮园');
  });

  it('honours a byte-order mark over the declaration', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('<meta charset="gbk"><p>新闻</p>')]);
    expect(decodeHtml(bytes)).toMatchObject({ encoding: 'utf-8', text: '<meta charset="gbk"><p>新闻</p>' });
  });

  it('refuses bytes that are neither UTF-8 nor the declared charset, with a clear message', () => {
    const bytes = new Uint8Array([...encode('<meta charset="euc-kr"><p>'), 0xff, 0xff, 0xff, 0x80]);
    expect(() => decodeHtml(bytes)).toThrow(/euc-kr.*not valid/);
    expect(() => decodeHtml(new Uint8Array([...encode('<meta charset="x-klingon">'), 0xc3]))).toThrow(/x-klingon.*cannot decode/);
  });
});

describe('bylines', () => {
  it('strips CMS staff codes from names', () => {
    expect(stripStaffCode('杨倩_NF4425')).toBe('杨倩');
    expect(stripStaffCode('姚立伟_NT6056')).toBe('姚立伟');
    expect(stripStaffCode('张珺')).toBe('张珺');
  });

  it('applies each role to the names after it, whatever separates them', () => {
    expect(parseByline('记者 张三、李四 通讯员 王五，赵六').credits).toEqual([
      { name: '张三', role: '记者' }, { name: '李四', role: '记者' },
      { name: '王五', role: '通讯员' }, { name: '赵六', role: '通讯员' },
    ]);
    expect(parseByline('澎湃新闻记者 段彦超 廖艳').credits.map((credit) => credit.role)).toEqual(['记者', '记者']);
    expect(parseByline('记者唐霁').credits).toEqual([{ name: '唐霁', role: '记者' }]);
  });

  it('reads the byline fields of a header line, and no byline out of a sentence that mentions 作者', () => {
    expect(bylinesInHeaderLine('2019-09-26 12:11来源：证券时报网作者：李在山')?.credits).toEqual([{ name: '李在山', role: '作者' }]);
    expect(bylinesInHeaderLine('发表于2014-08-24 21:30| 1164次阅读| 来源CSDN| 0 条评论| 作者魏星')?.credits).toEqual([{ name: '魏星', role: '作者' }]);
    expect(bylinesInHeaderLine('本文观点仅代表作者本人')).toBeUndefined();
    expect(bylineOfLine('作者最近文章')).toBeUndefined();
  });

  it('stops a byline at the next field and skips what is not a person (等, 北京报道, 文/图)', () => {
    expect(bylineOfLine('记者 张三 李四 等')?.credits.map((credit) => credit.name)).toEqual(['张三', '李四']);
    expect(parseByline('本报记者 张三 北京报道').credits).toEqual([{ name: '张三', role: '记者' }]);
    expect(parseByline('记者 李四 北京1日电').credits).toEqual([{ name: '李四', role: '记者' }]);
    expect(parseByline('通讯员 王五 文/图').credits).toEqual([{ name: '王五', role: '通讯员' }]);
    expect(bylineOfLine('记者 张三 2017-10-17 09:41')?.credits).toEqual([{ name: '张三', role: '记者' }]);
    expect(bylinesInHeaderLine('作者：张三 | 2017-10-17 09:41 | 阅读 1234')?.credits).toEqual([{ name: '张三', role: '作者' }]);
    expect(bylinesInHeaderLine('作者：张三　来源：示例日报')?.credits).toEqual([{ name: '张三', role: '作者' }]);
  });

  it('returns a labelled byline whose candidate is not a name with the candidate rejected and no credit', () => {
    expect(bylineOfLine('编辑：返回门户')).toMatchObject({ credits: [], rejected: [{ candidate: '返回门户', role: '编辑' }] });
    expect(bylineOfLine('摄影：产品经理')).toMatchObject({ credits: [], rejected: [{ candidate: '产品经理' }] });
  });

  it('reads each 责任编辑 as a person, dropping staff codes and placeholders', () => {
    expect(editorsIn('(责编：汤诗瑶、丁涛)')).toEqual({ editors: ['汤诗瑶', '丁涛'], rejected: [] });
    expect(editorsIn('[责任编辑：韩保林 PK155]')).toEqual({ editors: ['韩保林'], rejected: [] });
    expect(editorsIn('（责任编辑：系统管理员）')).toEqual({ editors: [], rejected: [] });
    expect(editorsIn('责编：Demi Xia')).toEqual({ editors: ['Demi Xia'], rejected: [] });
    expect(editorsIn('责任编辑：biaoffeng')?.rejected.map((rejected) => rejected.candidate)).toEqual(['biaoffeng']);
  });
});

describe('importHtmlPage', () => {
  it('reads the 163 layout: meta time, 来源 link, 编辑/校对 line into authors, 责任编辑 without its staff code', () => {
    const article = importHtmlPage(fixture('byline-staff-code.html'), 'byline-staff-code.html');
    expect(article.title).toBe('城市地铁新线开通');
    expect(article.date).toBe('2019-11-25T11:01:53+08:00');
    expect(article.source).toEqual({ name: '示例晚报', url: 'https://www.example.com/19/1125/metro.html' });
    expect(article.authors).toEqual([
      { name: '陆一夫', role: '记者' }, { name: '刘晓阳', role: '编辑' }, { name: '李铭', role: '校对' },
    ]);
    expect(article.editor).toBe('杨倩');
    // The byline and editor lines are credits, not paragraphs; the lead keeps its dateline verbatim.
    expect(article.blocks).toEqual([
      { kind: 'paragraph', text: '示例晚报讯（记者 陆一夫）11月25日，城市地铁新线正式开通运营，全线共设十二座车站。' },
      { kind: 'paragraph', text: '首班车于早上六时从北站发出，市民纷纷前来体验。' },
    ]);
  });

  it('pairs photos with their captions, finds headings and drops the site furniture', () => {
    const article = importHtmlPage(fixture('figures-and-boilerplate.html'), 'figures-and-boilerplate.html');
    expect(article.title).toBe('秋收时节稻田金黄');
    // A visible time without an offset is Beijing time, the convention of Chinese news sites: no note.
    expect(article.date).toBe('2022-09-24T10:21:33+08:00');
    expect(article.notes.some((note) => note.field === 'date')).toBe(false);
    expect(article.source).toEqual({ name: '新华网' });
    expect(article.authors).toEqual([{ name: '张三', role: '记者' }, { name: '李四', role: '记者' }]);
    expect(article.editor).toBe('尹世杰');
    expect(article.blocks.map((block) => block.kind)).toEqual(['paragraph', 'figure', 'heading', 'paragraph', 'figure', 'heading', 'paragraph']);
    expect(article.blocks[1]).toEqual({ kind: 'figure', caption: '9月23日，农民在田间收割水稻。（新华社记者 赵五摄）' });
    expect(article.blocks[4]).toEqual({ kind: 'figure', caption: '图为收割机在田间作业。', imageUrl: 'https://img.example.cn/2022/harvest.jpg' });
    const text = JSON.stringify(article.blocks);
    for (const furniture of ['分享到', '点击进入专题', '纠错', '相关阅读', '旧闻', 'Copyright', 'tracker', '责任编辑']) expect(text).not.toContain(furniture);
    // The page does not say its address, so the relative photo address cannot be resolved.
    expect(article.notes).toContainEqual(expect.objectContaining({ field: 'figures' }));
  });

  it('keeps full-width punctuation and drops only the indentation', () => {
    const article = importHtmlPage(fixture('declared-gb2312-but-utf8.html'), 'declared-gb2312-but-utf8.html');
    expect(article.blocks[0]).toEqual({ kind: 'paragraph', text: '本报讯（记者 王小明 通讯员 李华）经过一年改造，市民公园今日重新向公众开放，园内新增步道三公里。' });
    expect(article.authors).toEqual([{ name: '王小明', role: '记者' }, { name: '李华', role: '通讯员' }]);
    expect(article.date).toBe('2019-06-15');
    expect(article.source).toEqual({ name: '示例日报', url: 'http://news.example.cn/2019/0615/park.html' });
    expect(article.notes).toContainEqual(expect.objectContaining({ field: 'encoding' }));
  });

  it('reads a GB18030 page', () => {
    const article = importHtmlPage(fixture('gb18030-bytes.html'), 'gb18030-bytes.html');
    expect(article.title).toBe('朱镕基题词碑亮相䶮园');
    expect(article.date).toBe('2003-05-20T09:30+08:00');
    expect(article.authors).toEqual([{ name: '钱䶮', role: '记者' }]);
  });

  it('notes a missing date and leaves it out', () => {
    const html = '<html><head><title>无日期的新闻</title></head><body><h1>无日期的新闻</h1><div class="article"><p>这是一段足够长的正文，用来说明没有日期的页面也能导入，但会留下一条待核查的说明。</p></div></body></html>';
    const article = importHtmlPage(encode(html), 'no-date.html');
    expect(article.date).toBeUndefined();
    expect(article.notes).toContainEqual(expect.objectContaining({ field: 'date' }));
  });

  it('refuses a page that is not a news article, naming the file', () => {
    expect(() => importHtmlPage(fixture('not-a-news-page.html'), 'not-a-news-page.html')).toThrow(/no article body found/);
    try {
      importHtmlPage(fixture('not-a-news-page.html'), 'not-a-news-page.html');
    } catch (error) {
      expect((error as { format(): string }).format()).toMatch(/^not-a-news-page\.html: /);
    }
  });

  it('refuses an empty file', () => {
    expect(() => importHtmlPage(fixture('empty.html'), 'empty.html')).toThrow(/empty/);
  });
});
