/**
 * The people, sources, sections and tags of the archive, each with its articles, so a
 * reader can follow one of them through time.
 */
import type { ArticleLike } from './article-shape.ts';
import { newestFirst } from './article-shape.ts';
import { assertDistinctSlugs, termSlug } from './term-slugs.ts';

export type TermKind = 'person' | 'source' | 'section' | 'tag';

export interface TermArticle<T> {
  article: T;
  /** For people: their roles in this article (记者, 责任编辑 …), in the order printed. */
  roles: string[];
}

export interface Term<T> {
  kind: TermKind;
  name: string;
  slug: string;
  /** Newest first. */
  articles: TermArticle<T>[];
}

/** Where each kind of term lives: `/people/<slug>/`, `/sources/<slug>/`, `/sections/<slug>/`, `/tags/<slug>/`. */
export const TERM_ROOTS: Record<TermKind, string> = {
  person: '/people/',
  source: '/sources/',
  section: '/sections/',
  tag: '/tags/',
};

export function termPath(kind: TermKind, name: string): string {
  return `${TERM_ROOTS[kind]}${termSlug(name)}/`;
}

/**
 * The 责任编辑 role label is passed in (it is a UI string in `site.config.ts`), so a person
 * who edited an article is listed with that role.
 */
export function collectTerms<T extends ArticleLike>(articles: readonly T[], kind: TermKind, editorRole: string): Term<T>[] {
  const byName = new Map<string, Map<T, string[]>>();
  const add = (name: string, article: T, role?: string) => {
    const key = name.normalize('NFC').trim();
    const entries = byName.get(key) ?? new Map<T, string[]>();
    const roles = entries.get(article) ?? [];
    if (role !== undefined && !roles.includes(role)) roles.push(role);
    entries.set(article, roles);
    byName.set(key, entries);
  };
  for (const article of articles) {
    const { data } = article;
    if (kind === 'person') {
      for (const credit of data.authors) add(credit.name, article, credit.role);
      if (data.editor) add(data.editor, article, editorRole);
    } else if (kind === 'source') {
      add(data.source.name, article);
    } else if (kind === 'section') {
      if (data.section) add(data.section, article);
    } else {
      for (const tag of data.tags) add(tag, article);
    }
  }
  assertDistinctSlugs(byName.keys(), kind);
  return [...byName]
    .map(([name, entries]) => ({
      kind,
      name,
      slug: termSlug(name),
      articles: [...entries].map(([article, roles]) => ({ article, roles })).sort((a, b) => newestFirst(a.article, b.article)),
    }))
    .sort((a, b) => b.articles.length - a.articles.length || a.slug.localeCompare(b.slug));
}

/** The first path segment of each kind's pages: `people` for `/people/<slug>/`. */
export function kindSegment(kind: TermKind): string {
  return TERM_ROOTS[kind].slice(1, -1);
}

export const TERM_KINDS: readonly TermKind[] = ['person', 'source', 'section', 'tag'];

/** A person's roles across their articles, most frequent first: `记者 ×3、责任编辑 ×1`. */
export function roleCounts<T>(term: Term<T>): { role: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { roles } of term.articles) for (const role of roles) counts.set(role, (counts.get(role) ?? 0) + 1);
  return [...counts].map(([role, count]) => ({ role, count })).sort((a, b) => b.count - a.count || a.role.localeCompare(b.role));
}
