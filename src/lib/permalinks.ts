/**
 * The permalink rule, defined once: an article lives at `/articles/<slug>/`.
 *
 * The slug is the frontmatter `slug`, or else the file name without its extension. It
 * does not contain the date, so correcting a wrong date never moves an article.
 */

/** Lower-case ASCII letters and digits in runs joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isValidSlug(slug: string): boolean {
  return SLUG_PATTERN.test(slug) && slug.length <= 120;
}

/** The slug a file gets when its frontmatter sets none. */
export function slugFromFileName(fileName: string): string {
  const base = fileName.split('/').pop() ?? fileName;
  return base.replace(/\.[^.]+$/, '');
}

/**
 * The key under which two slugs count as the same permalink: case, Unicode
 * normalisation and surrounding or inner spaces do not make a new address.
 */
export function permalinkKey(slug: string): string {
  return slug.normalize('NFKC').toLowerCase().replace(/[\s_]+/g, '-').trim();
}

/** A best-effort ASCII suggestion to put in an error message when a slug is not valid. */
export function suggestSlug(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii || 'article-YYYYMMDD-name';
}

/** Site-relative path of an article page, without the deployment base. */
export function articlePath(slug: string): string {
  return `/articles/${slug}/`;
}

/** Joins the deployment base (`/` or `/repo/`) with a site path. */
export function withBase(base: string, path: string): string {
  const trimmedBase = base.endsWith('/') ? base.slice(0, -1) : base;
  return `${trimmedBase}${path.startsWith('/') ? path : `/${path}`}`;
}
