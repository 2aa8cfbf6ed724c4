/**
 * What the reference article must show, read from its sources rather than restated:
 * the raw seed capture from ../shared when it is present, else the article's MDX file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const projectRoot = join(import.meta.dirname, '..', '..');
export const SEED_PATH = join(projectRoot, '..', 'shared', 'seed', '000_e588a2af0ee34b43.txt');
export const REFERENCE_MDX = join(projectRoot, 'content', 'articles', '2017', '10', 'shaoyang-party-building-2017.mdx');
export const REFERENCE_PATH = '/articles/shaoyang-party-building-2017/';

/**
 * The capture's article blocks in reading order: from the first photo caption to the last
 * one, before the site's chrome (相关内容, 分享到, 猜你喜欢, footer) starts.
 */
export function seedBlocks(): string[] | undefined {
  if (!existsSync(SEED_PATH)) return undefined;
  const lines = readFileSync(SEED_PATH, 'utf8').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const chrome = lines.indexOf('相关内容');
  // Line 0 is the title, line 1 the 【时间】【来源】 header.
  return lines.slice(2, chrome);
}

/** The same blocks as the MDX body writes them (captions resolved from the frontmatter). */
export function mdxBlocks(): string[] {
  const text = readFileSync(REFERENCE_MDX, 'utf8');
  const [, frontmatter = '', body = ''] = text.split(/^---$/m);
  const captions = new Map(
    [...frontmatter.matchAll(/- id: (\S+)\n\s+caption: (.+)/g)].map((match) => [match[1] ?? '', match[2] ?? '']),
  );
  return body
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const figure = /^<Figure id="([^"]+)" \/>$/.exec(block);
      if (figure) return captions.get(figure[1] ?? '') ?? block;
      return block.replace(/^## /, '');
    });
}
