/**
 * Reads an article body back the way MDX does (remark-parse + remark-mdx + remark-gfm, the
 * parsers @astrojs/mdx runs) and lists its top-level blocks as plain text. The importer's
 * tests and `scripts/roundtrip-jsonl.ts` compare this with the source text, so an escaping
 * mistake shows up as a text difference or a parse error rather than in the built site.
 */
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export type MdxBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; depth: number; text: string }
  | { kind: 'figure'; id: string }
  /** An MDX comment `{/* … *\/}`: the importer's review notes. */
  | { kind: 'comment'; text: string }
  /** Anything else (lists, quotes, code, other JSX): never produced by the importer. */
  | { kind: 'other'; type: string; text: string };

const processor = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);

function toBlock(node: RootContent): MdxBlock {
  switch (node.type) {
    case 'paragraph':
      return { kind: 'paragraph', text: toString(node) };
    case 'heading':
      return { kind: 'heading', depth: node.depth, text: toString(node) };
    case 'mdxJsxFlowElement': {
      const id = node.attributes.find((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'id');
      if (node.name === 'Figure' && id && typeof id.value === 'string') return { kind: 'figure', id: id.value };
      return { kind: 'other', type: `<${node.name ?? ''}>`, text: toString(node) };
    }
    case 'mdxFlowExpression': {
      const comment = /^\s*\/\*([\s\S]*)\*\/\s*$/.exec(node.value);
      if (comment) return { kind: 'comment', text: (comment[1] ?? '').trim() };
      return { kind: 'other', type: node.type, text: node.value };
    }
    default:
      return { kind: 'other', type: node.type, text: toString(node) };
  }
}

/** Parses an MDX body (without frontmatter). Throws MDX's own error, with its line, on invalid MDX. */
export function readMdxBlocks(body: string): MdxBlock[] {
  const tree = processor.runSync(processor.parse(body)) as Root;
  return tree.children.map(toBlock);
}
