/**
 * The results panel under the header's search box, on every page but the search page: a
 * reader searches where they are, and only opens the search page for filters or more.
 *
 * The script that calls this is loaded when the box gets focus or the pointer comes near it
 * (`SearchBox.astro`), never with the page, so reading an article downloads no search code.
 *
 * Keyboard: typing searches (the newest query wins; none is queued behind a slower one);
 * ArrowDown moves from the box into the results, ArrowUp/ArrowDown/Home/End move between
 * them, Enter opens the focused result (it is a link), Escape closes the panel and returns
 * to the box; Enter in the box opens the search page (the form's own submit, which works
 * without JavaScript too). Typing while a result is focused goes back to the box.
 *
 * Automation contract: the results render, in rank order, as links to the article
 * permalinks inside `#search-panel-results`, which carries `aria-busy="true"` while a
 * search runs and `aria-busy="false"` once its results (or its empty state) are shown, with
 * `data-query` the query they answer. Performance marks `annals:results-shown` and
 * `annals:results-complete` (`stages.ts`) time it.
 */
import type { SiteStrings } from '../../site.config.ts';
import { escapeHtml } from './excerpt.ts';
import { SearchEngine, type SearchHit } from './engine.ts';
import { spanLabel } from './shards.ts';
import { searchInStages } from './stages.ts';
import { engineOptionsFrom } from './surface-data.ts';
import { fill } from './template.ts';

/** The panel's UI strings, as `src/site.config.ts` defines them (passed in a data attribute). */
export type SearchPanelStrings = SiteStrings['searchPanel'];

/** Results the panel lists; the search page has the rest. */
const PANEL_SIZE = 8;

interface SearchPanelElements {
  form: HTMLFormElement;
  input: HTMLInputElement;
  panel: HTMLElement;
  status: HTMLElement;
  list: HTMLElement;
  all: HTMLAnchorElement;
}

/** Finds the panel's elements in the header's search box, or undefined when the page has none. */
function findSearchPanel(root: Document = document): SearchPanelElements | undefined {
  const input = root.querySelector<HTMLInputElement>('#site-search');
  const panel = root.getElementById('search-panel');
  const status = root.getElementById('search-panel-status');
  const list = root.getElementById('search-panel-results');
  const all = root.getElementById('search-panel-all') as HTMLAnchorElement | null;
  const form = input?.form;
  if (!input || !form || !panel || !status || !list || !all) return undefined;
  return { form, input, panel, status, list, all };
}

let started = false;

/** Starts the panel once (the box's focus and the pointer both ask), with Pagefind loading at once. */
export function startSearchPanel(): void {
  const elements = findSearchPanel();
  if (started || !elements) return;
  started = true;
  const engine = new SearchEngine(engineOptionsFrom(elements.input.dataset));
  // A failed load is retried by the first search, which reports it.
  engine.load().catch(() => {});
  runSearchPanel(elements, engine);
}

function runSearchPanel(elements: SearchPanelElements, engine: SearchEngine): void {
  const { form, input, panel, status, list, all } = elements;
  const strings = JSON.parse(panel.dataset['strings'] ?? '{}') as SearchPanelStrings;
  const searchPage = new URL(form.action, location.href);
  /** The query the panel shows or is searching for; a newer one makes older answers stale. */
  let wanted = '';
  let running = false;

  const links = () => [...panel.querySelectorAll<HTMLAnchorElement>('#search-panel-results a, #search-panel-all')];
  const open = () => {
    panel.hidden = false;
  };
  const close = () => {
    panel.hidden = true;
  };

  const renderHit = (hit: SearchHit) =>
    `<li><a class="search-panel-hit" href="${escapeHtml(hit.url)}"><span class="search-panel-title">${hit.titleHtml}</span>` +
    `<span class="search-panel-meta">${hit.date ? `<time datetime="${escapeHtml(hit.date)}">${escapeHtml(hit.date.slice(0, 10))}</time>` : ''}` +
    `${hit.source ? ` · ${escapeHtml(hit.source)}` : ''}</span></a></li>`;

  const showLink = (q: string) => {
    searchPage.search = new URLSearchParams({ q }).toString();
    all.href = searchPage.href;
  };

  /** Answers `q` unless the reader types something else first (then it leaves the panel busy). */
  const answer = async (q: string) => {
    const stale = () => q !== wanted;
    if (!q) {
      list.innerHTML = '';
      status.textContent = '';
      close();
    } else {
      open();
      showLink(q);
      list.setAttribute('aria-busy', 'true');
      status.textContent = strings.searching;
      try {
        await searchInStages(engine, {
          surface: 'panel',
          state: { q, filters: {}, sort: 'relevance' },
          count: PANEL_SIZE,
          rerank: true,
          facets: false,
          isStale: stale,
          showEarly: (hits, answer, below) => {
            if (below) list.insertAdjacentHTML('beforeend', hits.map(renderHit).join(''));
            else list.innerHTML = hits.map(renderHit).join('');
            status.textContent =
              answer.kind === 'title' ? strings.titleMatch : fill(strings.newest, { count: answer.outcome.results.length, span: spanLabel(answer.outcome.newestParts ?? []) });
          },
          showComplete: (hits, outcome, added) => {
            // What the early stages showed stays where it is (and keeps focus); the rest goes below.
            if (added) list.insertAdjacentHTML('beforeend', added.map(renderHit).join(''));
            else list.innerHTML = hits.map(renderHit).join('');
            status.textContent = hits.length > 0 ? fill(strings.count, { count: outcome.results.length }) : fill(strings.empty, { query: q });
          },
        });
        if (stale()) return;
      } catch {
        if (stale()) return;
        list.innerHTML = '';
        status.textContent = strings.failed;
      }
    }
    list.dataset['query'] = q;
    list.setAttribute('aria-busy', 'false');
  };

  /** Answers what the box holds now, then whatever was typed meanwhile: one search at a time. */
  const search = async () => {
    if (running) return;
    running = true;
    try {
      let q: string;
      do {
        q = wanted;
        await answer(q);
      } while (q !== wanted);
    } finally {
      running = false;
    }
  };

  const request = () => {
    wanted = input.value.trim();
    void search();
  };

  // An input method's composition (pinyin letters before the characters) is not a query yet.
  input.addEventListener('input', (event) => {
    if (!(event as InputEvent).isComposing) request();
  });
  input.addEventListener('compositionend', request);
  // Coming back to the box from elsewhere on the page shows its answer again; coming back
  // from the panel (Escape, ArrowUp) does not reopen what the reader just closed.
  input.addEventListener('focus', (event) => {
    const from = event.relatedTarget as Node | null;
    if (!input.value.trim() || (from && panel.contains(from))) return;
    if (list.dataset['query'] === input.value.trim()) open();
    else request();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' && !panel.hidden) {
      event.preventDefault();
      links()[0]?.focus();
    }
  });
  panel.addEventListener('keydown', (event) => {
    const items = links();
    const at = items.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    const move = (to: number) => {
      event.preventDefault();
      if (to < 0) input.focus();
      else items[Math.min(to, items.length - 1)]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      close();
      input.focus();
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // A printable key: the reader is typing again; the key lands in the box.
      input.focus();
    }
  });
  // The panel closes when focus or a click goes elsewhere on the page.
  form.addEventListener('focusout', (event) => {
    const next = event.relatedTarget as Node | null;
    if (next && !form.contains(next)) close();
  });
  document.addEventListener('pointerdown', (event) => {
    if (!form.contains(event.target as Node)) close();
  });

  // The box may hold a query already (typed before this script arrived).
  if (document.activeElement === input && input.value.trim()) request();
}
