import { useEffect, useState } from 'react';

/** Where the console lives: every page is under /console/ (so a reload never hits an API route). */
export const BASE = '/console/';

/** The console's pages; `params` is the address's query (filters, paging, dates), so every view is bookmarkable. */
export type Page = 'work' | 'coes' | 'coe' | 'new-coe' | 'exchanges' | 'exchange' | 'new-exchange' | 'audit' | 'reports';
export interface Route {
  readonly page: Page;
  /** The instance (coe, exchange) or the report's name (reports), when the page has one. */
  readonly id?: string;
  readonly params: URLSearchParams;
  /** The console's bare address (/console/): each role lands on its first page (`homeOf`); `page` is then only a fallback. */
  readonly landing?: boolean;
}

/** Path patterns under BASE, first match wins; `:id` is one decoded segment. */
const PATTERNS: readonly [RegExp, Page][] = [
  [/^coes$/, 'coes'],
  [/^coes\/new$/, 'new-coe'],
  [/^coes\/([^/]+)$/, 'coe'],
  [/^exchanges$/, 'exchanges'],
  [/^exchanges\/new$/, 'new-exchange'],
  [/^exchanges\/([^/]+)$/, 'exchange'],
  [/^work$/, 'work'],
  [/^audit$/, 'audit'],
  [/^reports$/, 'reports'],
  [/^reports\/([^/]+)$/, 'reports'],
];

export function parseRoute(location: Pick<Location, 'pathname' | 'search'>): Route {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length).replace(/\/$/, '') : '';
  const params = new URLSearchParams(location.search);
  if (path === '') return { page: 'coes', params, landing: true };
  for (const [pattern, page] of PATTERNS) {
    const match = pattern.exec(path);
    if (match) return { page, id: match[1] === undefined ? undefined : decodeURIComponent(match[1]), params };
  }
  return { page: 'coes', params };
}

/** An address in the console: a path under BASE and query parameters (empty ones left out). */
export function href(path: string, params: Record<string, string | number | boolean | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '' && value !== false) query.set(name, String(value));
  const search = query.toString();
  return `${BASE}${path}${search ? `?${search}` : ''}`;
}

export const coeHref = (id: string): string => href(`coes/${encodeURIComponent(id)}`);
export const exchangeHref = (id: string): string => href(`exchanges/${encodeURIComponent(id)}`);
export const portfolioHref = (offset = 0): string => href('coes', { offset: offset > 0 ? offset : undefined });

export function navigate(to: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}
