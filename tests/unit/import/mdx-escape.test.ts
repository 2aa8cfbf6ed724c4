import { describe, expect, it } from 'vitest';
import { readMdxBlocks } from '../../../src/lib/import/mdx-blocks.ts';
import { escapeMdxHeading, escapeMdxText } from '../../../src/lib/import/mdx-escape.ts';

/** Text that must come back unchanged after escaping and parsing as MDX. */
const TRICKY = [
  'Ct值<35，对解除集中隔离时核酸检测Ct值35—40的人员',
  '通过了《政协全国委员会关于部分修改<中国人民政治协商会议章程>的决定》',
  '<http://example.com> and <div>not html</div> <!-- no comment -->',
  '{1 + 1} and a lone } and {',
  '气温下降6~8℃。另有4~6℃降温，~~不是删除线~~',
  '*强调* **加粗** _下划线_ __双__ 7*24小时',
  '[链接](http://x) ![图](y.png) [^1] 方括号]',
  '反斜杠 \\ 和 \\* 和 `代码` 和 ```',
  '&amp; 必须保留，&#35; 和 &#x4e2d; 也是；R&D 与 A & B 不变',
  '表格 | 竖线 | 文字',
  '# 不是标题',
  '## 也不是',
  '> 不是引用',
  '- 不是列表',
  '+ 不是列表',
  '* 不是列表',
  '1. 不是有序列表',
  '2) 也不是',
  '===',
  '---',
  '~~~',
  '```js',
  '    四个空格不是代码',
  '\t制表符开头',
  '       （第2号）',
  '结尾两个空格不是硬换行  ',
  '结尾的制表符\t',
  ' ',
  'import 不是 ESM',
  'export default 1',
  '1+1>2 的“化学反应”',
  '全社会研究与试验发展（R&D）经费',
  '$数学$ 不是公式',
];

describe('escapeMdxText', () => {
  it.each(TRICKY)('MDX reads %j back as the same text', (text) => {
    const blocks = readMdxBlocks(escapeMdxText(text));
    expect(blocks).toEqual([{ kind: 'paragraph', text }]);
  });

  it('keeps line breaks inside a paragraph and escapes line starts on every line', () => {
    const text = '第一行\n# 第二行\n- 第三行\n1. 第四行\n=== \n  缩进';
    expect(readMdxBlocks(escapeMdxText(text))).toEqual([{ kind: 'paragraph', text }]);
  });

  it('leaves ordinary Chinese prose untouched, so editors can read the file', () => {
    const prose = '邵阳新闻在线讯(记者 艾哲 通讯员 刘飞)走进夫夷大地,处处涌动着蓬勃的生机和丰收的喜悦。“抓党建就是抓发展”——100%。';
    expect(escapeMdxText(prose)).toBe(prose);
  });

  it('escapes the real xwlb case Ct值<35 with a backslash', () => {
    expect(escapeMdxText('Ct值<35')).toBe('Ct值\\<35');
  });

  it('keeps GFM autolink literals as text (they become links, the words do not change)', () => {
    const text = '详见 www.example.com 或写信到 news@example.com，http://example.org/a?b=1';
    const [block] = readMdxBlocks(escapeMdxText(text));
    expect(block).toEqual({ kind: 'paragraph', text });
  });

  it('refuses a blank line inside one paragraph', () => {
    expect(() => escapeMdxText('甲\n\n乙')).toThrow(/blank line/);
  });
});

describe('escapeMdxHeading', () => {
  it.each(['抓思想转作风,围绕大局抓教育', '标题 #', 'C# 与 F#', '# 开头', '1. 开头', '<标题>{x}', '  前后空格  '])(
    'MDX reads ## %j back as the same heading text',
    (text) => {
      expect(readMdxBlocks(`## ${escapeMdxHeading(text)}`)).toEqual([{ kind: 'heading', depth: 2, text }]);
    },
  );
});
