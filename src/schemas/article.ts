/**
 * The article frontmatter, field by field. One definition: the content collection,
 * `npm run lint:content`, the importer and `npm run new` all validate with this schema.
 *
 * Frontmatter reaches the schema as YAML 1.2 core-schema data (see `src/lib/frontmatter.ts`):
 * dates are the strings the editor wrote, never JavaScript `Date`s.
 */
import { z } from 'astro/zod';
import { parsePublishedDate } from '../lib/dates.ts';
import { isValidSlug, SLUG_PATTERN } from '../lib/permalinks.ts';
import { siteConfig } from '../site.config.ts';

/**
 * What the web editor (`npm run cms`, src/lib/cms-config.ts) shows for a field: its label
 * and the hint under it, in the newsroom's language. Kept on the field itself so the
 * editor's form is generated from this schema and cannot drift from it; `multiline` asks
 * for a text area instead of a one-line input.
 */
const editorText = (title: string, description: string, options: { multiline?: boolean; pattern?: [string, string] } = {}) => ({ title, description, ...options });

/** What the web editor accepts as a date before the schema's own check: a day, or a time with its offset. */
const WRITTEN_DATE = ['^\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?\\s*(?:Z|[+-]\\d{2}:?\\d{2}))?$', '写成 2017-10-17T09:41+08:00（时间要带时区），或只写日期 2017-10-17'] as [string, string];

const nonBlank = (what: string) =>
  z.string({ error: `${what} must be text` }).refine((text) => text.trim().length > 0, {
    message: `${what} is empty; write it out or remove the field`,
  });

/**
 * Publication date and time, with the UTC offset where it was published:
 * `2017-10-17T09:41+08:00`. A date alone (`2017-10-17`) is valid and means that day in
 * the site's time zone; such articles are shown without a time.
 */
