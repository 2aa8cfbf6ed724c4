/**
 * The search page's browser code. State lives in the URL (`url-state.ts`): submitting the
 * box, choosing a filter or an order pushes a new entry, the back button walks them back.
 *
 * Automation contract: results are rendered, in rank order, as links to the article
 * permalinks inside `#search-results`, which carries `aria-busy="true"` while a search runs
 * and `aria-busy="false"` once its results (or its empty state) are rendered; its
 * `data-total` holds the number of results and `data-query` the query they answer. It is
 * busy in the page's HTML already: the search starts as soon as the script runs.
 *
 * A search answers in stages (`stages.ts`): pages titled exactly as the query first
 * (`data-stage="title"`, still busy), then on the first search the newest years' results
 * as soon as they are found (`data-stage="newest"`, still busy), and the complete answer
 * adds to them without moving them (`data-stage="complete"`). Performance marks
 * `annals:results-shown` and `annals:results-complete` (detail: the query) time them.
 */
import type { SiteStrings } from '../../site.config.ts';
import { escapeHtml } from './excerpt.ts';
import { SearchEngine, type SearchHit, type SearchOutcome } from './engine.ts';
import { FILTER_KEYS } from './page-attributes.ts';
import { engineOptionsFrom } from './surface-data.ts';
import { spanLabel } from './shards.ts';
import { searchInStages } from './stages.ts';
import { fill } from './template.ts';
import { hasFilters, readState, withFilter, writeState, type SearchState } from './url-state.ts';

/** The search page's UI strings, as `src/site.config.ts` defines them (passed in a data attribute). */
export type SearchPageStrings = SiteStrings['searchPage'];

const PAGE_SIZE = 10;

