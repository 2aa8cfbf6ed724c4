/**
 * Does a piece of a byline look like a person's name? Issue 17: the importer published
 * navigation links (返回门户, 查看更多), words of a sign-off and of a contact line as 作者 and
 * 编辑, and two people as one name. A missing name goes to review; a wrong name goes to the
 * reader. So a candidate is a name only when it has the shape of one:
 *
 * - Chinese: 2–3 Han characters starting with a common surname (`张珺`, `陆一夫`), 3–4 with
 *   a compound surname (`欧阳娜娜`), 4 when two surnames stand together (`陈方安生`), or a
 *   transliterated name with `·` (`阿卜杜勒·克里木`); never a common word, a role, an
 *   organisation (…报, …社, …网) or a phrase (…的…).
 * - Latin: capitalised words as written (`Demi Xia`); a lower-case handle (`biaoffeng`) or
 *   a code (`HN666`) is not a name.
 *
 * Pen names without a surname (`小婷`) fail on purpose: the importer then leaves them for
 * an editor with a note that quotes them, which costs a minute; publishing a word as a
 * person costs the archive's credibility.
 */

export type NameCheck = { ok: true } | { ok: false; reason: string };

/**
 * Single-character surnames: the ~400 most frequent in the population registers, plus
 * southern ones common in Guangdong media (禤, 冼, 邝, 区, 麦). A name's first character
 * must be one of these, which turns away most words a byline can be confused with.
 */
const SURNAMES = new Set([...(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由禤萧荀鞠习'
)]);

/** Two-character surnames: `欧阳`, `司马`, `诸葛` … */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐',
  '钟离', '澹台', '端木', '南宫', '独孤', '呼延', '赫连', '万俟', '闻人', '申屠', '百里', '东郭', '西门', '左丘', '司空',
  '第五', '淳于', '单于', '太叔', '公羊', '濮阳', '拓跋', '鲜于', '闾丘', '亓官', '司寇', '颛孙', '巫马', '公西', '漆雕',
  '乐正', '壤驷', '公良', '夹谷', '宰父', '谷梁', '段干', '梁丘', '东门', '南门', '羊舌', '微生', '公冶', '宗政',
]);

/**
 * Words that stand where a name would in the failures of issue 17 and in the sample pages:
 * navigation (返回门户, 查看更多), the furniture around a byline (本网, 来源, 原创), a sign-off
 * (完, 本人观点), a contact line (联系, 电话), and the words for roles themselves. A candidate
 * containing one is not a name; none of them occurs inside common given names.
 */
const COMMON_WORDS = [
  '返回', '更多', '首页', '门户', '查看', '点击', '进入', '阅读', '全文', '原文', '下载', '打开', '关注', '订阅', '分享', '收藏',
  '评论', '留言', '举报', '纠错', '打印', '关闭', '登录', '注册', '搜索', '导航', '网站', '频道', '栏目', '专题', '专栏', '主页',
  '本网', '本站', '本报', '本刊', '本台', '本文', '本人', '个人', '观点', '声明', '版权', '来源', '出处', '转载', '转自', '原创',
  '整理', '综合', '编译', '报道', '新闻', '资讯', '消息', '网络', '网友', '投稿', '匿名', '佚名', '未知', '不详', '暂无', '小编',
  '管理', '系统', '官方', '客户端', '公众号', '微信', '微博', '联系', '电话', '手机', '邮箱', '邮件', '地址', '邮编', '传真',
  '热线', '客服', '我们', '你们', '他们', '大家', '记者', '编辑', '作者', '通讯员', '摄影', '摄像', '校对', '审核', '审校', '责编',
  '监制', '策划', '出品', '制作', '制图', '图片', '视频', '文字', '图文', '实习', '特约', '评论员', '主编', '编委', '部门',
  '相关', '推荐', '热门', '最近', '最新', '文章', '一下', '时间', '日期', '发布', '浏览', '人气', '字号', '简介', '介绍', '广告',
  '合作', '招聘', '帮助', '反馈', '隐私', '条款', '地图', '完毕', '全文完', '未完', '待续',
  // Words that begin with a character that is also a surname (平, 国, 海, 南 …).
  '平台', '国际', '国内', '海报', '海外', '公告', '官网', '都市', '花絮', '时报', '明日', '今日', '全国', '全球', '中国',
  '信息', '利好', '展示', '智能', '云端', '和谐',
];

/** Endings of organisations that sign articles: 新华社, 人民日报, 长江网, 市委宣传部 … */
const ORGANISATION_ENDING = /(?:社|报|网|台|刊|部|局|委|办|厅|处|站|组|室|所|院|校|馆|署|司|中心|公司|集团|协会|学会|大学|学院|医院|中学|小学|政府|频道|客户端|编辑部|工作室|党支部|支部|科技|传媒|文化|日报|晚报)$/u;

