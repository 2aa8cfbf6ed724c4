/**
 * The reader's font-size choice (字体 大/中/小), stored in their own browser only.
 * `medium` is the default and is stored as the absence of a choice.
 */
export const FONT_SIZES = ['large', 'medium', 'small'] as const;
export type FontSize = (typeof FONT_SIZES)[number];

export const FONT_SIZE_KEY = 'annals:font-size';

export function parseFontSize(value: string | null | undefined): FontSize {
  return FONT_SIZES.find((size) => size === value) ?? 'medium';
}

/** The reader's local calendar day as `YYYY-MM-DD`, for the citation's 引用日期. */
export function localDay(now: Date): string {
  const pad2 = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

/**
 * The classic script that applies the stored font size before the first paint. A bundled
 * module cannot: modules are deferred, and the e2e test measured the default size in the
 * first frame. This runs from `<head>` as an external, render-blocking file of a few
 * hundred bytes (no inline script, so a strict Content-Security-Policy allows it), built
 * from the same constants as the module that wires the buttons.
 */
export function fontSizeBootScript(): string {
  const sizes = FONT_SIZES.filter((size) => size !== 'medium');
  return `try{var s=localStorage.getItem(${JSON.stringify(FONT_SIZE_KEY)});if(${JSON.stringify(sizes)}.indexOf(s)>=0)document.documentElement.setAttribute("data-font-size",s)}catch(e){}\n`;
}
