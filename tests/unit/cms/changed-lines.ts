/**
 * What a save changed, for the round-trip tests (the unit tests and the editor's e2e spec):
 * the lines that differ between two texts, without the ones they share at both ends.
 */
export function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { removed: a.slice(prefix, a.length - suffix), added: b.slice(prefix, b.length - suffix) };
}
