/**
 * Renders an article body (the MDX after the frontmatter) to HTML, without making it a
 * JavaScript module.
 *
 * Why not `@astrojs/mdx` for articles: every `.mdx` entry becomes a module for the bundler,
 * and 19,876 of them took Vite about five minutes before a single page rendered (issue 6).
 * Articles may only hold Markdown, `<Figure id="…" />` placements and `{/* … *\/}` review
 * comments (the MDX policy), so they need no JavaScript at all: Sätteri (Astro 7's own
 * Markdown/MDX parser, native code) parses them as MDX, rehype-slug gives the headings
 * their ids, and the page places the figures with the Figure component.
 *
 * Anything else an MDX parser can produce (imports, expressions, unknown components, raw
 * HTML) is refused here too, as a second line behind the content check: the renderer
 * never prints what it was not written to print.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Root as MdastRoot, RootContent } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import rehypeSlug from 'rehype-slug';
import { mdxToMdast } from 'satteri';

/** A run of HTML, or the place where a figure stands. */
export type BodySegment = { kind: 'html'; html: string } | { kind: 'figure'; id: string };

export interface BodyHeading {
  depth: number;
  /** The anchor id, as rehype-slug (github-slugger) makes it. */
  slug: string;
  text: string;
}

export interface RenderedBody {
  segments: BodySegment[];
  headings: BodyHeading[];
}

export class BodyRenderError extends Error {
  override name = 'BodyRenderError';
}

/** The Markdown features articles use: GFM (tables, strikethrough); never smart punctuation, which would rewrite the source's quotes. */
export const BODY_FEATURES = { gfm: true, smartPunctuation: false } as const;

export function parseBody(body: string, options: { positions?: boolean } = {}): MdastRoot {
  return mdxToMdast(body, { features: BODY_FEATURES, position: options.positions ?? true }) as unknown as MdastRoot;
}

const FIGURE_MARKER = 'annals-figure';

/** True for `{/* … *\/}`: an expression that is only a comment, such as the importer's review notes. */
export function isCommentExpression(value: string): boolean {
  const comment = /^\s*\/\*([\s\S]*)\*\/\s*$/.exec(value);
  return comment !== null && !(comment[1] ?? '').includes('*/');
}

function figureId(node: RootContent): string | undefined {
  if (node.type !== 'mdxJsxFlowElement' || node.name !== 'Figure') return undefined;
  const [attribute, ...rest] = node.attributes;
  if (rest.length > 0 || node.children.length > 0) return undefined;
  if (attribute?.type !== 'mdxJsxAttribute' || attribute.name !== 'id' || typeof attribute.value !== 'string') return undefined;
  return attribute.value;
}

const URL_CHARACTER = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;

/**
 * GFM turns `www.example.cn` in running text into a link, and in Chinese, where no space
 * follows the address, it swallows the text after it: `www.kzjn80.cn）和相关平台账号` became
 * one broken link (found on the xwlb corpus by the link gate). An autolinked address ends
 * at its first character that cannot be part of a URL; the rest stays text.
 */
function trimAutolinks(node: { children?: RootContent[] | unknown[] }): void {
  const children = node.children as RootContent[] | undefined;
  if (!children) return;
  for (let index = 0; index < children.length; index++) {
    const child = children[index] as RootContent;
    const only = child.type === 'link' && child.children.length === 1 ? child.children[0] : undefined;
    if (child.type === 'link' && only?.type === 'text' && /[^\x00-\x7f]/.test(only.value) && safeDecode(child.url).endsWith(only.value)) {
      const text = only.value;
      let end = 0;
      while (end < text.length && URL_CHARACTER.test(text[end] ?? '')) end++;
      const scheme = safeDecode(child.url).slice(0, safeDecode(child.url).length - text.length);
      const replacement: RootContent[] = [];
      if (end > 0) replacement.push({ type: 'link', url: `${scheme}${text.slice(0, end)}`, children: [{ type: 'text', value: text.slice(0, end) }] });
      replacement.push({ type: 'text', value: text.slice(end) });
      children.splice(index, 1, ...replacement);
      index += replacement.length - 1;
      continue;
    }
    trimAutolinks(child as { children?: RootContent[] });
  }
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** Replaces figure placements with markers and drops review comments; refuses every other MDX node. */
function prepare(tree: MdastRoot, where: string): void {
  const kept: RootContent[] = [];
  for (const node of tree.children) {
    if (node.type === 'mdxFlowExpression' && isCommentExpression(node.value)) continue;
    const id = figureId(node);
    if (id !== undefined) {
      kept.push({ type: 'paragraph', children: [], data: { hName: FIGURE_MARKER, hProperties: { id } } });
      continue;
    }
    kept.push(node);
  }
  tree.children = kept;
  trimAutolinks(tree);
  const refuse = (node: { type: string; position?: { start: { line: number } } | undefined }) => {
    const line = node.position ? `:${node.position.start.line}` : '';
    throw new BodyRenderError(`${where}${line}: ${node.type} is not allowed in an article body; run npm run lint:content for the fix`);
  };
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type.startsWith('mdx') || node.type === 'html') refuse(node);
    for (const child of node.children ?? []) walk(child as { type: string; children?: unknown[] });
  };
  walk(tree);
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/** Renders a body. `where` names the file in errors. */
export function renderBody(body: string, where: string): RenderedBody {
  const tree = parseBody(body);
  prepare(tree, where);
  const hast = toHast(tree) as HastRoot;
  rehypeSlug()(hast);

  const segments: BodySegment[] = [];
  const headings: BodyHeading[] = [];
  let pending: HastRoot['children'] = [];
  const flush = () => {
    const html = toHtml({ type: 'root', children: pending }).trim();
    if (html) segments.push({ kind: 'html', html });
    pending = [];
  };
  for (const node of hast.children) {
    if (node.type === 'element' && node.tagName === FIGURE_MARKER) {
      flush();
      segments.push({ kind: 'figure', id: String(node.properties['id']) });
      continue;
    }
    if (node.type === 'element' && /^h[1-6]$/.test(node.tagName)) {
      const heading = node as Element;
      headings.push({ depth: Number(heading.tagName[1]), slug: String(heading.properties['id'] ?? ''), text: heading.children.map(textOf).join('') });
    }
    pending.push(node);
  }
  flush();
  return { segments, headings };
}
