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
  name: nonBlank('source.name'),
  /** The original address of the article, when known. */
  url: z.url({ error: 'source.url must be a full address starting with http:// or https://' }).optional(),
});

/** A person credited on the article, with their role in it. */
export const creditSchema = z.strictObject({
  /** The person's name as printed: `艾哲`. */
  name: nonBlank('name'),
  /** Their role in this article: 记者, 通讯员, 摄影, 编辑, 校对, 实习生 … */
  role: nonBlank('role'),
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
  }),
  /** The caption, verbatim from the source. */
  caption: nonBlank('caption'),
  /** Path of the image file relative to the article file; optional because archives often keep a caption whose photo is lost. */
  image: image.optional(),
  /** Text alternative for the photo; falls back to the caption. */
  alt: z.string().optional(),
  /** Photographer or agency: `摄影 李明`. */
  credit: z.string().optional(),
});

/**
 * A correction (更正) published after the article: the date it was made, validated like
 * `date`, and what was corrected, in a sentence readers see under the article.
 */
export const correctionSchema = z.strictObject({
  /** When the correction was made: `2017-10-18T10:00+08:00`, or a date alone. */
  date: publishedDateSchema,
  /** What was wrong and what is right: `原文“1226个”应为“1306个”。` */
  text: nonBlank('correction text'),
});

export const createArticleSchema = <Image extends z.ZodType>(image: Image) => z.strictObject({
  /** Headline, verbatim. */
  title: nonBlank('title'),
  /**
   * Permalink slug: the article lives at `/articles/<slug>/`. Defaults to the file name
   * without `.mdx`. Lower-case ASCII letters, digits and hyphens; unique across the archive.
   */
  slug: z
    .string()
    .refine(isValidSlug, {
      message: `slug must match ${SLUG_PATTERN.source} (lower-case ASCII letters, digits, single hyphens; at most 120 characters), for example shaoyang-party-building-2017`,
    })
    .optional(),
  date: publishedDateSchema,
  /** The publication it comes from: a name alone, or `{ name, url }`. */
  source: z.union([nonBlank('source').transform((name): { name: string; url?: string } => ({ name })), sourceSchema], {
    error: 'source must be the publication name, or name: and url: on their own lines',
  }),
  /** Bylines in the order printed, each with its role. Several people may share a role. */
  authors: z.array(creditSchema, { error: 'authors must be a list of entries with name: and role:' }).default([]),
  /** 责任编辑: the editor responsible for the page. */
  editor: nonBlank('editor').optional(),
  /** Photos and captions, placed in the body with `<Figure id="…" />`. */
  figures: z.array(createFigureSchema(image), { error: 'figures must be a list of entries with id: and caption:' }).default([]),
  /** One or two sentences for listings and feeds; the lead is used when absent. */
  summary: nonBlank('summary').optional(),
  /** The newspaper section or column: 时政, 经济, 党建 … */
  section: nonBlank('section').optional(),
  /** Topics, free text. */
  tags: z.array(nonBlank('tag')).default([]),
  /**
   * 更正: corrections, each with its date and text, shown under the article. The latest
   * correction date is the article's `dateModified` (JSON-LD, sitemap, Atom `updated`).
   */
  corrections: z.array(correctionSchema, { error: 'corrections must be a list of entries with date: and text:' }).default([]),
  /** A draft is validated but never published anywhere. */
  draft: z.boolean({ error: 'draft must be true or false' }).default(false),
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
