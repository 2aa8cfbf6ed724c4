/**
 * What a whole-site import did (issue 17, item 4), as JSON for tools and as a summary an
 * editor reads: what was imported, what waits in `_review/` and why, what was skipped and
 * why, which pages were merged, which were duplicates, and what an earlier run had already
 * imported. The manifest is what lets a second run import only what is new: it remembers,
 * per page address, the file written and a digest of what was written.
 */
import { createHash } from 'node:crypto';

export const MANIFEST_VERSION = 1;

export interface ManifestEntry {
  /** The file written, relative to the content root. */
  target: string;
  /** The pages it was read from, as the report names them. */
  from: string[];
  /** sha256 of the file as the importer wrote it: a later run that would write the same is unchanged. */
  digest: string;
}

export interface Manifest {
  version: typeof MANIFEST_VERSION;
  /** Page address key (host and path, or the copy's folder and path) → what was written. */
  pages: Record<string, ManifestEntry>;
}

export function emptyManifest(): Manifest {
  return { version: MANIFEST_VERSION, pages: {} };
}

/** A manifest file's text, or the problem with it; an unreadable manifest is never silently replaced. */
export function parseManifest(text: string, file: string): Manifest | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `${file}: the import manifest is not valid JSON (${(error as Error).message}); restore it from a backup, or delete it to import every page again`;
  }
  const manifest = data as Partial<Manifest> | null;
  if (manifest === null || typeof manifest !== 'object' || manifest.version !== MANIFEST_VERSION || typeof manifest.pages !== 'object' || manifest.pages === null) {
    return `${file}: not an import manifest of version ${MANIFEST_VERSION} (it needs "version": ${MANIFEST_VERSION} and "pages"); restore it, or delete it to import every page again`;
  }
  return manifest as Manifest;
}

export function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export type ManifestVerdict = 'new' | 'unchanged' | 'changed';

export function compareWithManifest(manifest: Manifest, key: string, text: string): ManifestVerdict {
  const entry = manifest.pages[key];
  if (entry === undefined) return 'new';
  return entry.digest === digestOf(text) ? 'unchanged' : 'changed';
}

export interface SiteReport {
  inputs: string[];
  /** Profile files used, with how many pages each matched. */
  profiles: { file: string; name: string; pages: number }[];
  counts: {
    /** HTML pages found in the copies. */
    pages: number;
    /** Written this run (published and waiting for review). */
    imported: number;
    published: number;
    review: number;
    /** Imported by an earlier run and the same now: nothing written. */
    unchanged: number;
    /** Imported by an earlier run and different now: not overwritten without --force. */
    changed: number;
    /** The target file exists but the manifest does not know it: not overwritten without --force. */
    exists: number;
    skipped: number;
    /** Articles read from more than one page. */
    merged: number;
    duplicates: number;
    errors: number;
    /** Files that are not pages (stylesheets, scripts, images). */
    notPages: number;
  };
  imported: { target: string; from: string[]; review: string[] }[];
  unchanged: { target: string; from: string[] }[];
  changed: { target: string; from: string[] }[];
  exists: { target: string; from: string[] }[];
  skipped: { file: string; reason: string }[];
  merged: { files: string[] }[];
  duplicates: { file: string; sameAs: string; why: string }[];
  errors: string[];
  notPages: Record<string, number>;
}

export function emptyReport(inputs: string[]): SiteReport {
  return {
    inputs, profiles: [],
    counts: { pages: 0, imported: 0, published: 0, review: 0, unchanged: 0, changed: 0, exists: 0, skipped: 0, merged: 0, duplicates: 0, errors: 0, notPages: 0 },
    imported: [], unchanged: [], changed: [], exists: [], skipped: [], merged: [], duplicates: [], errors: [], notPages: {},
  };
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The readable summary: counts first, then each list an editor acts on. */
export function formatReport(report: SiteReport, command: string): string {
  const c = report.counts;
  const out: string[] = [`# Import of ${report.inputs.join(', ')}`, '', `command: ${command}`, ''];
  out.push(`${plural(c.pages, 'page')} read: ${c.imported} imported (${c.published} ready to publish, ${c.review} waiting for review), ${c.unchanged} already imported and unchanged, ${c.changed} changed since, ${c.skipped} skipped, ${plural(c.merged, 'article')} merged from several pages, ${plural(c.duplicates, 'duplicate')}, ${plural(c.errors, 'error')}.`);
  if (c.imported === 0) out.push('', 'Nothing new was imported: every article was already imported by an earlier run, or nothing in the copy is an article.');
  if (report.profiles.length > 0) {
    out.push('', '## Site profiles');
    for (const profile of report.profiles) out.push(`- ${profile.name} (${profile.file}): ${plural(profile.pages, 'page')}`);
  }
  const waiting = report.imported.filter((entry) => entry.review.length > 0);
  if (waiting.length > 0) {
    out.push('', `## Waiting for review (${waiting.length})`, '', 'Not published until an editor completes the file and moves it to its month:');
    for (const entry of waiting) out.push(`- ${entry.target} (from ${entry.from.join(' + ')}): ${entry.review.join('; ')}`);
  }
  const ready = report.imported.filter((entry) => entry.review.length === 0);
  if (ready.length > 0) {
    out.push('', `## Imported (${ready.length})`);
    for (const entry of ready) out.push(`- ${entry.target} (from ${entry.from.join(' + ')})`);
  }
  if (report.merged.length > 0) {
    out.push('', `## Merged continuation pages (${report.merged.length})`);
    for (const merge of report.merged) out.push(`- ${merge.files.join(' + ')}`);
  }
  if (report.duplicates.length > 0) {
    out.push('', `## Duplicates, not imported (${report.duplicates.length})`);
    for (const duplicate of report.duplicates) out.push(`- ${duplicate.file}: ${duplicate.why}`);
  }
  if (report.skipped.length > 0) {
    out.push('', `## Skipped: not articles (${report.skipped.length})`);
    for (const skip of report.skipped) out.push(`- ${skip.file}: ${skip.reason}`);
  }
  if (report.changed.length > 0) {
    out.push('', `## Changed since the last import, not overwritten (${report.changed.length})`, '', 'The page now reads differently from what was imported; the file may also have been edited since. Compare by hand, or run again with --force to overwrite:');
    for (const entry of report.changed) out.push(`- ${entry.target} (from ${entry.from.join(' + ')})`);
  }
  if (report.exists.length > 0) {
    out.push('', `## Already there, not overwritten (${report.exists.length})`, '', 'A file of that name exists that this importer did not write (or its manifest was deleted); use --force to overwrite:');
    for (const entry of report.exists) out.push(`- ${entry.target} (from ${entry.from.join(' + ')})`);
  }
  if (report.unchanged.length > 0) out.push('', `## Already imported by an earlier run (${report.unchanged.length})`, '', 'Nothing written for these; the manifest remembers them.');
  if (report.errors.length > 0) {
    out.push('', `## Errors (${report.errors.length})`);
    for (const error of report.errors) out.push(`- ${error}`);
  }
  if (c.notPages > 0) out.push('', `${plural(c.notPages, 'file')} that are not pages were left alone (${Object.entries(report.notPages).map(([extension, count]) => `${extension} ${count}`).join(', ')}).`);
  return `${out.join('\n')}\n`;
}
