import { describe, expect, test } from 'vitest';
import { createFolder, encodeFoldTable } from '../../../src/lib/search/fold.ts';
import { PAGES_PER_TITLE, pagesTitled, textAfterTitle, titleBucket, titleBucketCount, titleBuckets, titleKey, TITLES_PER_BUCKET, toWire, type TitleEntry } from '../../../src/lib/search/title-lookup.ts';

const fold = createFolder(encodeFoldTable([['縣', '县'], ['書', '书'], ['記', '记'], ['調', '调']]));

const entry = (key: string, url: string, date: string): TitleEntry => ({ key, id: `zh-cn_${url.length}${date}`, url, title: key, date, source: '邵阳日报', lead: '正文开头' });

describe('titleKey', () => {
  test('folds as the index does and drops spaces, punctuation and symbols', () => {
    expect(titleKey('縣委書記：調研 “乡村振兴”', fold)).toBe(titleKey('县委书记调研乡村振兴', fold));
    expect(titleKey('县委书记调研乡村振兴', fold)).toBe('县委书记调研乡村振兴');
    expect(titleKey('ＣＰＩ同比上涨２％', fold)).toBe('cpi同比上涨2');
  });

  test('keeps words apart that differ: no key for punctuation alone', () => {
    expect(titleKey('两会召开', fold)).not.toBe(titleKey('两会', fold));
    expect(titleKey('——《》', fold)).toBe('');
  });
});

describe('titleBucket and titleBucketCount', () => {
  test('hash with FNV-1a 32 over UTF-16 code units, so Node and browsers agree', () => {
    // Published FNV-1a test vectors: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    expect(titleBucket('', 2 ** 31)).toBe(0x811c9dc5 % 2 ** 31);
    expect(titleBucket('a', 2 ** 31)).toBe(0xe40c292c % 2 ** 31);
    expect(titleBucket('foobar', 2 ** 31)).toBe(0xbf9cf968 % 2 ** 31);
    expect(titleBucket('县委书记调研乡村振兴', 1)).toBe(0);
  });

  test('grow with the archive so a bucket keeps about the same number of titles', () => {
    expect(titleBucketCount(0)).toBe(1);
    expect(titleBucketCount(TITLES_PER_BUCKET)).toBe(1);
    expect(titleBucketCount(19_876)).toBe(4096);
    expect(titleBucketCount(100_000)).toBe(16_384);
    for (const pages of [1_000, 19_876, 100_000]) expect(pages / titleBucketCount(pages)).toBeLessThanOrEqual(TITLES_PER_BUCKET);
  });
});

describe('titleBuckets', () => {
  test('writes every bucket, each title in the bucket its key hashes to', () => {
    const entries = [entry('两会召开', '/a/', '2024-03-05'), entry('粮食安全检查', '/b/', '2022-05-01'), entry('数字经济论坛', '/c/', '2022-06-01')];
    const files = titleBuckets(entries, 4);
    expect(files).toHaveLength(4);
    for (const page of entries) expect(files[titleBucket(page.key, 4)]).toContainEqual(toWire(page));
    expect(files.flat()).toHaveLength(3);
  });

  test('keeps the newest pages of a title that recurs, newest first', () => {
    const daily = Array.from({ length: PAGES_PER_TITLE + 5 }, (_, day) => entry('国内联播快讯', `/k-${day}/`, `2024-01-${String(day + 1).padStart(2, '0')}`));
    const [bucket] = titleBuckets(daily, 1);
    expect(bucket?.map((wire) => wire[2])).toEqual(daily.slice(5).reverse().map((page) => page.url));
  });

  test('leaves out pages whose title has no key', () => {
    expect(titleBuckets([entry('', '/x/', '2024-01-01')], 1)).toEqual([[]]);
  });
});

describe('pagesTitled', () => {
  test('reads the pages of one title from a bucket and ignores anything malformed', () => {
    const wanted = entry('两会召开', '/a/', '2024-03-05');
    const bucket = [toWire(entry('粮食安全检查', '/b/', '2022-05-01')), toWire(wanted), ['两会召开', 'short'], '两会召开', null];
    expect(pagesTitled(bucket, '两会召开')).toEqual([wanted]);
    expect(pagesTitled({ not: 'a bucket' }, '两会召开')).toEqual([]);
  });

  test('reads an empty date or source as absent', () => {
    expect(pagesTitled([toWire({ ...entry('两会召开', '/a/', ''), source: undefined })], '两会召开')[0]).toMatchObject({ date: undefined, source: undefined });
  });
});

describe('textAfterTitle', () => {
  test('drops the title the text opens with, however its blocks and spaces were read back', () => {
    const title = '习近平在听取工作汇报时强调 完整准确全面贯彻新时代党的治疆方略';
    expect(textAfterTitle('习近平在听取工作汇报时强调完整准确全面贯彻新时代党的治疆方略王沪宁参加汇报会', title, fold)).toBe('王沪宁参加汇报会');
    expect(textAfterTitle('縣委書記調研 县里的调研', '县委书记调研', fold)).toBe('县里的调研');
  });

  test('leaves a text that does not open with the title as it is', () => {
    expect(textAfterTitle('央视网消息：两会召开', '两会召开', fold)).toBe('央视网消息：两会召开');
    expect(textAfterTitle('两会', '两会召开', fold)).toBe('两会');
    expect(textAfterTitle('正文', '——', fold)).toBe('正文');
  });
});
