/**
 * UI strings with `{name}` placeholders (`src/site.config.ts`), filled with HTML-escaped
 * values: the strings are the newsroom's, the values are what a reader typed or the index holds.
 */
import { escapeHtml } from './excerpt.ts';

export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? escapeHtml(String(values[name])) : whole));
