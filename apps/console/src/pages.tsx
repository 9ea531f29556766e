import { lazy, Suspense, type ReactNode } from 'react';
import type { Role } from './api';
import type { Page, Route } from './router';
import { CoePage } from './views/coe-page';
import { CoePortfolio } from './views/coe-portfolio';
import { ExchangePage } from './views/exchange-page';
import { ExchangePortfolio } from './views/exchange-portfolio';
import { MyWork } from './views/my-work';
import { CREATORS } from './views/new-instance-link';

// The new-instance pages load when opened (they carry the forms).
const NewInstance = lazy(() => import('./views/new-instance'));

// The Audit view is loaded when first opened: most people never do, and the first load stays small.
const AuditPage = lazy(() => import('./views/audit').then((m) => ({ default: m.AuditPage })));

// Reports (tables, filters, charts) load on first visit: most people never open them.
const ReportsPage = lazy(() => import('./views/reports').then((module) => ({ default: module.ReportsPage })));

/** A page loaded on first visit (React.lazy), with a status line while its code arrives. */
const Deferred = ({ page }: { page: ReactNode }) => <Suspense fallback={<p role="status">Loading…</p>}>{page}</Suspense>;

/** One page of the console: who may open it, its entry in the main navigation (if any), and what it shows. */
export interface PageSpec {
  readonly roles: readonly Role[];
  /** The main navigation's link: its label and its address under /console/. */
  readonly nav?: { readonly label: string; readonly path: string };
  readonly render: (route: Route) => ReactNode;
}

const READERS: readonly Role[] = ['assessor', 'admin', 'auditor', 'reporter'];

/** Every page, in the main navigation's order. A role sees only the pages it may open (the API refuses the rest anyway). */
export const PAGES: Partial<Record<Page, PageSpec>> = {
  work: { roles: ['assessor', 'admin'], nav: { label: 'My work', path: 'work' }, render: (route) => <MyWork route={route} /> },
  coes: { roles: READERS, nav: { label: 'COEs', path: 'coes' }, render: (route) => <CoePortfolio route={route} /> },
  coe: { roles: READERS, render: (route) => <CoePage id={route.id ?? ''} /> },
  'new-coe': { roles: CREATORS, render: () => <Deferred page={<NewInstance key="coe" programme="coe" />} /> },
  exchanges: { roles: READERS, nav: { label: 'BCN exchanges', path: 'exchanges' }, render: (route) => <ExchangePortfolio route={route} /> },
  exchange: { roles: READERS, render: (route) => <ExchangePage id={route.id ?? ''} /> },
  'new-exchange': { roles: CREATORS, render: () => <Deferred page={<NewInstance key="bcn" programme="bcn" />} /> },
  audit: { roles: ['auditor', 'admin'], nav: { label: 'Audit', path: 'audit' }, render: (route) => <Deferred page={<AuditPage route={route} />} /> },
  reports: {
    roles: ['reporter', 'auditor', 'admin'],
    nav: { label: 'Reports', path: 'reports' },
    render: (route) => <Deferred page={<ReportsPage route={route} />} />,
  },
};

/** The landing page of a role: its first page in the navigation. */
export const homeOf = (role: Role): Page | undefined =>
  (Object.entries(PAGES) as [Page, PageSpec][]).find(([, spec]) => spec.nav && spec.roles.includes(role))?.[0];
