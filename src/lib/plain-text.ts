/**
 * Readable text from an article's MDX body, for summaries (feeds, listings, Open Graph)
 * and for text similarity. Deliberately simple: article bodies are paragraphs, `##`
 * headings and `<Figure id="…" />` placements (docs/editing.md).
 */

/** The body's paragraphs as plain text, headings and component placements left out. */
export function paragraphs(mdxBody: string): string[] {
  return mdxBody
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block && !/^(#{1,6}\s|<[A-Za-z/]|import\s|export\s|---|```)/.test(block))
    .map(inlineText)
    .filter(Boolean);
}

/** Markdown inline syntax removed: links keep their text, emphasis marks and escapes go. */
export function inlineText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__|\*|~~|`)/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>~|])/g, '$1')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** At most `maxLength` characters, cut at the end of a sentence when one ends late enough, else with an ellipsis. */
export function truncate(text: string, maxLength: number): string {
  const chars = [...text];
  if (chars.length <= maxLength) return text;
  const head = chars.slice(0, maxLength).join('');
  const stop = Math.max(head.lastIndexOf('。'), head.lastIndexOf('！'), head.lastIndexOf('？'));
  if (stop >= maxLength / 2) return head.slice(0, stop + 1);
  return `${chars.slice(0, maxLength - 1).join('')}…`;
}

/** The article's summary: the frontmatter one, else its lead paragraph shortened. */
export function summaryOf(article: { body?: string | undefined; data: { summary?: string | undefined; title: string } }, maxLength = 120): string {
  if (article.data.summary) return article.data.summary;
  const lead = paragraphs(article.body ?? '')[0];
  return lead ? truncate(lead, maxLength) : article.data.title;
}