/** Characters of grammar, not of names: a candidate holding one reads as a phrase. */
const PHRASE_CHARACTER = /[的了们着吗呢吧啊这那些么]/u;

const HAN = /^\p{Script=Han}+$/u;
/** A transliterated name: `阿卜杜勒·克里木`, `迈克尔•布兰德`. */
const TRANSLITERATED = /^\p{Script=Han}{1,8}(?:[·•・]\p{Script=Han}{1,8}){1,3}$/u;
/** `Demi Xia`, `John O'Brien`, `Mary-Jane Smith`, `J. K. Rowling`. */
const LATIN_WORD = String.raw`\p{Lu}\p{Ll}*(?:['’-]\p{L}\p{Ll}*)*\.?`;
const LATIN_NAME = new RegExp(`^${LATIN_WORD}(?:\\s+${LATIN_WORD}){0,3}$`, 'u');

function hanNameShape(name: string): NameCheck {
  const chars = [...name];
  const compound = COMPOUND_SURNAMES.has(chars.slice(0, 2).join(''));
  if (compound) {
    return chars.length === 3 || chars.length === 4 ? { ok: true } : { ok: false, reason: `${name} is ${chars.length} characters, too long for a name with the surname ${chars.slice(0, 2).join('')}` };
  }
  if (chars.length < 2) return { ok: false, reason: `${name} is one character, too short for a full name` };
  if (chars.length > 4) return { ok: false, reason: `${name} is ${chars.length} characters, longer than a Chinese name` };
  if (!SURNAMES.has(chars[0]!)) return { ok: false, reason: `${name} does not start with a Chinese surname (a pen name?)` };
  // Four characters: two surnames side by side (陈方安生); a single surname with a
  // three-character given name is too rare to tell from a four-character phrase.
  if (chars.length === 4 && !SURNAMES.has(chars[1]!)) return { ok: false, reason: `${name} is four characters with a single surname, which reads as a phrase, not a name` };
  return { ok: true };
}

/** Whether `candidate` (one person, already split from any others) looks like a name, and if not why. */
export function checkPersonName(candidate: string): NameCheck {
  const name = candidate.trim();
  if (name === '') return { ok: false, reason: 'the name is empty' };
  if (/\d/u.test(name)) return { ok: false, reason: `${name} contains digits` };
  const common = COMMON_WORDS.find((word) => name.includes(word));
  if (common !== undefined) return { ok: false, reason: common === name ? `${name} is a common word, not a name` : `${name} contains the common word ${common}` };
  if (HAN.test(name)) {
    if (namesAnOrganisation(name)) return { ok: false, reason: `${name} names an organisation, not a person` };
    if (PHRASE_CHARACTER.test(name.slice(1))) return { ok: false, reason: `${name} reads as a phrase, not a name` };
    return hanNameShape(name);
  }
  if (TRANSLITERATED.test(name)) return { ok: true };
  if (/\p{Script=Han}/u.test(name)) return { ok: false, reason: `${name} mixes Chinese characters with punctuation or letters` };
  if (LATIN_NAME.test(name)) return { ok: true };
  if (/^[\p{L}\s'’.-]+$/u.test(name)) return { ok: false, reason: `${name} is not written as a name (capitalised words); it looks like a user name` };
  return { ok: false, reason: `${name} contains punctuation` };
}

/** `新华社`, `人民日报`, `医技药剂党支部`: a byline that credits an organisation, which is not a person. */
export function namesAnOrganisation(candidate: string): boolean {
  return HAN.test(candidate) && [...candidate].length >= 3 && ORGANISATION_ENDING.test(candidate);
}

export function isPersonName(candidate: string): boolean {
  return checkPersonName(candidate).ok;
}

/**
 * The people in a run of names: `张三、李四`, `张三，李四`, `张三 李四`, `张三&李四`, and
 * `张三和李四` / `张三与李四` where both sides are names (so `王和平` stays one person).
 * Latin names keep their inner spaces: `Demi Xia、John Smith`.
 */
export function splitPeople(text: string): string[] {
  const people: string[] = [];
  for (const part of text.split(/[、，,；;&＆/／]+/u)) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const pieces = /\p{Script=Han}/u.test(trimmed) ? trimmed.split(/[\s\u3000]+/u) : [trimmed];
    for (const piece of pieces) people.push(...splitOnConjunction(piece));
  }
  return people;
}

function splitOnConjunction(text: string): string[] {
  for (let index = 1; index < text.length - 1; index++) {
    const char = text[index];
    if (char !== '和' && char !== '与' && char !== '及') continue;
    const [left, right] = [text.slice(0, index), text.slice(index + 1)];
    if (isPersonName(left) && (isPersonName(right) || /[和与及]/u.test(right))) {
      const rest = splitOnConjunction(right);
      if (rest.every(isPersonName)) return [left, ...rest];
    }
  }
  return [text];
}
