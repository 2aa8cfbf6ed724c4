/**
 * The search page's state lives in its URL (`/search/?q=…&year=…&source=…&section=…&person=…&sort=newest`),
 * so a search can be shared, bookmarked and walked back with the back button.
 */
import { FILTER_KEYS, type FilterKey } from './page-attributes.ts';

export type SortOrder = 'relevance' | 'newest';

export interface SearchState {
  q: string;
  filters: Partial<Record<FilterKey, string>>;
  sort: SortOrder;
}

export function readState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filters: Partial<Record<FilterKey, string>> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return { q: params.get('q')?.trim() ?? '', filters, sort: params.get('sort') === 'newest' ? 'newest' : 'relevance' };
}

/** The query string for a state, parameters in a fixed order and defaults left out. */
export function writeState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) params.set(key, value);
  }
  if (state.sort === 'newest') params.set('sort', 'newest');
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function withFilter(state: SearchState, key: FilterKey, value: string | undefined): SearchState {
  const filters = { ...state.filters };
  if (value) filters[key] = value;
  else delete filters[key];
  return { ...state, filters };
}

export function hasFilters(state: SearchState): boolean {
  return Object.keys(state.filters).length > 0;
}
