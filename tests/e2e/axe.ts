/**
 * axe as every accessibility test runs it: its default rules, plus
 * `label-content-name-mismatch` (WCAG 2.5.3, label in name), which axe 4.13 still marks
 * experimental and leaves off. A link whose aria-label does not contain its visible text
 * cannot be clicked by saying what is on screen (issue 16: the calendar's day links).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const axe = (page: Page) => new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } });

/** Violations as `rule: element, element` lines, so a failure names what to fix. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await axe(page).analyze();
  return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