export const publishedDateSchema = z
  .string({ error: 'date must be written as text such as 2017-10-17T09:41+08:00 (quote it if YAML reads it as something else)' })
  .transform((text, context) => {
    const result = parsePublishedDate(text, siteConfig.timeZone);
    if (!result.ok) {
      context.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });

/** Where the article was first published. */
export const sourceSchema = z.strictObject({
  /** The publication's name as it signs the article: `邵阳新闻在线`. */
  name: nonBlank('source.name').meta(editorText('媒体名称', '署名的媒体，如 邵阳新闻在线')),
  /** The original address of the article, when known. */
  url: z.url({ error: 'source.url must be a full address starting with http:// or https://' }).optional().meta(editorText('原文地址', '以 http:// 或 https:// 开头；不知道可不填')),
});

/** A person credited on the article, with their role in it. */
export const creditSchema = z.strictObject({
  /** The person's name as printed: `艾哲`. */
  name: nonBlank('name').meta(editorText('姓名', '照原文，不带工号')),
  /** Their role in this article: 记者, 通讯员, 摄影, 编辑, 校对, 实习生 … */
  role: nonBlank('role').meta(editorText('角色', '记者、通讯员、摄影、编辑、校对、实习生……')),
});

/**
 * A figure: a caption, and the photo when the archive still has it. `image` is the schema
 * of the photo reference: a path string for the tools, Astro's `image()` in the site so the
 * photo goes through the image pipeline.
 */
export const createFigureSchema = <Image extends z.ZodType>(image: Image) => z.strictObject({
  /** Short ASCII name the body uses to place the figure: `<Figure id="lead" />`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
    message: 'figure id must be lower-case ASCII letters, digits and hyphens, such as lead or photo-2',
  }).meta(editorText('图片代号', '英文小写短名，如 lead、photo-2；正文里用 <Figure id="代号" /> 把图放在原来的位置')),
  /** The caption, verbatim from the source. */
  caption: nonBlank('caption').meta(editorText('图片说明', '照原文', { multiline: true })),
  /** Path of the image file relative to the article file; optional because archives often keep a caption whose photo is lost. */
  image: image.optional().meta(editorText('照片', '照片文件与文章放在同一文件夹；照片已遗失时可只留说明')),
  /** Text alternative for the photo; falls back to the caption. */
  alt: z.string().optional().meta(editorText('替代文字', '给看不到图片的读者；不填则用图片说明')),
  /** Photographer or agency: `摄影 李明`. */
  credit: z.string().optional().meta(editorText('摄影署名', '如 摄影 李明')),
});

/**
 * A correction (更正) published after the article: the date it was made, validated like
 * `date`, and what was corrected, in a sentence readers see under the article.
 */
export const correctionSchema = z.strictObject({
  /** When the correction was made: `2017-10-18T10:00+08:00`, or a date alone. */
  date: publishedDateSchema.meta(editorText('更正日期', '写法同发布时间：2017-10-18T10:00+08:00，或只写日期 2017-10-18', { pattern: WRITTEN_DATE })),
  /** What was wrong and what is right: `原文“1226个”应为“1306个”。` */
  text: nonBlank('correction text').meta(editorText('更正内容', '如：原文“1226个”应为“1306个”。', { multiline: true })),
});

export const createArticleSchema = <Image extends z.ZodType>(image: Image) => z.strictObject({
  /** Headline, verbatim. */
  title: nonBlank('title').meta(editorText('标题', '照原文')),
  /**
   * Permalink slug: the article lives at `/articles/<slug>/`. Defaults to the file name
   * without `.mdx`. Lower-case ASCII letters, digits and hyphens; unique across the archive.
   */
  slug: z
    .string()
    .refine(isValidSlug, {
      message: `slug must match ${SLUG_PATTERN.source} (lower-case ASCII letters, digits, single hyphens; at most 120 characters), for example shaoyang-party-building-2017`,
    })
    .optional()
    .meta(editorText('永久链接', '文章网址 /articles/链接/ 的最后一段：小写英文字母、数字和连字符，如 shaoyang-party-building-2017；发布后不要再改', { pattern: [SLUG_PATTERN.source, '只能用小写英文字母、数字和单个连字符，如 shaoyang-party-building-2017'] })),
  date: publishedDateSchema.meta(editorText('发布时间', '带时区：2017-10-17T09:41+08:00；只知道日期时写 2017-10-17', { pattern: WRITTEN_DATE })),
  /** The publication it comes from: a name alone, or `{ name, url }`. */
  source: z.union([nonBlank('source').transform((name): { name: string; url?: string } => ({ name })), sourceSchema], {
    error: 'source must be the publication name, or name: and url: on their own lines',
  }).meta(editorText('来源', '首发的媒体')),
  /** Bylines in the order printed, each with its role. Several people may share a role. */
  authors: z.array(creditSchema, { error: 'authors must be a list of entries with name: and role:' }).default([]).meta(editorText('署名', '按原文顺序，每人一项，带角色；同一角色可有多人')),
  /** 责任编辑: the editor responsible for the page. */
  editor: nonBlank('editor').optional().meta(editorText('责任编辑', '一人，不带工号')),
  /** Photos and captions, placed in the body with `<Figure id="…" />`. */
  figures: z.array(createFigureSchema(image), { error: 'figures must be a list of entries with id: and caption:' }).default([]).meta(editorText('图片', '每张图在正文里用 <Figure id="代号" /> 单独一行放一次')),
  /** One or two sentences for listings and feeds; the lead is used when absent. */
  summary: nonBlank('summary').optional().meta(editorText('摘要', '列表和订阅里显示的一两句话；不填则用导语', { multiline: true })),
  /** The newspaper section or column: 时政, 经济, 党建 … */
  section: nonBlank('section').optional().meta(editorText('栏目', '如 时政、经济、党建')),
  /** Topics, free text. */
  tags: z.array(nonBlank('tag')).default([]).meta(editorText('主题词', '用逗号分隔')),
  /**
   * 更正: corrections, each with its date and text, shown under the article. The latest
   * correction date is the article's `dateModified` (JSON-LD, sitemap, Atom `updated`).
   */
  corrections: z.array(correctionSchema, { error: 'corrections must be a list of entries with date: and text:' }).default([]).meta(editorText('更正', '每条写日期和说明，显示在文章下方')),
  /** A draft is validated but never published anywhere. */
  draft: z.boolean({ error: 'draft must be true or false' }).default(false).meta(editorText('草稿', '草稿会被检查，但不会出现在网站任何地方')),
});

/** The schema as the tools use it: figure images are paths relative to the article file. */
export const articleSchema = createArticleSchema(z.string());
export const figureSchema = createFigureSchema(z.string());

export type ArticleFrontmatter = z.input<typeof articleSchema>;
export type Article = z.output<typeof articleSchema>;
export type Credit = z.output<typeof creditSchema>;
export type Figure = z.output<typeof figureSchema>;
export type Correction = z.output<typeof correctionSchema>;

/** The fields an article file must have, in the order the tools write them. */
export const ARTICLE_FIELDS = Object.keys(articleSchema.shape) as (keyof Article)[];
