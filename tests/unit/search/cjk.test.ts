import { describe, expect, test } from 'vitest';
import { decodeToken, encodeChar, fromIndexText, RUN_BREAK, runTokens, toIndexText, TOKEN_PREFIX } from '../../../src/lib/search/cjk.ts';
import { createFolder, encodeFoldTable, foldQuery, identityFolder } from '../../../src/lib/search/fold.ts';
import { phraseStarts, planQuery, probeTokens } from '../../../src/lib/search/query.ts';
import { excerpt, highlight } from '../../../src/lib/search/excerpt.ts';
import { readState, writeState, withFilter } from '../../../src/lib/search/url-state.ts';
import { articleSearchAttributes, parseAttributePairs } from '../../../src/lib/search/page-attributes.ts';
import { readPageRecord } from '../../../src/lib/search/page-record.ts';

/** Where each token is on a page, as a Pagefind search for that token alone reports it. */
const positionsOn = (text: string) => {
  const page = toIndexText(text).split(' ');
  return (token: string) => new Set(page.flatMap((word, location) => (word.startsWith(token) ? [location] : [])));
};
const holds = (text: string, query: string, which = 0) => {
  const word = planQuery(query, identityFolder).words[which];
  return word !== undefined && phraseStarts(word, positionsOn(text)).length > 0;
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

  test('whitespace between two runs is kept as a break of its own, and reads back as a space', () => {
    const indexText = toIndexText('共护一江水 万里长江');
    expect(indexText.split(' ')).toContain(RUN_BREAK);
    expect(fromIndexText(indexText)).toBe('共护一江水 万里长江');
    expect(toIndexText('江水 ABC 万里').split(' ')).not.toContain(RUN_BREAK);
  });

  test('reading back ignores the full stop Pagefind adds after a block', () => {
    const indexText = `${toIndexText('两会')}. ${toIndexText('召开')}`;
    expect(fromIndexText(indexText)).toBe('两会召开');
    expect(fromIndexText(indexText, '\n')).toBe('两会\n召开');
  });

  test('also where Pagefind writes the full stop as a word of its own, after a zero-width space', () => {
    // As in a real fragment's content: tokens separated by ' \u200b', the block's end '\u200b.'.
    const indexText = `${toIndexText('王沪宁').split(' ').join(' \u200b')}\u200b. \u200b${toIndexText('参加').split(' ').join(' \u200b')}`;
    expect(fromIndexText(indexText)).toBe('王沪宁参加');
    expect(fromIndexText(indexText, '\n')).toBe('王沪宁\n参加');
    // After words of the author's, a full stop is the author's.
    expect(fromIndexText('5G .')).toBe('5G .');
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
  test('a short word is asked for by its bigrams; the last character alone is not needed', () => {
    const plan = planQuery('进博会', identityFolder);
    expect(plan.words).toEqual([{ text: '进博会', tokens: runTokens([...'进博会']).slice(0, 2), offsets: [0, 1] }]);
  });
  test('a longer word is asked for by every other bigram and its last one, which cover every character', () => {
    const bigrams = runTokens([...'习近平同乌兹']);
    expect(planQuery('习近平同乌兹', identityFolder).words[0]).toMatchObject({ tokens: [bigrams[0], bigrams[2], bigrams[4]], offsets: [0, 2, 4] });
    expect(planQuery('习近平同乌', identityFolder).words[0]?.offsets).toEqual([0, 2, 3]);
  });
  test('punctuation and spaces separate words', () => {
    expect(planQuery('【领航中国】共护 一江水', identityFolder).words.map((word) => word.text)).toEqual(['领航中国', '共护', '一江水']);
  });
  test('a page with the phrase matches; a page with its characters apart does not', () => {
    expect(holds('全国两会召开', '两会')).toBe(true);
    expect(holds('两个会议', '两会')).toBe(false);
    expect(holds('习近平同乌兹别克斯坦总统会谈', '习近平同乌兹别克斯坦')).toBe(true);
    expect(holds('习近平同乌兹别克总统会谈', '习近平同乌兹别克斯坦')).toBe(false);
  });
  test('each token is checked at its own positions: 经济数字 does not prove 数字经济', () => {
    expect(holds('发展数字经济，保障粮食安全', '粮食安全 数字经济', 1)).toBe(true);
    expect(holds('经济数字', '数字经济')).toBe(false);
    expect(holds('数字化的经济，粮食安全', '粮食安全 数字经济', 1)).toBe(false);
  });
  test('a phrase never reaches across punctuation or whitespace into the next run', () => {
    expect(holds('江水。万里', '江水万里')).toBe(false);
    expect(holds('共护一江水 万里长江', '江水万里')).toBe(false);
    expect(holds('共护一江水 万里长江', '一江水万')).toBe(false);
    expect(holds('共护一江水万里长江', '江水万里')).toBe(true);
  });
  test('the first search asks for at most six tokens of a word, spread from its first to its last', () => {
    const [title] = planQuery('书写新时代黄河流域生态保护新篇章', identityFolder).words;
    expect(title?.tokens).toHaveLength(8);
    const probe = probeTokens(title!);
    expect(probe).toHaveLength(6);
    expect(probe[0]).toBe(title?.tokens[0]);
    expect(probe[5]).toBe(title?.tokens[7]);
    expect(new Set(probe).size).toBe(6);
    const [short] = planQuery('数字经济', identityFolder).words;
    expect(probeTokens(short!)).toEqual(short?.tokens);
    expect(planQuery('书写新时代黄河流域生态保护新篇章', identityFolder).term.split(' ')).toEqual(probe);
  });
  test('the words of a long query share eight probe tokens, each keeping its first and last bigram', () => {
    const plan = planQuery('习近平在听取新疆维吾尔自治区党委和政府工作汇报时强调 完整准确全面贯彻新时代党的治疆方略 努力建设团结和谐的社会主义现代化新疆', identityFolder);
    expect(plan.words).toHaveLength(3);
    const asked = plan.term.split(' ');
    expect(asked).toHaveLength(6);
    for (const word of plan.words) {
      expect(asked).toContain(word.tokens[0]);
      expect(asked).toContain(word.tokens.at(-1));
    }
    // Two words: four each.
    expect(planQuery('完整准确全面贯彻新时代党的治疆方略 努力建设团结和谐的社会主义现代化新疆', identityFolder).term.split(' ')).toHaveLength(8);
  });
  test('the narrow first search asks for four of the probe tokens, one per word at least, and every number whole', () => {
    const title = planQuery('书写新时代黄河流域生态保护新篇章', identityFolder);
    const probes = title.term.split(' ');
    expect(title.narrowTerm.split(' ')).toEqual([probes[0], probes[2], probes[3], probes[5]]);
    const three = planQuery('习近平在听取新疆维吾尔自治区党委和政府工作汇报时强调 完整准确全面贯彻新时代党的治疆方略 努力建设团结和谐的社会主义现代化新疆', identityFolder);
    expect(three.narrowTerm.split(' ')).toEqual(three.words.map((word) => word.tokens[0]));
    const numbers = planQuery('贸易额达2931.8亿美元，增长17.2%', identityFolder);
    expect(numbers.narrowTerm.split(' ')).toEqual(expect.arrayContaining(['2931.8', '17.2']));
    expect(planQuery('数字经济', identityFolder).narrowTerm).toBe(planQuery('数字经济', identityFolder).term);
    // Never a token the full search would not fetch: two words of four probes each, two of each in the narrow search.
    const eight = planQuery('习近平在听取新疆维吾尔自治区党 努力建设团结和谐的社会主义', identityFolder);
    for (const token of eight.narrowTerm.split(' ')) expect(eight.term.split(' ')).toContain(token);
  });
  test('a substring across word boundaries is a phrase like any other', () => {
    expect(holds('习近平同乌兹别克斯坦总统会谈', '近平同')).toBe(true);
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

describe('reading a result back for the phrase check', () => {
  test('blocks stay apart, so a phrase is never found across two paragraphs', () => {
    const indexText = `${toIndexText('全国两')}. ${toIndexText('会召开')}.`;
    expect(fromIndexText(indexText)).toBe('全国两会召开');
    expect(fromIndexText(indexText, '\n')).toBe('全国两\n会召开\n');
  });
  test('Pagefind’s zero-width spaces between words are not text', () => {
    expect(fromIndexText(toIndexText('两会召开').split(' ').join(' \u200b'))).toBe('两会召开');
  });
});
