import { lazy, Suspense, type ReactNode } from 'react';
import type { Role } from './api';
import type { Page, Route } from './router';
import { CoePage } from './views/coe-page';
import { CoePortfolio } from './views/coe-portfolio';
import { ExchangeActionsPage } from './views/exchange-actions-page';
import { CREATORS } from './views/new-instance-link';

/** One page of the console: who may open it, its entry in the main navigation (if any), and what it shows. */
export interface PageSpec {
  readonly roles: readonly Role[];
  /** The main navigation's link: its label and its address under /console/. */
  readonly nav?: { readonly label: string; readonly path: string };
  readonly render: (route: Route) => ReactNode;
}

/** The new-instance pages load when opened (they carry the forms). */
const NewInstance = lazy(() => import('./views/new-instance'));
const loading = <p role="status">Loading…</p>;

const READERS: readonly Role[] = ['assessor', 'admin', 'auditor', 'reporter'];

/** Every page, in the main navigation's order. A role sees only the pages it may open (the API refuses the rest anyway). */
export const PAGES: Partial<Record<Page, PageSpec>> = {
  coes: { roles: READERS, nav: { label: 'COEs', path: '' }, render: (route) => <CoePortfolio route={route} /> },
  coe: { roles: READERS, render: (route) => <CoePage id={route.id ?? ''} /> },
  'new-coe': {
    roles: CREATORS,
    render: () => (
      <Suspense fallback={loading}>
        <NewInstance key="coe" programme="coe" />
      </Suspense>
    ),
  },
  exchange: { roles: READERS, render: (route) => <ExchangeActionsPage id={route.id ?? ''} /> },
  'new-exchange': {
    roles: CREATORS,
    render: () => (
      <Suspense fallback={loading}>
        <NewInstance key="bcn" programme="bcn" />
      </Suspense>
    ),
  },
};

/** The landing page of a role: its first page in the navigation. */
export const homeOf = (role: Role): Page | undefined =>
  (Object.entries(PAGES) as [Page, PageSpec][]).find(([, spec]) => spec.nav && spec.roles.includes(role))?.[0];
