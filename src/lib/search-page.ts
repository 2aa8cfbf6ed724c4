/**
 * The search page's browser code: reads `?q=` from the URL, queries Pagefind and renders
 * the results, in rank order, as links inside `#search-results`, which carries
 * `aria-busy="true"` while a search runs (the automation contract tests rely on).
 */
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
}
interface Pagefind {
  options(options: { baseUrl?: string }): Promise<void>;
  search(query: string): Promise<{ results: { data(): Promise<PagefindResultData> }[] }>;
}

export async function runSearchPage(): Promise<void> {
  const container = document.getElementById('search-results');
  if (!container) return;
  const query = new URLSearchParams(location.search).get('q')?.trim() ?? '';
  const input = document.querySelector<HTMLInputElement>('#site-search');
  if (input) input.value = query;
  if (!query) return;
  container.setAttribute('aria-busy', 'true');
  try {
    const pagefind = (await import(/* @vite-ignore */ container.dataset['pagefindUrl'] ?? '/pagefind/pagefind.js')) as Pagefind;
    // Result URLs are relative to the built site; a Pages project site lives under /<repo>/.
    await pagefind.options({ baseUrl: container.dataset['base'] ?? '/' });
    const search = await pagefind.search(query);
    const results = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
    const list = document.createElement('ol');
    list.className = 'search-results';
    for (const result of results) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = result.url;
      link.textContent = result.meta['title'] ?? result.url;
      const excerpt = document.createElement('p');
      // Pagefind's excerpt is HTML it escaped itself, with <mark> around matched words.
      excerpt.innerHTML = result.excerpt;
      item.append(link, excerpt);
      list.append(item);
    }
    container.replaceChildren(results.length > 0 ? list : emptyState(container.dataset['empty'] ?? ''));
  } finally {
    container.setAttribute('aria-busy', 'false');
  }
}

function emptyState(text: string): HTMLElement {
  const paragraph = document.createElement('p');
  paragraph.textContent = text;
  return paragraph;
}
