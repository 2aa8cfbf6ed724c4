/**
 * A site profile, field by field (issue 17, item 3): what a newsroom writes once about its
 * old CMS's article template so the importer reads every page of that site the same way.
 * One definition: `npm run import -- --profile FILE`, its tests and `docs/editing.md`'s
 * example are all checked with this schema.
 *
 * Every field but `name` and `match` is optional; a field the profile leaves out is found
 * by the importer's own rules, as for any other site. A field given as a string is a CSS
 * selector (`date: .info .pubDate`); as a mapping it may add a `pattern`, a regular
 * expression whose first group is the value (`pattern: 发布日期[:：]\s*(\S+)`).
 */
import * as cheerio from 'cheerio';
import { z } from 'astro/zod';

const emptyPage = cheerio.load('');

const nonBlank = (what: string, example: string) =>
  z.string({ error: `${what} must be text, such as ${example}` }).refine((text) => text.trim() !== '', { message: `${what} is empty; write it, such as ${example}, or remove the field` });

/** A CSS selector cheerio can run: `.info .pubDate span`, `#content`. */
const selectorSchema = nonBlank('selector', '.info .pubDate').superRefine((text, context) => {
  try {
    emptyPage(text);
  } catch (error) {
    context.addIssue({ code: 'custom', message: `"${text}" is not a CSS selector cheerio can run (${(error as Error).message.split('\n')[0]}); write one such as .info .pubDate or #content` });
  }
});

/** A JavaScript regular expression with one group for the value. */
const patternSchema = nonBlank('pattern', '发布日期[:：]\\s*(\\S+)').superRefine((text, context) => {
  let pattern: RegExp;
  try {
    pattern = new RegExp(text, 'u');
  } catch (error) {
    context.addIssue({ code: 'custom', message: `not a regular expression (${(error as Error).message}); write one such as 发布日期[:：]\\s*(\\S+), quoted if it holds a colon and a space` });
    return;
  }
  // An alternation plus an empty match tells how many groups there are without matching anything real.
  const groups = (new RegExp(`${pattern.source}|`, 'u').exec('') ?? []).length - 1;
  if (groups < 1) context.addIssue({ code: 'custom', message: `"${text}" has no group; put the value in parentheses, such as 发布日期[:：]\\s*(\\S+)` });
});

const ruleFields = {
  /** Where the field is printed on the page. */
  selector: selectorSchema,
  /** Applied to that element's text; the first group is the value. Without it, the whole text. */
  pattern: patternSchema.optional(),
};

/** A string is shorthand for `{ selector: … }`. */
const shorthand = (value: unknown) => (typeof value === 'string' ? { selector: value } : value);

export const fieldRuleSchema = z.preprocess(shorthand, z.strictObject(ruleFields));

export const siteProfileSchema = z.strictObject({
  /** What the profile is for, as the report names it: `中国载人航天官方网站 (TRS)`. */
  name: nonBlank('name', '邵阳新闻在线 CMS'),
  /**
   * Which pages it is for: hosts (`cmse.gov.cn` also matches `www.cmse.gov.cn`;
   * `*.cmse.gov.cn` any subdomain) and paths inside the imported folder, as globs
   * (`www.cmse.gov.cn/**`, `*__cmse__*.html`). A page matches if either matches.
   */
  match: z.strictObject({
    hosts: z.array(nonBlank('a host', 'cmse.gov.cn')).optional(),
    paths: z.array(nonBlank('a path', 'www.cmse.gov.cn/**')).optional(),
  }, { error: 'match must be a mapping with hosts: and/or paths:, such as match: { hosts: [cmse.gov.cn] }' })
    .refine((match) => (match.hosts?.length ?? 0) + (match.paths?.length ?? 0) > 0, { message: 'match names no host and no path, so the profile would apply to no page; add hosts: [example.cn] or paths: ["example.cn/**"]' }),
  /** The headline. */
  title: fieldRuleSchema.optional(),
  /** The publication date as printed (`2021-01-05`, `2017年10月17日 09:41`). */
  date: fieldRuleSchema.optional(),
  /**
   * Where the article was first published. `site:` says the site itself is the source when
   * a page prints none: its name is used instead of sending the page to review.
   */
  source: z.preprocess(shorthand, z.strictObject({
    selector: selectorSchema.optional(),
    pattern: patternSchema.optional(),
    site: nonBlank('source.site', '中国载人航天官方网站').optional(),
  })).refine((source) => source.selector !== undefined || source.site !== undefined, { message: 'source needs a selector: (where the page prints its source) or site: (the site\'s own name, when the site itself is the source)' })
    .refine((source) => source.pattern === undefined || source.selector !== undefined, { message: 'source.pattern needs a selector: to read from; add selector: or remove pattern:' })
    .optional(),
  /**
   * The byline. Names still pass the importer's name check; a byline without a role label
   * (`<span class="author">张三</span>`) credits its names with `role` (default 作者).
   */
  byline: z.preprocess(shorthand, z.strictObject({ ...ruleFields, role: nonBlank('byline.role', '记者').optional() })).optional(),
  /** 责任编辑. */
  editor: fieldRuleSchema.optional(),
  /** The element that holds the article text. */
  body: fieldRuleSchema.optional(),
  /** Photo captions inside the body: each is kept with the photo before it. */
  captions: fieldRuleSchema.optional(),
  /** The pager: its numbered links lead to the article's further pages. */
  pagination: fieldRuleSchema.optional(),
});

export type SiteProfileData = z.infer<typeof siteProfileSchema>;
export type FieldRule = z.infer<typeof fieldRuleSchema>;
