/**
 * Bylines as Chinese news pages print them: `记者 张三 李四`, `扬子晚报记者 张楠`,
 * `（记者唐霁）` after a dateline, `编辑 刘晓阳 校对 李铭`, `责任编辑：杨倩_NF4425`.
 *
 * Names come only from evidence (issue 17): what follows a role label, outside link text,
 * and only when `person-name.ts` finds the shape of a name. A byline with a candidate that
 * fails is not used at all (the caller notes it, quoting the line): a half-read byline is
 * more likely misread than half right.
 */
import { checkPersonName, namesAnOrganisation, splitPeople } from './person-name.ts';
import type { ImportedCredit } from './types.ts';

/** Roles as printed, longer first so 特约记者 is not read as 记者. `作者`/`文` credit the writer. */
const ROLES = ['特约记者', '见习记者', '实习记者', '摄影记者', '首席记者', '记者', '特约通讯员', '通讯员', '实习生', '摄影', '摄像', '责任编辑', '编辑', '校对', '作者', '撰文', '执笔', '采写', '文'];
const ROLE_PATTERN = ROLES.join('|');
/** Roles that may run straight into a name (`记者唐霁`); the lone `文` may not, or `李文华` would split. */
const JOINED_ROLE_PATTERN = ROLES.filter((role) => role !== '文').join('|');
/** How a printed role is credited: the writer's many labels are one role. */
const CREDITED_AS: Record<string, string> = { 撰文: '作者', 文: '作者', 执笔: '作者', 采写: '作者' };

/**
 * Words a byline holds in a name's place that mean "no person" or describe the work
 * (`（记者陈智 整合）`, `作者：未知`, `作者：本站`): skipped without a note, since there is
 * nobody for an editor to add.
 */
const NO_PERSON = new Set(['等', '等人', '图', '整合', '综合', '整理', '报道', '编译', '摄', '发自', '联合报道', '图文', '文字', '视频', '制图', '供图', '原创', '出品', '监制', '策划', '未知', '佚名', '不详', '暂无', '匿名', '网络', '网络整理', '综合整理', '本站', '本网', '本报', '本刊', '小编', '管理员', '系统管理员', 'admin', '编辑部', '本站原创', '本站编辑']);

/** Strips a CMS staff code: `杨倩_NF4425` → `杨倩`, `姚立伟_NT6056` → `姚立伟`. */
export function stripStaffCode(name: string): string {
  return name.replace(/[_\s]*[A-Za-z]{1,4}\d{2,}$/, '').replace(/_+$/, '').trim();
}

/** A candidate that stood where a name would, and why it was not taken as one. */
export interface RejectedName {
  candidate: string;
  reason: string;
  /** The role it would have been credited with: 责任编辑 rejections are the editor's notes. */
  role: string;
}

export interface ParsedByline {
  credits: ImportedCredit[];
  /** 责任编辑, if the byline carries it. */
  editors: string[];
  /** Candidates after a role that are not names: the byline must not be used as it stands. */
  rejected: RejectedName[];
  /** Tokens before any role: the line may be prose rather than a byline. */
  unread: string[];
}

function emptyByline(): ParsedByline {
  return { credits: [], editors: [], rejected: [], unread: [] };
}

/** Whether a candidate means nobody in particular (未知, 本站, an organisation): skipped silently. */
function isNoPerson(candidate: string): boolean {
  return NO_PERSON.has(candidate) || NO_PERSON.has(candidate.toLowerCase()) || namesAnOrganisation(candidate) || candidate.endsWith('供稿')
    // Where the reporter filed from: `（记者 张三 北京报道）`, `（记者 李四 北京1日电）`.
    || /^\p{Script=Han}{1,8}(?:报道|\d{1,2}日电)$/u.test(candidate);
}

/** A date, a time or a count: the byline has ended and the header's next field begun. */
const NOT_A_WORD = /^[\d:：.\-/年月日时分次]+$/;

/** Checks each person in `token` and files them under `role`. */
function credit(result: ParsedByline, token: string, role: string): void {
  for (const person of splitPeople(token)) {
    const name = stripStaffCode(person);
    if (name === '' || isNoPerson(name)) continue;
    const check = checkPersonName(name);
    if (!check.ok) result.rejected.push({ candidate: name, reason: check.reason, role });
    else if (role === '责任编辑') result.editors.push(name);
    else result.credits.push({ name, role });
  }
}

