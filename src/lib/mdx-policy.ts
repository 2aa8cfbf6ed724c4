/**
 * The MDX policy: an article body is Markdown plus the project's own allow-listed
 * components with literal props, never a program.
 *
 * MDX compiles every body into JavaScript that runs at build time (and, through raw HTML,
 * in readers' browsers): `{process.env.TOKEN}` prints a secret of the build machine,
 * `import fs from 'node:fs'` reads its disk, `<script>` and `onclick=` run in the
 * reader's page. Astro 7 publishes all of that as written. This module parses the body
 * with the parser the article renderer uses (Sätteri's MDX parser, `parseBody` in
 * article-body.ts: what is checked is what is rendered), without running anything, and
 * reports every construct outside the policy with its line. It was micromark (remark-mdx)
 * until the 100,000-article benchmark showed it was most of the content check's time; both
 * gave the same verdict and text samples on all 19,876 xwlb articles. The content check
 * (`src/lib/content-check.ts`) runs it for every article, so the collection loader refuses
 * the build before anything is compiled, whichever Markdown processor is configured, and
 * `npm run lint:content` says the same.
 *
 * Allowed: Markdown; `<Figure id="…" />` with a literal id, on a line of its own; MDX
 * comments `{/* … *\/}` on a line of their own, which print nothing (the importer writes
 * review notes as comments). Links and images may point at relative addresses,
 * `#fragments`, http(s), mailto and tel. The article renderer (src/lib/article-body.ts)
 * accepts exactly this and refuses anything else again, as a second line of defence.
 * No raw HTML at all, not even harmless-looking tags: the renderer has no HTML path.
 */
import type { Nodes, Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute } from 'mdast-util-mdx';
import { parseBody } from './article-body.ts';

export interface PolicyProblem {
  /** 1-based line in the body. */
  line: number;
  message: string;
}

export interface BodyAnalysis {
  /** Undefined when the body is not valid MDX (then `problems` says where). */
  tree: Root | undefined;
  problems: PolicyProblem[];
  /** Every `<Figure id="…" />`, with its body line, in order. */
  figures: { id: string; line: number }[];
  /**
   * Text the published page must contain: the longest plain-text run of the first and of
   * the last paragraph or heading (whitespace removed). The output check looks for both,
   * so an article that renders empty or cut short fails the build.
   */
  textSample: string[];
}

/** A component articles may use, and the literal props it takes. */
interface AllowedComponent {
  /** Prop name → required. */
  props: Record<string, boolean>;
  /** Whether it may wrap content (`<X>…</X>`). */
  children: boolean;
}

/** The allow-list: the project's own components and a few inert HTML elements. */
export const ALLOWED_ELEMENTS: Readonly<Record<string, AllowedComponent>> = {
  Figure: { props: { id: true }, children: false },
};

/** URL schemes a link or image may use; anything else (javascript:, data:, vbscript:, file: …) is refused. */
export const ALLOWED_URL_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/** Elements that get their own explanation because they are the usual attack. */
const DANGEROUS_ELEMENTS: Record<string, string> = {
  script: 'it would run JavaScript in every reader\'s browser',
  style: 'it would restyle the whole site',
  iframe: 'it would embed another site in the page',
  object: 'it would embed a plug-in or another site',
  embed: 'it would embed a plug-in or another site',
  link: 'it would load a stylesheet or resource into the page',
  meta: 'it would change how the browser treats the page',
  base: 'it would redirect every link on the page',
  form: 'it would send readers\' input elsewhere',
};

const ESCAPE_HINT = 'if you meant { or < as text, write \\{ or \\<';
const ESCAPE_BRACES = 'if you meant the braces as text, write \\{ and \\}';
const ESCAPE_LT = 'if you meant < as text, write \\<';

function parse(body: string): Root {
  return parseBody(body) as unknown as Root;
}

/** The scheme of a URL as a browser reads it: control characters and whitespace inside are ignored. */
export function urlScheme(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(squeezed)?.[1]?.toLowerCase();
}

