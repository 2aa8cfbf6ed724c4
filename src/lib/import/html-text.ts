/** Text of saved HTML as a reader sees it: whitespace collapsed the way browsers collapse it. */

const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
/**
 * A line break in the source between two Chinese characters is not a space: CSS Text 3
 * (segment break transformation) removes it, and Chinese CMSes wrap long lines anywhere.
 */
const BREAK_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\t]*[\\r\\n][\\s]*(?=[${CJK}])`, 'gu');

/**
 * Collapses runs of white space to one space and trims the ends, including the ideographic
 * spaces (U+3000) sites use to indent paragraphs. Full-width punctuation is never touched.
 */
export function normalizeText(text: string): string {
  return text
    .replace(BREAK_BETWEEN_CJK, '')
    .replace(/[\s\u00a0\u200b\ufeff]+/g, (run) => (/^[\u3000]+$/.test(run) ? run : ' '))
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

/** Text with all white space removed, for comparing titles and measuring length. */
export function compact(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, '');
}