const LATIN_TOKEN = /^[A-Za-z][A-Za-z.'’-]*$/;

/**
 * Reads a byline into credits. Each role applies to the names after it until the next
 * role; a role may carry an organisation before it (`澎湃新闻记者`, `职工通讯员`).
 */
export function parseByline(text: string): ParsedByline {
  const result = emptyByline();
  let role: string | undefined;
  // Put a break after every role word so `记者唐霁` and `编辑：刘晓阳` split the same way.
  const spaced = text.replace(new RegExp(`(${JOINED_ROLE_PATTERN})\\s*[:：/／|｜]?\\s*`, 'g'), '$1 ');
  const tokens = spaced.split(/[\s、，,;；/／|｜()（）【】[\]&＆]+/u).map((raw) => raw.replace(/^[:：]+|[:：]+$/g, '').trim()).filter((token) => token !== '');
  // A Latin name is written with spaces: `Demi Xia` is one person.
  const joined: string[] = [];
  for (const token of tokens) {
    const previous = joined.at(-1);
    if (previous !== undefined && LATIN_TOKEN.test(token) && /^[A-Za-z][A-Za-z.'’\s-]*$/.test(previous) && !new RegExp(`(?:${ROLE_PATTERN})$`).test(previous)) joined[joined.length - 1] = `${previous} ${token}`;
    else joined.push(token);
  }
  for (let token of joined) {
    const roleMatch = new RegExp(`^(.{0,10}?)(${ROLE_PATTERN})$`).exec(token);
    if (roleMatch && !(roleMatch[2] === '文' && roleMatch[1] !== '')) {
      role = CREDITED_AS[roleMatch[2]!] ?? roleMatch[2];
      continue;
    }
    if (NOT_A_WORD.test(token)) break;
    token = stripStaffCode(token);
    if (token.endsWith('摄') && token.length > 2 && checkPersonName(token.slice(0, -1)).ok) {
      result.credits.push({ name: token.slice(0, -1), role: '摄影' });
      continue;
    }
    if (isNoPerson(token) || /^发自/.test(token)) {
      // `医技药剂党支部、药剂科供稿`: the contributing departments, not people.
      if (token.endsWith('供稿')) result.unread.length = 0;
      continue;
    }
    if (role === undefined) {
      result.unread.push(token);
      continue;
    }
    credit(result, token, role);
  }
  return result;
}

/** A line that is nothing but a byline: it starts with a role and is short. */
const BYLINE_LINE = new RegExp(`^[（(【\\[]?\\s*(?:.{0,24}?供稿\\s+)?(?:本报|本网|新华社|央视|中新社|.{0,10}?)?(?:${ROLE_PATTERN})\\s*[:：/／|｜]?\\s*\\S`);
/** A role followed by a separator: a label, not a role word running into prose (`记者了解到`). */
const EXPLICIT_LABEL = new RegExp(`(?:${ROLE_PATTERN})\\s*[:：/／|｜\\s]`);

/**
 * The credits of a line that holds only a byline, or undefined when the line is prose.
 * Every token must read as a role or a name, so a sentence mentioning 记者 is not a byline;
 * a labelled byline whose candidates fail the name check comes back with them `rejected`.
 */
export function bylineOfLine(line: string): ParsedByline | undefined {
  if (line.length > 60 || !BYLINE_LINE.test(line)) return undefined;
  if (/[。！？]/.test(line)) return undefined;
  const parsed = parseByline(line);
  if (parsed.unread.length > 0) return undefined;
  if (parsed.credits.length + parsed.editors.length === 0 && (parsed.rejected.length === 0 || !EXPLICIT_LABEL.test(line))) return undefined;
  return parsed;
}

/** The byline in brackets after a dateline: `新华社巴黎12月9日电（记者唐霁）`, `（职工通讯员 李琴雯 刘会）`. */
const DATELINE_BYLINE = new RegExp(`^(?:.{0,30}?(?:讯|电|消息|报道))?\\s*[（(]\\s*((?:[^（）()]{0,12}?)(?:${ROLE_PATTERN})[^（）()]{1,60})[）)]`);

export function bylineInLead(paragraph: string): (ParsedByline & { quote: string }) | undefined {
  const match = DATELINE_BYLINE.exec(paragraph);
  if (!match?.[1]) return undefined;
  const parsed = parseByline(match[1]);
  return parsed.credits.length + parsed.editors.length + parsed.rejected.length > 0 ? { ...parsed, quote: match[0] } : undefined;
}

/**
 * Where a name's value in a header line stops: the next field (来源, 浏览 …), a field
 * separator (`|`, an ideographic space, a run of spaces) or a date.
 */
const OTHER_FIELD = /(?:\s*(?:来源|出处|来自|时间|发布时间|发布日期|日期|字号|浏览|浏览次数|阅读|点击|人气|评论|分享|责任编辑|责编)\s*[:：]?|[|｜\u3000]|\s{2,}|\d).*$/;

/**
 * The bylines inside a header line that holds several fields: `2019-09-26 12:11来源：证券时报网
 * 作者：李在山`, `… | 来源CSDN | 作者魏星`. A role counts as a label when a colon follows it
 * or it starts a field (after a space or a separator), so `本文仅代表作者本人观点` is prose.
 */
export function bylinesInHeaderLine(text: string): ParsedByline | undefined {
  const label = new RegExp(`(?:^|(?<=[\\s|｜】\\]）)]))(?:${ROLE_PATTERN})(?!\\s*[:：])|(?:${JOINED_ROLE_PATTERN})\\s*[:：]`, 'g');
  const labels = [...text.matchAll(label)].map((match) => ({ text: match[0], start: match.index, end: match.index + match[0].length }));
  if (labels.length === 0) return undefined;
  const result = emptyByline();
  labels.forEach((found, index) => {
    const value = text.slice(found.end, labels[index + 1]?.start ?? text.length).replace(OTHER_FIELD, '');
    const parsed = parseByline(`${found.text} ${value}`);
    // A role word starting a field without a colon (`| 作者魏星`) is only a label when a name follows.
    if (!/[:：]$/.test(found.text) && parsed.rejected.length > 0) return;
    result.credits.push(...parsed.credits);
    result.editors.push(...parsed.editors);
    result.rejected.push(...parsed.rejected);
  });
  return result.credits.length + result.editors.length + result.rejected.length > 0 ? result : undefined;
}

/** `责任编辑：杨倩_NF4425`, `（责任编辑：霍琦 ）`, `(责编：汤诗瑶、丁涛)` (people.cn), `责编|陈梦莹` (thepaper). */
const EDITOR_LINE = /(?:责任编辑|责编)\s*[:：|｜]?\s*([^）)\]】|｜\n]{0,40})/;

/**
 * The people a 责任编辑 label names, each checked. The value stops at the next field
 * (`责任编辑：张珺 澎湃新闻报料：…`); staff codes and placeholders (系统管理员) are dropped.
 */
export function editorsIn(text: string): { editors: string[]; rejected: RejectedName[] } | undefined {
  const match = EDITOR_LINE.exec(text);
  if (!match) return undefined;
  const words: string[] = [];
  for (const word of (match[1] ?? '').trim().split(/\s+/)) {
    if (/[:：]/.test(word)) break;
    words.push(word);
  }
  const parsed = emptyByline();
  credit(parsed, words.join(' '), '责任编辑');
  return { editors: parsed.editors, rejected: parsed.rejected };
}

/** An editor line as a byline: its 责任编辑 and the candidates that failed. */
export function editorLineOf(text: string): ParsedByline | undefined {
  const found = editorsIn(text);
  return found ? { credits: [], editors: found.editors, rejected: found.rejected, unread: [] } : undefined;
}

/** thepaper's header byline: `石佳/中国青年报` — the writer's names, then the publication. */
export const SLASH_BYLINE = /^([\p{Script=Han}·]{2,6}(?:\s[\p{Script=Han}·]{2,6}){0,3})\s*[/／]\s*([^\s/／]{2,20})$/u;

export function slashByline(text: string): ParsedByline | undefined {
  const match = SLASH_BYLINE.exec(text.trim());
  // `执笔/叨叨姐、胡一刀` is a role and its names, read by `bylineOfLine`.
  if (!match || new RegExp(`^(?:${ROLE_PATTERN})$`).test(match[1]!)) return undefined;
  const parsed = emptyByline();
  for (const name of match[1]!.split(/\s+/)) credit(parsed, name, '作者');
  return parsed;
}
