/**
 * The web editor's configuration (Decap CMS, `npm run cms`, docs/editing.md), generated
 * from the article schema: every field, its widget, whether it is required, its label and
 * hint come from `src/schemas/article.ts` (labels and hints are the fields' `.meta()`), so
 * the form cannot drift from what the build accepts. A field the generator cannot show
 * (no label, a type it has no widget for) stops it with a message naming the field.
 *
 * Two collections share the fields: the published articles under `articles/YYYY/MM/`, and
 * the review queue `articles/_review/` where the importer leaves articles it could not
 * complete. The queue's date and source are optional (that is why the files are there)
 * and it has one field of the editor's own, `publish`, which the local backend reads and
 * never writes (src/lib/cms-backend.ts).
 */
import { z } from 'astro/zod';
import { articleSchema } from '../schemas/article.ts';

/** One Decap CMS field. */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  pattern?: [string, string];
  default?: unknown;
  fields?: CmsField[];
  /** A list of plain strings is edited as comma-separated text. */
  allow_add?: boolean;
  collapsed?: boolean;
  summary?: string;
  choose_url?: boolean;
}

export interface CmsCollection {
  name: string;
  label: string;
  label_singular: string;
  description: string;
  folder: string;
  path?: string;
  extension: 'mdx';
  format: 'frontmatter';
  create: boolean;
  delete: boolean;
  slug: string;
  identifier_field: string;
  summary: string;
  sortable_fields: string[];
  media_folder: string;
  public_folder: string;
  fields: CmsField[];
}

export type CmsBackend =
  | { name: 'proxy'; proxy_url: string; branch: string }
  | { name: 'github'; repo: string; branch: string; base_url?: string; auth_endpoint?: string };

/**
 * The editor's commit messages all start with `cms: `, so CI can tell its commits from
 * hand edits (`npm run cms:repatch` replays only those; docs/editing.md, GitHub mode).
 */
export const COMMIT_PREFIX = 'cms: ';
const COMMIT_MESSAGES = {
  create: `${COMMIT_PREFIX}create {{collection}} {{slug}}`,
  update: `${COMMIT_PREFIX}update {{collection}} {{slug}}`,
  delete: `${COMMIT_PREFIX}delete {{collection}} {{slug}}`,
  uploadMedia: `${COMMIT_PREFIX}upload {{path}}`,
  deleteMedia: `${COMMIT_PREFIX}delete {{path}}`,
};

export interface CmsConfig {
  backend: CmsBackend & { commit_messages: typeof COMMIT_MESSAGES };
  locale: string;
  publish_mode: 'simple';
  /** The preview pane would render Markdown, not the site's MDX: the built page is the preview. */
  editor: { preview: boolean };
  media_folder: string;
  public_folder: string;
  slug: { encoding: 'ascii'; clean_accents: boolean; sanitize_replacement: string };
  collections: CmsCollection[];
}

/** The field of the review collection that publishes the article on save; never written to a file. */
export const PUBLISH_FIELD = 'publish';
/** The body, as Decap CMS names the text after the frontmatter. */
export const BODY_FIELD = 'body';
/** The widget registered by the editor page (src/cms/mdx-body-widget.js) that edits MDX as plain text. */
export const BODY_WIDGET = 'mdx-body';

/** Where the collections live, relative to the repository (GitHub mode) or the local backend's root. */
export const ARTICLES_FOLDER = 'content/articles';
export const REVIEW_FOLDER_PATH = `${ARTICLES_FOLDER}/_review`;

