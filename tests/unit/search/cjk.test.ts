import { describe, expect, test } from 'vitest';
import { decodeToken, encodeChar, fromIndexText, runTokens, toIndexText, TOKEN_PREFIX } from '../../../src/lib/search/cjk.ts';
import { createFolder, encodeFoldTable, foldQuery, identityFolder } from '../../../src/lib/search/fold.ts';
import { holdsPhrase, planQuery } from '../../../src/lib/search/query.ts';
import { excerpt, highlight } from '../../../src/lib/search/excerpt.ts';
import { readState, writeState, withFilter } from '../../../src/lib/search/url-state.ts';
import { articleSearchAttributes, parseAttributePairs } from '../../../src/lib/search/page-attributes.ts';
import { readPageRecord } from '../../../src/lib/search/page-record.ts';

const positions = (text: string, query: string) => {
  // Where the query's tokens sit among the page's tokens, as Pagefind reports them.
  const page = toIndexText(text).split(' ');
  const wanted = new Set(planQuery(query, identityFolder).term.split(' '));
  return page.flatMap((token, location) => ([...wanted].some((w) => token.startsWith(w)) ? [{ location, weight: 1 }] : []));
};

describe('CJK tokens', () => {
  test('a run of n characters gives n tokens whose positions are the characters', () => {
    const tokens = runTokens([...'习近平']);
    expect(tokens).toHaveLength(3);
    expect(tokens.every((token) => token.startsWith(TOKEN_PREFIX) && /^[a-z]+$/.test(token))).toBe(true);
    expect(tokens[0]?.startsWith(tokens[2] ?? '')).toBe(false);
    expect(tokens[1]?.startsWith(TOKEN_PREFIX + encodeChar('近'))).toBe(true);
  });

  test('index text reads back to the text, punctuation and ASCII included', () => {
    const text = '第五届进博会举办近百场配套活动，5G网络覆盖2023年。';
    expect(fromIndexText(toIndexText(text))).toBe(text);
    expect(decodeToken('english')).toBeUndefined();
  });

  test('reading back ignores the full stop Pagefind adds after a block', () => {
    const indexText = `${toIndexText('两会')}. ${toIndexText('召开')}`;
    expect(fromIndexText(indexText)).toBe('两会召开');
  });
});

describe('folding', () => {
  const fold = createFolder(encodeFoldTable([['縣', '县'], ['書', '书'], ['記', '记']]));
  test('Traditional characters, full-width ASCII and case fold to the index form', () => {
    expect(foldQuery('縣委書記 ＧＤＰ', fold)).toBe('县委书记 gdp');
  });
  test('a Traditional query asks for the same tokens as its Simplified form', () => {
    expect(planQuery('縣委書記', fold).term).toBe(planQuery('县委书记', fold).term);
  });
});

describe('query planning and verification', () => {
  test('a query word is asked for by its bigrams; the last character alone is not needed', () => {
    const plan = planQuery('进博会', identityFolder);
    expect(plan.words).toEqual([{ text: '进博会', tokens: runTokens([...'进博会']).slice(0, 2) }]);
  });
  test('punctuation and spaces separate words', () => {
    expect(planQuery('【领航中国】共护 一江水', identityFolder).words.map((word) => word.text)).toEqual(['领航中国', '共护', '一江水']);
  });
  test('a page with the phrase matches; a page with its characters apart does not', () => {
    const [word] = planQuery('两会', identityFolder).words;
    expect(holdsPhrase(positions('全国两会召开', '两会'), word!).matched).toBe(true);
    expect(holdsPhrase(positions('两个会议', '两会'), word!).matched).toBe(false);
  });
  test('each word is checked against its own positions only', () => {
    const [, word] = planQuery('粮食安全 数字经济', identityFolder).words;
    expect(holdsPhrase(positions('发展数字经济，保障粮食安全', '数字经济'), word!).matched).toBe(true);
    expect(holdsPhrase(positions('数字化的经济，粮食安全', '数字经济'), word!).matched).toBe(false);
  });
  test('a title match is a phrase at heavier positions', () => {
    const [word] = planQuery('两会', identityFolder).words;
    const located = positions('两会召开', '两会').map((location) => ({ ...location, weight: 7 }));
    expect(holdsPhrase(located, word!)).toEqual({ matched: true, inTitle: true });
  });
  test('a substring across word boundaries is a phrase like any other', () => {
    const [word] = planQuery('近平同', identityFolder).words;
    expect(holdsPhrase(positions('习近平同乌兹别克斯坦总统会谈', '近平同'), word!).matched).toBe(true);
  });
});

