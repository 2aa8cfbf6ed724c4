/** How a review note quotes what the page showed: cut at 60 characters. */
export function quoteForNote(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
