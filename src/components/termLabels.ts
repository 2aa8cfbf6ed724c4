import type { TermKind } from '../lib/terms.ts';
import { siteConfig } from '../site.config.ts';

/** The heading of each kind of term page, from the UI strings. */
export function termKindLabel(kind: TermKind): string {
  const { strings } = siteConfig;
  return { person: strings.people, source: strings.sources, section: strings.sections, tag: strings.tags }[kind];
}