interface FieldMeta {
  title?: string;
  description?: string;
  multiline?: boolean;
  pattern?: [string, string];
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  checks?: { _zod: { def: { check?: string; format?: string; pattern?: RegExp } } }[];
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

export class CmsConfigError extends Error {}

/** The schema under optional/default wrappers, with what they say; labels may sit on any layer. */
function unwrap(schema: z.ZodType): { core: z.ZodType; optional: boolean; defaultValue?: unknown; meta: FieldMeta } {
  let current = schema;
  let optional = false;
  let defaultValue: unknown;
  let meta: FieldMeta = {};
  for (;;) {
    meta = { ...(z.globalRegistry.get(current) as FieldMeta | undefined), ...meta };
    const def = defOf(current);
    if (def.type === 'optional' && def.innerType) {
      optional = true;
      current = def.innerType;
    } else if (def.type === 'default' && def.innerType) {
      optional = true;
      defaultValue = def.defaultValue;
      current = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      // A transform (the date) is edited as what the editor writes: its input.
      current = def.in;
    } else {
      return { core: current, optional, ...(defaultValue === undefined ? {} : { defaultValue }), meta };
    }
  }
}

/** The regular expression of a `z.string().regex()`, as a CMS pattern. */
function regexOf(schema: z.ZodType): RegExp | undefined {
  for (const check of defOf(schema).checks ?? []) {
    const def = check._zod.def;
    if (def.format === 'regex' && def.pattern) return def.pattern;
  }
  return undefined;
}

function fieldFor(name: string, schema: z.ZodType, path: string): CmsField {
  const { core, optional, defaultValue, meta } = unwrap(schema);
  if (!meta.title) {
    throw new CmsConfigError(`${path}: the schema field has no label for the web editor; add .meta(editorText('标签', '提示')) to it in src/schemas/article.ts`);
  }
  const base: CmsField = { name, label: meta.title, widget: 'string', ...(meta.description ? { hint: meta.description } : {}), ...(optional ? { required: false } : {}) };
  const def = defOf(core);
  const pattern = meta.pattern ?? (() => {
    const regex = regexOf(core);
    return regex ? ([regex.source, meta.description ?? ''] as [string, string]) : undefined;
  })();
  if (pattern) base.pattern = pattern;
  switch (def.type) {
    case 'string':
      return { ...base, widget: meta.multiline ? 'text' : 'string' };
    case 'boolean':
      return { ...base, widget: 'boolean', default: defaultValue ?? false };
    case 'object':
      return { ...base, widget: 'object', fields: fieldsOf(core, path) };
    case 'union': {
      // `source` is a name alone or { name, url }: the editor always shows the object; the
      // local backend writes the name alone back when the file had it so and no url is added.
      const object = (def.options ?? []).find((option) => defOf(unwrap(option).core).type === 'object');
      if (!object) throw new CmsConfigError(`${path}: a union without an object form has no widget in the web editor; extend fieldFor in src/lib/cms-config.ts`);
      return { ...base, widget: 'object', fields: fieldsOf(unwrap(object).core, path) };
    }
    case 'array': {
      const element = def.element;
      if (!element) throw new CmsConfigError(`${path}: array without element type`);
      const item = unwrap(element).core;
      const itemType = defOf(item).type;
      if (itemType === 'string') return { ...base, widget: 'list', default: [] };
      if (itemType === 'object') {
        const fields = fieldsOf(item, `${path}[]`);
        return { ...base, widget: 'list', collapsed: false, summary: `{{fields.${fields[0]?.name ?? 'name'}}}`, fields, default: [] };
      }
      throw new CmsConfigError(`${path}: a list of ${itemType} has no widget in the web editor; extend fieldFor in src/lib/cms-config.ts`);
    }
    default:
      throw new CmsConfigError(`${path}: a ${def.type} field has no widget in the web editor; extend fieldFor in src/lib/cms-config.ts`);
  }
}

function fieldsOf(object: z.ZodType, path: string): CmsField[] {
  const shape = defOf(object).shape ?? {};
  return Object.entries(shape).map(([name, schema]) => fieldFor(name, schema, path ? `${path}.${name}` : name));
}

/** Images are Decap's image widget, stored beside the article as the schema wants. */
function withImageWidget(fields: CmsField[]): CmsField[] {
  return fields.map((field) => {
    if (field.name === 'figures' && field.fields) {
      return { ...field, fields: field.fields.map((sub) => (sub.name === 'image' ? { ...sub, widget: 'image', choose_url: false } : sub)) };
    }
    return field;
  });
}

/** The article fields as the editor shows them, in the schema's order, then the body. */
export function articleFields(schema: z.ZodType = articleSchema): CmsField[] {
  const fields = withImageWidget(fieldsOf(schema, ''));
  // The permalink is asked for: new articles need one, and the CMS names files by it.
  // An existing article without `slug:` shows its file name (src/lib/cms-entry.ts).
  const slugged = fields.map((field) => (field.name === 'slug' ? { ...field, required: true } : field));
  return [
    ...slugged,
    { name: BODY_FIELD, label: '正文', widget: BODY_WIDGET, hint: '段落之间空一行；小标题以 ## 开头；图片用 <Figure id="代号" /> 单独一行放在原来的位置（可点上方按钮插入）。' },
  ];
}

/** The review queue's fields: what the importer may not have found is optional, and `publish` is added. */
export function reviewFields(fields: CmsField[] = articleFields()): CmsField[] {
  return [
    ...fields.map((field) => (field.name === 'date' || field.name === 'source' ? { ...field, required: false } : field)),
    {
      name: PUBLISH_FIELD,
      label: '审核完成，保存时发布',
      widget: 'boolean',
      required: false,
      default: false,
      hint: '勾选后保存：文章经与构建相同的检查，移到 articles/年/月/ 并出现在网站上。必须先补全发布时间和来源。',
    },
  ];
}

export interface CmsConfigOptions {
  backend: CmsBackend;
  /** Decap CMS's name for the interface language. */
  locale?: string;
}

export function cmsConfig(options: CmsConfigOptions, schema: z.ZodType = articleSchema): CmsConfig {
  const fields = articleFields(schema);
  const shared = {
    extension: 'mdx' as const,
    format: 'frontmatter' as const,
    delete: false,
    identifier_field: 'title',
    summary: '{{date}} · {{title}}',
    sortable_fields: ['date', 'title'],
    // Photos sit beside their article, as the schema's image paths expect.
    media_folder: '',
    public_folder: '',
  };
  return {
    backend: { ...options.backend, commit_messages: COMMIT_MESSAGES },
    locale: options.locale ?? 'zh_Hans',
    publish_mode: 'simple',
    editor: { preview: false },
    media_folder: `${ARTICLES_FOLDER}/_media`,
    public_folder: '',
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    collections: [
      {
        ...shared,
        name: 'articles',
        label: '文章',
        label_singular: '文章',
        description: '已发布的文章，按年/月存放。',
        folder: ARTICLES_FOLDER,
        path: '{{year}}/{{month}}/{{slug}}',
        create: true,
        slug: '{{fields.slug}}',
        fields,
      },
      {
        ...shared,
        name: 'review',
        label: '待审核',
        label_singular: '待审核文章',
        description: '导入时缺少发布时间或来源、尚未发布的文章。补全后勾选“审核完成，保存时发布”再保存。',
        folder: REVIEW_FOLDER_PATH,
        create: false,
        slug: '{{fields.slug}}',
        fields: reviewFields(fields),
      },
    ],
  };
}

/** Every field path a config shows (`authors.role`, `figures.image` …), for the drift test. */
export function configFieldPaths(fields: readonly CmsField[], prefix = ''): string[] {
  return fields.flatMap((field) => {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    return [path, ...(field.fields ? configFieldPaths(field.fields, path) : [])];
  });
}

/** Every field path the schema has, in the same form. */
export function schemaFieldPaths(schema: z.ZodType = articleSchema, prefix = ''): string[] {
  const { core } = unwrap(schema);
  const def = defOf(core);
  if (def.type === 'object') {
    return Object.entries(def.shape ?? {}).flatMap(([name, field]) => {
      const path = prefix ? `${prefix}.${name}` : name;
      return [path, ...schemaFieldPaths(field, path)];
    });
  }
  if (def.type === 'array' && def.element) return schemaFieldPaths(def.element, prefix);
  if (def.type === 'union') {
    const object = (def.options ?? []).find((option) => defOf(unwrap(option).core).type === 'object');
    return object ? schemaFieldPaths(object, prefix) : [];
  }
  return [];
}
