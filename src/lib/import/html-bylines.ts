/**
 * Bylines as Chinese news pages print them: `记者 张三 李四`, `扬子晚报记者 张楠`,
 * `（记者唐霁）` after a dateline, `编辑 刘晓阳 校对 李铭`, `责任编辑：杨倩_NF4425`.
 */
import type { ImportedCredit } from './types.ts';

/** Roles as printed, longer first so 特约记者 is not read as 记者. `作者`/`文` credit the writer. */
const ROLES = ['特约记者', '见习记者', '实习记者', '摄影记者', '首席记者', '记者', '特约通讯员', '通讯员', '实习生', '摄影', '摄像', '责任编辑', '编辑', '校对', '作者', '撰文', '文'];
const ROLE_PATTERN = ROLES.join('|');
/** Roles that may run straight into a name (`记者唐霁`); the lone `文` may not, or `李文华` would split. */
const JOINED_ROLE_PATTERN = ROLES.filter((role) => role !== '文').join('|');

/** Words that follow names in a byline but are not names: `（记者陈智 整合）`. */
const NOT_NAMES = new Set(['整合', '综合', '整理', '报道', '编译', '摄', '发自', '联合报道', '图文', '文字', '视频', '制图', '供图', '原创', '出品', '监制', '策划', '未知', '佚名', '网络', '网络整理', '本站', '本网', '小编', '管理员', '系统管理员', '最近文章', '一下']);

/** A person's name: two to four Han characters, or a transliterated name with `·`. */
const NAME = /^(?:\p{Script=Han}{2,4}|\p{Script=Han}{1,6}[·•][\p{Script=Han}·•]{1,12})$/u;

/** Strips a CMS staff code: `杨倩_NF4425` → `杨倩`, `姚立伟_NT6056` → `姚立伟`. */
export function stripStaffCode(name: string): string {
  return name.replace(/[_\s]*[A-Za-z]{1,4}\d{2,}$/, '').replace(/_+$/, '').trim();
}

export interface ParsedByline {
  credits: ImportedCredit[];
  /** 责任编辑, if the byline carries it. */
  editors: string[];
  /** Tokens that are neither a role nor a plausible name. */
  unread: string[];
}

/**
 * Reads a byline into credits. Each role applies to the names after it until the next
 * role; a role may carry an organisation before it (`澎湃新闻记者`, `职工通讯员`).
 */
export function parseByline(text: string): ParsedByline {
  const result: ParsedByline = { credits: [], editors: [], unread: [] };
  let role: string | undefined;
  // Put a break after every role word so `记者唐霁` and `编辑：刘晓阳` split the same way.
  const spaced = text.replace(new RegExp(`(${JOINED_ROLE_PATTERN})\\s*[:：/／|｜]?\\s*`, 'g'), '$1 ');
  for (const raw of spaced.split(/[\s、，,;；/／|｜()（）【】\[\]]+/)) {
    let token = raw.replace(/^[:：]+|[:：]+$/g, '').trim();
    if (token === '') continue;
    const roleMatch = new RegExp(`^(.{0,10}?)(${ROLE_PATTERN})$`).exec(token);
    if (roleMatch && !(roleMatch[2] === '文' && roleMatch[1] !== '')) {
      role = roleMatch[2] === '撰文' || roleMatch[2] === '文' || roleMatch[2] === '作者' ? '作者' : roleMatch[2];
      continue;
    }
    token = stripStaffCode(token);
    if (token.endsWith('摄') && token.length > 2 && NAME.test(token.slice(0, -1))) {
      result.credits.push({ name: token.slice(0, -1), role: '摄影' });
      continue;
    }
    if (NOT_NAMES.has(token)) continue;
    // `医技药剂党支部、药剂科供稿`: the contributing departments, not people.
    if (token.endsWith('供稿')) {
      result.unread.length = 0;
      continue;
    }
    if (role === undefined || !NAME.test(token)) {
      result.unread.push(token);
      continue;
    }
    if (role === '责任编辑') result.editors.push(token);
    else result.credits.push({ name: token, role });
  }
  return result;
}

/** A line that is nothing but a byline: it starts with a role and is short. */
const BYLINE_LINE = new RegExp(`^[（(【\\[]?\\s*(?:.{0,24}?供稿\\s+)?(?:本报|本网|新华社|央视|中新社|.{0,10}?)?(?:${ROLE_PATTERN})\\s*[:：/／|｜]?\\s*\\S`);

/**
 * The credits of a line that holds only a byline, or undefined when the line is prose.
 * Every token must read as a role or a name, so a sentence mentioning 记者 is not a byline.
 */
export function bylineOfLine(line: string): ParsedByline | undefined {
  if (line.length > 60 || !BYLINE_LINE.test(line)) return undefined;
  if (/[。！？]/.test(line)) return undefined;
  const parsed = parseByline(line);
  if (parsed.credits.length + parsed.editors.length === 0) return undefined;
  if (parsed.unread.length > 0) return undefined;
  return parsed;
}

/** The byline in brackets after a dateline: `新华社巴黎12月9日电（记者唐霁）`, `（职工通讯员 李琴雯 刘会）`. */
const DATELINE_BYLINE = new RegExp(`^(?:.{0,30}?(?:讯|电|消息|报道))?\\s*[（(]\\s*((?:[^（）()]{0,12}?)(?:${ROLE_PATTERN})[^（）()]{1,60})[）)]`);

export function bylineInLead(paragraph: string): ParsedByline | undefined {
  const match = DATELINE_BYLINE.exec(paragraph);
  if (!match?.[1]) return undefined;
  const parsed = parseByline(match[1]);
  return parsed.credits.length + parsed.editors.length > 0 ? parsed : undefined;
}

/** `责任编辑：杨倩_NF4425`, `（责任编辑：霍琦 ）`, `(责编：汤诗瑶、丁涛)` (people.cn). */
const EDITOR_LINE = /(?:责任编辑|责编)\s*[:：]?\s*([^）)\]】\n]{0,40})/;

export function editorsIn(text: string): string[] | undefined {
  const match = EDITOR_LINE.exec(text);
  if (!match) return undefined;
  const names: string[] = [];
  for (const raw of (match[1] ?? '').split(/[\s、，,;；/]+/)) {
    const name = stripStaffCode(raw.trim());
    if (name === '') continue;
    if (!NAME.test(name) || NOT_NAMES.has(name)) break;
    names.push(name);
  }
  return names;
}
