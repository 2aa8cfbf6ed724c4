/**
 * Site profiles (issue 17, item 3): reading a profile file, choosing the profile of a page,
 * and reading a field where the profile says it is. The schema is `src/schemas/site-profile.ts`.
 * A profile file is YAML (or JSON, which YAML reads too); every problem names the file, the
 * line, the field and the fix, and all of them are reported at once.
 */
import type { CheerioAPI } from 'cheerio';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { siteProfileSchema, type FieldRule, type SiteProfileData } from '../../schemas/site-profile.ts';
import { normalizeText } from './html-text.ts';
import type { PageAddress } from './site-pages.ts';

export interface SiteProfile extends SiteProfileData {
  /** The file it was read from, for the report and notes. */
  file: string;
}

export interface ProfileProblem {
  file: string;
  line?: number | undefined;
  field?: string;
  message: string;
}

export function formatProfileProblem(problem: ProfileProblem): string {
  return `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.field === undefined ? '' : `${problem.field}: `}${problem.message}`;
}

const FIELDS = Object.keys(siteProfileSchema.shape).join(', ');

/** Reads one profile file; `file` is how messages name it. */
export function parseSiteProfile(text: string, file: string): { profile?: SiteProfile; problems: ProfileProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: true, lineCounter, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const problems: ProfileProblem[] = doc.errors.map((error) => ({
    file, line: lineAt(error.pos[0]),
    message: error.code === 'DUPLICATE_KEY' ? 'this field appears twice; keep one of the two lines' : `not valid YAML: ${error.message.split('\n')[0]}`,
  }));
  if (problems.length > 0) return { problems };
  if (!isMap(doc.contents)) return { problems: [{ file, line: 1, message: `a profile is a mapping of fields (${FIELDS}); see docs/editing.md, "Site profiles"` }] };
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineAt(node.range[0]);
    }
    return undefined;
  };
  const result = siteProfileSchema.safeParse(doc.toJS({ maxAliasCount: 0 }));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const field = [...path, key].join('.');
          const known = path.length === 0 ? Object.keys(siteProfileSchema.shape) : [];
          const near = known.find((name) => name.slice(0, 4) === key.slice(0, 4));
          const hint = path.length === 0 ? `${near === undefined ? '' : `did you mean ${near}? `}A profile's fields are ${FIELDS}` : 'Check the spelling against docs/editing.md';
          problems.push({ file, line: lineOf([...path, key]), field, message: `unknown field; ${hint}, or remove it` });
        }
        continue;
      }
      const field = path.join('.') || undefined;
      const missing = issue.code === 'invalid_type' && path.length > 0 && doc.getIn(path, true) === undefined;
      problems.push({
        file, line: lineOf(path) ?? 1, ...(field === undefined ? {} : { field }),
        message: missing ? `missing; add a ${String(path.at(-1))}: line (see docs/editing.md, "Site profiles")` : issue.message,
      });
    }
    return { problems };
  }
  return { profile: { ...result.data, file }, problems: [] };
}

/** `*` any characters but `/`, `**` any characters, `?` one character. */
function globPattern(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]!;
    if (char === '*' && glob[index + 1] === '*') {
      source += '.*';
      index++;
      if (glob[index + 1] === '/') index++;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

function hostMatches(pattern: string, host: string): boolean {
  const wanted = pattern.toLowerCase().replace(/^www\./, '');
  if (wanted.startsWith('*.')) return host.endsWith(wanted.slice(1));
  return host === wanted;
}

/**
 * The profile for a page: the first whose hosts name the page's host (from the copy's folder
 * or the address the page declares) or whose paths match its path inside the imported folder.
 */
export function profileForPage(profiles: readonly SiteProfile[], page: { file: string; address?: PageAddress; declaredUrl?: string | undefined }): SiteProfile | undefined {
  const hosts = new Set<string>();
  if (page.address?.host) hosts.add(page.address.host);
  if (page.declaredUrl) {
    try {
      hosts.add(new URL(page.declaredUrl).host.toLowerCase().replace(/^www\./, ''));
    } catch {
      // Not an address: only the path can match.
    }
  }
  return profiles.find((profile) =>
    (profile.match.hosts ?? []).some((pattern) => [...hosts].some((host) => hostMatches(pattern, host)))
    || (profile.match.paths ?? []).some((pattern) => globPattern(pattern).test(page.file)));
}

/** The texts a rule finds on the page, each element's text or its pattern's first group; empty when it finds none. */
export function readRule($: CheerioAPI, rule: FieldRule | undefined): string[] {
  if (rule === undefined) return [];
  const pattern = rule.pattern === undefined ? undefined : new RegExp(rule.pattern, 'u');
  const values: string[] = [];
  $(rule.selector).each((_, element) => {
    const text = normalizeText($(element).text());
    const value = pattern === undefined ? text : normalizeText(pattern.exec(text)?.[1] ?? '');
    if (value !== '') values.push(value);
  });
  return values;
}