/** Why a URL is refused, or undefined when it may be published. */
export function refusedUrl(url: string): string | undefined {
  const scheme = urlScheme(url);
  if (scheme === undefined || ALLOWED_URL_SCHEMES.has(scheme)) return undefined;
  if (scheme === 'javascript' || scheme === 'vbscript') return `a ${scheme}: address runs code when a reader clicks it`;
  if (scheme === 'data') return 'a data: address embeds an unchecked file (it can carry a script)';
  return `${scheme}: addresses are not published (allowed: relative paths, #anchors, ${[...ALLOWED_URL_SCHEMES].map((s) => `${s}:`).join(', ')})`;
}

function lineOf(node: { position?: { start: { line: number } } | undefined }, fallback: number): number {
  return node.position?.start.line ?? fallback;
}

/** True when an expression holds nothing but comments (`{/* note *\/}`): it compiles to nothing. */
function isCommentOnly(node: { value: string; data?: { estree?: { body: unknown[] } | null | undefined } | undefined }): boolean {
  // Exactly one block comment, as the renderer accepts (src/lib/article-body.ts).
  const comment = /^\s*\/\*([\s\S]*)\*\/\s*$/.exec(node.value);
  if (comment === null || (comment[1] ?? '').includes('*/')) return false;
  const program = node.data?.estree;
  return program ? program.body.length === 0 : true;
}

function shorten(text: string, max = 40): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

function checkAttributes(
  element: string,
  allowed: AllowedComponent | undefined,
  attributes: (MdxJsxAttribute | MdxJsxExpressionAttribute)[],
  line: number,
  report: (line: number, message: string) => void,
): Record<string, string> {
  const literal: Record<string, string> = {};
  for (const attribute of attributes) {
    const at = lineOf(attribute, line);
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      report(at, `<${element}> has the JavaScript expression {${shorten(attribute.value)}} among its attributes; articles may not run code: write literal attributes such as id="lead"`);
      continue;
    }
    const name = attribute.name;
    if (/^on/i.test(name)) {
      report(at, `<${element}> has the event handler ${name}=, which would run JavaScript in readers' browsers; remove it`);
      continue;
    }
    if (attribute.value !== null && typeof attribute.value === 'object') {
      report(at, `<${element} ${name}={${shorten(attribute.value.value)}}> is a JavaScript expression; articles may not run code: write a literal value in quotes, such as ${name}="lead"`);
      continue;
    }
    if (allowed && !(name in allowed.props)) {
      const known = Object.keys(allowed.props);
      report(at, `<${element}> does not take ${name}=; ${known.length > 0 ? `it takes only ${known.map((prop) => `${prop}="…"`).join(', ')}` : 'it takes no attributes'}; remove it`);
      continue;
    }
    if (typeof attribute.value !== 'string') {
      report(at, `<${element} ${name}> needs a value in quotes, such as ${name}="lead"`);
      continue;
    }
    const refused = refusedUrl(attribute.value);
    if (refused && /^(?:href|src|action|formaction|xlink:href|data)$/i.test(name)) {
      report(at, `<${element} ${name}="${shorten(attribute.value)}">: ${refused}; remove it or use an http(s) address`);
      continue;
    }
    literal[name] = attribute.value;
  }
  return literal;
}

/**
 * Parses an article body (the text after the frontmatter) and checks it against the policy.
 * Lines in the result are body lines; the caller adds the frontmatter's length.
 */
