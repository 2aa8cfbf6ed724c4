/**
 * Bylines grouped by role, in the order roles first appear: `记者 艾哲 王五 · 通讯员 刘飞`.
 */
export interface Credit {
  name: string;
  role: string;
}

export interface Byline {
  role: string;
  names: string[];
}

export function groupCreditsByRole(credits: readonly Credit[]): Byline[] {
  const byRole = new Map<string, string[]>();
  for (const { name, role } of credits) {
    const names = byRole.get(role) ?? [];
    names.push(name);
    byRole.set(role, names);
  }
  return [...byRole].map(([role, names]) => ({ role, names }));
}
