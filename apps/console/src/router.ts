import { useEffect, useState } from 'react';

/** Where the console lives: every page is under /console/ (so a reload never hits an API route). */
export const BASE = '/console/';

export type Route = { page: 'portfolio'; offset: number } | { page: 'coe'; id: string };

export function parseRoute(location: Location): Route {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  const coe = /^coes\/([^/]+)$/.exec(path);
  if (coe) return { page: 'coe', id: decodeURIComponent(coe[1]) };
  const offset = Number(new URLSearchParams(location.search).get('offset') ?? 0);
  return { page: 'portfolio', offset: Number.isInteger(offset) && offset > 0 ? offset : 0 };
}

export const coeHref = (id: string): string => `${BASE}coes/${encodeURIComponent(id)}`;
export const portfolioHref = (offset = 0): string => (offset > 0 ? `${BASE}?offset=${offset}` : BASE);

export function navigate(href: string): void {
  window.history.pushState(null, '', href);
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