export function runSearchPage(): void {
  const results = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const facetsBox = document.getElementById('search-facets');
  const sortBox = document.getElementById('search-sort');
  const more = document.getElementById('search-more') as HTMLButtonElement | null;
  const input = document.querySelector<HTMLInputElement>('#site-search');
  const form = input?.form ?? null;
  if (!results || !status || !facetsBox || !sortBox || !more) return;
  const strings = JSON.parse(results.dataset['strings'] ?? '{}') as SearchPageStrings;
  const engine = new SearchEngine(engineOptionsFrom(results.dataset));
  const searchPath = location.pathname;
  const baseTitle = document.title;
  let generation = 0;
  let current: { outcome: SearchOutcome; state: SearchState; shown: number } | undefined;

  const href = (state: SearchState) => searchPath + writeState(state);

  const renderHits = (hits: SearchHit[]) =>
    hits
      .map(
        (hit) =>
          `<li class="search-hit"><a class="search-hit-title" href="${escapeHtml(hit.url)}">${hit.titleHtml}</a>` +
          `<p class="search-hit-meta">${hit.date ? `<time datetime="${escapeHtml(hit.date)}">${escapeHtml(hit.date.slice(0, 10))}</time>` : ''}` +
          `${hit.source ? ` · <span>${escapeHtml(hit.source)}</span>` : ''}</p>` +
          `<p class="search-hit-excerpt">${hit.excerptHtml}</p></li>`,
      )
      .join('');

  const renderFacets = (state: SearchState, outcome: SearchOutcome) => {
    const groups = FILTER_KEYS.filter((key) => outcome.facets[key].length > 0 || state.filters[key]).map((key) => {
      const selected = state.filters[key];
      const options = [
        `<li><a href="${escapeHtml(href(withFilter(state, key, undefined)))}"${selected ? '' : ' aria-current="true"'}>${escapeHtml(strings.all)}</a></li>`,
        ...outcome.facets[key].map(
          ({ value, count }) =>
            `<li><a href="${escapeHtml(href(withFilter(state, key, value)))}"${selected === value ? ' aria-current="true"' : ''}>${escapeHtml(value)} <span class="search-count">(${count})</span></a></li>`,
        ),
      ];
      return `<div class="search-facet"><h2 id="facet-${key}">${escapeHtml(strings.filterLabels[key])}</h2><ul aria-labelledby="facet-${key}">${options.join('')}</ul></div>`;
    });
    facetsBox.innerHTML = groups.join('');
    facetsBox.hidden = groups.length === 0;
  };

  const renderSort = (state: SearchState) => {
    const option = (sort: SearchState['sort'], label: string) =>
      `<a href="${escapeHtml(href({ ...state, sort }))}"${state.sort === sort ? ' aria-current="true"' : ''}>${escapeHtml(label)}</a>`;
    sortBox.innerHTML = `<span>${escapeHtml(strings.sortLabel)}：</span>${option('relevance', strings.sortRelevance)} ${option('newest', strings.sortNewest)}`;
    sortBox.hidden = !state.q;
  };

  const emptyState = (state: SearchState) => {
    const tips = strings.emptyTips.map((tip) => `<li>${escapeHtml(tip)}</li>`);
    if (hasFilters(state)) tips.push(`<li><a href="${escapeHtml(href({ ...state, filters: {} }))}">${escapeHtml(strings.clearFilters)}</a></li>`);
    return `<div class="search-empty"><p>${fill(strings.empty, { query: state.q })}</p><ul>${tips.join('')}</ul></div>`;
  };

  const run = async (state: SearchState) => {
    const mine = ++generation;
    if (input && document.activeElement !== input) input.value = state.q;
    document.title = state.q ? `${state.q} - ${baseTitle}` : baseTitle;
    renderSort(state);
    more.hidden = true;
    if (!state.q) {
      current = undefined;
      results.dataset['total'] = '0';
      results.innerHTML = `<p class="search-hint">${escapeHtml(strings.hint)}</p>`;
      status.textContent = '';
      facetsBox.hidden = true;
      results.dataset['query'] = '';
      results.dataset['stage'] = 'complete';
      results.setAttribute('aria-busy', 'false');
      return;
    }
    results.setAttribute('aria-busy', 'true');
    results.dataset['stage'] = 'searching';
    try {
      await searchInStages(engine, {
        surface: 'page',
        state,
        count: PAGE_SIZE,
        rerank: state.sort === 'relevance',
        facets: true,
        isStale: () => mine !== generation,
        showEarly: (hits, answer, below) => {
          status.innerHTML =
            answer.kind === 'title' ? escapeHtml(strings.titleMatch) : fill(strings.newest, { count: answer.outcome.results.length, span: spanLabel(answer.outcome.newestParts ?? []) });
          const list = results.querySelector('ol.search-results');
          if (below && list) list.insertAdjacentHTML('beforeend', renderHits(hits));
          else results.innerHTML = `<ol class="search-results">${renderHits(hits)}</ol>`;
          facetsBox.hidden = true;
          results.dataset['stage'] = answer.kind;
        },
        showComplete: (hits, outcome, added) => {
          current = { outcome, state, shown: hits.length };
          results.dataset['total'] = String(outcome.results.length);
          status.innerHTML = outcome.results.length > 0 ? fill(strings.count, { count: outcome.results.length, query: state.q }) : '';
          const list = results.querySelector('ol.search-results');
          if (added && list) {
            // What the early stages showed stays as it is (and keeps focus); the rest is added below it.
            list.insertAdjacentHTML('beforeend', renderHits(added));
          } else {
            results.innerHTML =
              hits.length > 0
                ? `${outcome.approximate ? `<p class="search-approximate">${fill(strings.approximate, { query: state.q })}</p>` : ''}<ol class="search-results">${renderHits(hits)}</ol>`
                : emptyState(state);
          }
          renderFacets(state, outcome);
          more.hidden = outcome.results.length <= hits.length;
        },
      });
    } catch (error) {
      if (mine !== generation) return;
      results.dataset['total'] = '0';
      results.innerHTML = `<p class="search-error">${fill(strings.failed, { message: error instanceof Error ? error.message : String(error) })}</p>`;
    } finally {
      if (mine === generation) {
        results.dataset['query'] = state.q;
        results.dataset['stage'] = 'complete';
        results.setAttribute('aria-busy', 'false');
      }
    }
  };

  const navigate = (state: SearchState) => {
    history.pushState(null, '', href(state));
    void run(state);
  };

  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = input?.value.trim() ?? '';
    // A new query keeps the order but starts from all articles.
    navigate({ q, filters: {}, sort: readState(location.search).sort });
  });

  // Filter and order links are real links (they work without this script and open in new
  // tabs); a plain click stays on the page.
  for (const box of [facetsBox, sortBox, results]) {
    box.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a');
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const url = new URL(link.href);
      if (url.origin !== location.origin || url.pathname !== searchPath) return;
      event.preventDefault();
      navigate(readState(url.search));
      (document.getElementById('search-heading') ?? results).focus();
    });
  }

  more.addEventListener('click', async () => {
    if (!current) return;
    const view = current;
    more.disabled = true;
    results.setAttribute('aria-busy', 'true');
    try {
      const hits = await engine.hits(view.outcome, view.shown, view.shown + PAGE_SIZE, false);
      if (current !== view) return;
      view.shown += hits.length;
      results.querySelector('ol')?.insertAdjacentHTML('beforeend', renderHits(hits));
      more.hidden = view.outcome.results.length <= view.shown;
      results.querySelectorAll<HTMLAnchorElement>('.search-hit-title')[view.shown - hits.length]?.focus();
    } finally {
      more.disabled = false;
      results.setAttribute('aria-busy', 'false');
    }
  });

  window.addEventListener('popstate', () => void run(readState(location.search)));
  // The reader came here to search: Pagefind loads even before a query is typed, opening
  // the part that can answer the query the page opened with. A failure is reported by the
  // first search.
  const opened = readState(location.search);
  engine.load(opened.q || undefined).catch(() => {});
  void run(opened);
}
