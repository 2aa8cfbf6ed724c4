import { describe, expect, it } from 'vitest';
import { checkPersonName, splitPeople } from '../../../src/lib/import/person-name.ts';

const reasonFor = (candidate: string) => {
  const check = checkPersonName(candidate);
  return check.ok ? 'accepted' : check.reason;
};

describe('checkPersonName', () => {
  it.each([
    '张珺', '陆一夫', '李在山', '王和平', '禤志杰', '钱䶮', // surname + given name, including rare characters
    '欧阳娜娜', '司马光', '诸葛亮', // compound surnames
    '陈方安生', // two surnames side by side
    '阿卜杜勒·克里木', '迈克尔•布兰德', // transliterated, with the middle dot
    'Demi Xia', "John O'Brien", 'Mary-Jane Smith', // Latin names as written
  ])('accepts the name %s', (name) => {
    expect(reasonFor(name)).toBe('accepted');
  });

  it.each([
    // Navigation and links (issue 17: a "back to the portal" link and a "see more" link as 编辑).
    ['返回门户', /common word 返回/],
    ['查看更多', /common word/],
    ['首页', /common word/],
    // The furniture and sign-off around a byline.
    ['本网', /common word/],
    ['来源', /common word/],
    ['本人观点', /common word/],
    ['全文完', /common word/],
    ['最近文章', /common word/],
    // A contact line.
    ['联系电话', /common word/],
    ['联系人', /common word 联系/],
    ['我们', /common word/],
    // Roles and organisations are not people.
    ['记者', /common word/],
    ['编辑部', /common word 编辑/],
    ['新华社', /organisation/],
    ['人民日报', /organisation/],
    ['长江网', /organisation/],
    ['医技药剂党支部', /organisation/],
    // Shapes no name has.
    ['张', /one character/],
    ['张三丰李四', /longer than a Chinese name/],
    ['李小飞刀', /four characters with a single surname/],
    ['叨叨姐', /does not start with a Chinese surname/],
    ['小婷', /does not start with a Chinese surname/],
    ['张三的', /phrase/],
    ['王五2', /digits/],
    ['HN666', /digits/],
    ['张三：', /punctuation/],
    ['biaoffeng', /user name/],
    ['kingname', /user name/],
  ])('rejects %s', (candidate, reason) => {
    expect(reasonFor(candidate)).toMatch(reason);
  });
});

describe('splitPeople', () => {
  it('splits people joined by 、，, 和, 与, & and spaces', () => {
    expect(splitPeople('汤诗瑶、丁涛')).toEqual(['汤诗瑶', '丁涛']);
    expect(splitPeople('张三，李四')).toEqual(['张三', '李四']);
    expect(splitPeople('段彦超 廖艳')).toEqual(['段彦超', '廖艳']);
    expect(splitPeople('胡一刀&李小飞刀')).toEqual(['胡一刀', '李小飞刀']);
    expect(splitPeople('张三和李四')).toEqual(['张三', '李四']);
    expect(splitPeople('张三与李四和王五')).toEqual(['张三', '李四', '王五']);
  });

  it('keeps a name that holds 和 or 与 whole, and a Latin name with its space', () => {
    expect(splitPeople('王和平')).toEqual(['王和平']);
    expect(splitPeople('Demi Xia、张三')).toEqual(['Demi Xia', '张三']);
  });
});