describe('excerpts', () => {
  test('matches are marked and the text is escaped', () => {
    expect(highlight('<b>两会</b>', ['两会'], identityFolder)).toBe('&lt;b&gt;<mark>两会</mark>&lt;/b&gt;');
  });
  test('Traditional text is marked where its Simplified form matches', () => {
    const fold = createFolder(encodeFoldTable([['縣', '县']]));
    expect(highlight('本縣新聞', ['县'], fold)).toBe('本<mark>縣</mark>新聞');
  });
  test('the excerpt is cut around the first match', () => {
    const text = `${'甲'.repeat(100)}两会${'乙'.repeat(100)}`;
    const html = excerpt(text, ['两会'], identityFolder, 30);
    expect(html.startsWith('…')).toBe(true);
    expect(html).toContain('<mark>两会</mark>');
    expect(html.endsWith('…')).toBe(true);
  });
});

describe('URL state', () => {
  test('state round-trips through the query string with defaults left out', () => {
    const state = readState('?q=%E4%B8%A4%E4%BC%9A&year=2023&sort=newest&bogus=1');
    expect(state).toEqual({ q: '两会', filters: { year: '2023' }, sort: 'newest' });
    expect(writeState(state)).toBe('?q=%E4%B8%A4%E4%BC%9A&year=2023&sort=newest');
    expect(writeState(withFilter(state, 'year', undefined))).toBe('?q=%E4%B8%A4%E4%BC%9A&sort=newest');
  });
});

describe('page attributes', () => {
  test('filters, metadata and sort are written in Pagefind syntax and read back, commas included', () => {
    const attributes = articleSearchAttributes({ date: '2023-03-04', year: 2023, source: '甲,乙报', people: ['艾哲', '刘飞'] });
    const filters = parseAttributePairs(attributes['data-pagefind-filter']);
    expect(filters.get('source')).toEqual(['甲,乙报']);
    expect(filters.get('person')).toEqual(['艾哲', '刘飞']);
    expect(parseAttributePairs(attributes['data-pagefind-sort']).get('date')).toEqual(['2023-03-04']);
  });
  test('a page record is the body element without ignored parts, controls or scripts', () => {
    const record = readPageRecord(
      '<html><body><nav>首页</nav><article data-pagefind-body data-pagefind-filter="year:2023"><h1>标题&amp;</h1>' +
        '<div data-pagefind-ignore>时间</div><button>复制</button><p>第一段<br>第二行</p><script>x</script><h2>小标题</h2></article></body></html>',
    );
    expect(record?.title).toBe('标题&');
    expect(record?.blocks).toEqual(['第一段', '第二行', '小标题']);
    expect(record?.filters.get('year')).toEqual(['2023']);
    expect(readPageRecord('<html><body><p>列表页</p></body></html>')).toBeUndefined();
  });
});

describe('numbers and Latin words in queries', () => {
  test('they are words of their own, apart from the Han runs around them', () => {
    expect(planQuery('贸易额达2931.8亿美元，增长17.2%', identityFolder).words.map((word) => word.text)).toEqual(['贸易额达', '2931.8', '亿美元', '增长', '17.2']);
    expect(planQuery('5G网络', identityFolder).words.map((word) => word.text)).toEqual(['5g', '网络']);
  });
});