export function analyseMdxBody(body: string): BodyAnalysis {
  const problems: PolicyProblem[] = [];
  const figures: { id: string; line: number }[] = [];
  const report = (line: number, message: string) => problems.push({ line, message });

  let tree: Root;
  try {
    tree = parse(body);
  } catch (cause) {
    // Sätteri's message starts with the place (`4:1: Unexpected character …`) and ends with
    // its rule id (`(mdx-jsx:unexpected-character)`).
    const message = cause instanceof Error ? cause.message : String(cause);
    const place = /^(\d+):\d+:\s*/.exec(message);
    const line = place ? Number(place[1]) : 1;
    const reason = message.slice(place?.[0].length ?? 0).replace(/\s*\([a-z-]+:[a-z-]+\)$/, '');
    report(line, `the body is not valid MDX: ${reason}; ${ESCAPE_HINT}`);
    return { tree: undefined, problems, figures, textSample: [] };
  }

  const walk = (node: Nodes, parentLine: number) => {
    const line = lineOf(node, parentLine);
    switch (node.type) {
      case 'mdxjsEsm': {
        const keyword = /^\s*(import|export)\b/.exec(node.value)?.[1] ?? 'import/export';
        report(line, `"${shorten(node.value)}": ${keyword} statements are not allowed in articles (MDX would run them as code when the site is built); remove the line, or reword it so it does not start with "${keyword} "`);
        return;
      }
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        if (isCommentOnly(node)) {
          if (node.type === 'mdxTextExpression') report(line, `the comment {${shorten(node.value)}} stands inside a paragraph; put it on a line of its own, with blank lines around it`);
          return;
        }
        const env = /\bprocess\b|\bimport\.meta\b|\brequire\s*\(|\bimport\s*\(/.test(node.value)
          ? ' (it reads the build machine: environment variables, secrets, files)'
          : '';
        report(line, `{${shorten(node.value)}} is a JavaScript expression${env}; articles may not run code; remove it, or ${ESCAPE_BRACES}`);
        return;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const name = node.name;
        if (name === null) {
          report(line, `a fragment <>…</> is JSX, not Markdown; remove the <> and </>`);
          break;
        }
        const allowed = Object.hasOwn(ALLOWED_ELEMENTS, name) ? ALLOWED_ELEMENTS[name] : undefined;
        const props = checkAttributes(name, allowed, node.attributes, line, report);
        if (!allowed) {
          const danger = DANGEROUS_ELEMENTS[name.toLowerCase()];
          const allowList = `allowed: ${Object.keys(ALLOWED_ELEMENTS).map((element) => `<${element}>`).join(', ')}`;
          if (danger) report(line, `<${name}> is not allowed in articles: ${danger}; remove it`);
          else if (/^[a-z]/.test(name)) report(line, `raw HTML <${name}> is not allowed in articles (${allowList}); write it in Markdown, or ${ESCAPE_LT}`);
          else report(line, `<${name}> is not a component articles may use (${allowList}); remove it or fix the name`);
          return;
        }
        for (const [prop, required] of Object.entries(allowed.props)) {
          if (required && props[prop] === undefined && !node.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === prop)) {
            report(line, `<${name}> needs ${prop}="…"`);
          }
        }
        if (!allowed.children && node.children.length > 0) {
          report(line, `<${name}> cannot wrap content (it would not be shown); write it as <${name} ${Object.keys(allowed.props).map((p) => `${p}="…"`).join(' ')} /> and put the text outside`);
        }
        if (node.type === 'mdxJsxTextElement') {
          report(line, `<${name}> stands inside a paragraph; put it on a line of its own, with blank lines around it`);
        }
        if (name === 'Figure' && props['id'] !== undefined) figures.push({ id: props['id'], line });
        break;
      }
      case 'link':
      case 'image':
      case 'definition': {
        const refused = refusedUrl(node.url);
        if (refused) {
          const what = node.type === 'image' ? 'image' : node.type === 'definition' ? 'link definition' : 'link';
          report(line, `${what} address "${shorten(node.url)}": ${refused}; remove it or use an http(s) address`);
        }
        break;
      }
      default:
        break;
    }
    if ('children' in node) for (const child of node.children) walk(child, line);
  };
  walk(tree, 1);
  return { tree, problems, figures, textSample: textSample(tree) };
}

/** The longest text run of a block, without whitespace, at most 40 characters. */
function longestRun(node: Nodes): string {
  let best = '';
  const visit = (current: Nodes) => {
    if (current.type === 'text') {
      const run = current.value.replace(/\s+/g, '');
      if (run.length > best.length) best = run;
    }
    if (current.type === 'mdxTextExpression' || current.type === 'mdxFlowExpression') return;
    if ('children' in current) for (const child of current.children) visit(child);
  };
  visit(node);
  return best.slice(0, 40);
}

function textSample(tree: Root): string[] {
  const runs = tree.children
    .filter((node) => node.type === 'paragraph' || node.type === 'heading')
    .map(longestRun)
    .filter((run) => run.length > 0);
  if (runs.length === 0) return [];
  const first = runs[0] ?? '';
  const last = runs.at(-1) ?? '';
  return first === last ? [first] : [first, last];
}
