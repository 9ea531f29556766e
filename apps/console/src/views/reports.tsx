import { useState } from 'react';
import { useSession, type Api } from '../api';
import { COUNTS, ReportCharts } from '../charts/report-charts';
import { Link } from '../link';
import { Loaded, useRead, type Refusal } from '../query';
import { coeHref, exchangeHref, href, type Route } from '../router';
import { REPORTS, reportNamed, type ReportSpec } from './reports-catalog';
import { CSV_LIMIT, downloadCsv } from './reports-csv';
import { ReportFilters } from './reports-filters';
import { ReportTable, type Row } from './reports-table';
import './reports.css';

/** Rows per page unless the address asks for another `limit`. */
const PAGE = 50;

/** `reports`: the list of reports; `reports/<name>`: one report with its filters, charts, table and CSV. */
export function ReportsPage({ route }: { route: Route }) {
  if (route.id === undefined) return <ReportList />;
  const report = reportNamed(route.id);
  if (!report) return <p role="alert">There is no report named “{route.id}”.</p>;
  return <ReportView key={report.name} report={report} params={route.params} />;
}

function ReportList() {
  const groups = [...new Set(REPORTS.map((report) => report.group))];
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">Reports</h1>
      <p>Each report is a table you can filter and download as CSV; some also draw charts.</p>
      {groups.map((group) => (
        <section key={group} aria-labelledby={`reports-${group.replace(/\W+/g, '-')}`}>
          <h2 id={`reports-${group.replace(/\W+/g, '-')}`}>{group}</h2>
          <ul className="report-list">
            {REPORTS.filter((report) => report.group === group).map((report) => (
              <li key={report.name}>
                <Link href={href(`reports/${report.name}`)}>{report.title}</Link>
                <p>{report.summary}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

interface ReportPage {
  items: Row[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * One page of any report route as JSON. The routes differ only in their filters and row columns, and the view shows the rows
 * column by column as the API names them, so one untyped call serves them all (the filters were typed in the catalogue).
 */
const readReport = (api: Api, report: ReportSpec, query: Record<string, string | number>) =>
  api.GET(report.path as '/reports/portfolio', { params: { query: query as never } }) as unknown as Promise<{
    data?: ReportPage;
    error?: unknown;
    response: Response;
  }>;

const wholeNumber = (text: string | null, fallback: number): number => {
  const value = Number(text ?? fallback);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
};

function ReportView({ report, params }: { report: ReportSpec; params: URLSearchParams }) {
  const { api } = useSession();
  // Only the report's own filters are taken from the address, in the catalogue's order.
  const filters: Record<string, string> = {};
  for (const { name } of report.filters) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const offset = wholeNumber(params.get('offset'), 0);
  const limit = wholeNumber(params.get('limit'), PAGE) || PAGE;
  const read = useRead(['report', report.path, filters, offset, limit], () => readReport(api, report, { ...filters, limit, offset }));
  // Charts of counts count every matching row: when the page holds fewer, they are read once more, all of them.
  const countsAll = read.data !== undefined && read.data.total > read.data.items.length && report.charts.some((kind) => COUNTS.has(kind));
  const all = useRead(['report', report.path, filters, 0, CSV_LIMIT], () => readReport(api, report, { ...filters, limit: CSV_LIMIT, offset: 0 }), {
    enabled: countsAll,
  });
  const pageHref = (at: number) => href(`reports/${report.name}`, { ...filters, offset: at > 0 ? at : undefined, limit: limit === PAGE ? undefined : limit });
  return (
    <article aria-labelledby="report-title" className="report">
      <p>
        <Link href={href('reports')}>← Reports</Link>
      </p>
      <h1 id="report-title">{report.title}</h1>
      <p>{report.summary}</p>
      <ReportFilters report={report} values={filters} refusal={read.error ?? undefined} />
      <CsvDownload report={report} filters={filters} />
      {filtersRefused(report, read.error) ? (
        <p role="alert">The API refused a filter: correct it beside its field and apply the filters again.</p>
      ) : (
        <Loaded query={read}>
          {(page) => (
            <>
              <p role="status" className="report-count">
                {page.total === 0 ? 'No rows match these filters.' : `Rows ${offset + 1}–${Math.min(offset + page.items.length, page.total)} of ${page.total}`}
              </p>
              <ReportCharts report={report} rows={page.items} total={page.total} all={countsAll ? all.data?.items : page.items} />
              <h2 className="visually-hidden">Rows</h2>
              <ReportTable caption={`${report.title}: rows`} rows={page.items} linkOf={instanceLink(report)} />
              {(offset > 0 || offset + limit < page.total) && (
                <nav aria-label="Pages" className="pages">
                  {offset > 0 && <Link href={pageHref(Math.max(0, offset - limit))}>Previous page</Link>}
                  {offset + limit < page.total && <Link href={pageHref(offset + limit)}>Next page</Link>}
                </nav>
              )}
            </>
          )}
        </Loaded>
      )}
    </article>
  );
}

/** True when the API refused only filters this form shows (each then says why beside itself). */
const filtersRefused = (report: ReportSpec, refusal: Refusal | null): boolean => {
  const fields = refusal?.problem?.fields ?? [];
  return fields.length > 0 && fields.every(({ field }) => report.filters.some((filter) => filter.name === field));
};

/** The cells naming a COE or a BCN exchange link to its page. */
const instanceLink =
  (report: ReportSpec) =>
  (column: string, row: Row): string | undefined => {
    const value = String(row[column]);
    if (column === 'coeId' || (column === 'id' && report.name === 'coe-overview')) return coeHref(value);
    if (column === 'bcnExchangeId' || column === 'exchangeId' || (column === 'id' && report.name === 'bcn-exchanges')) return exchangeHref(value);
    if (column === 'instanceId') return row.programme === 'bcn' ? exchangeHref(value) : coeHref(value);
    return undefined;
  };

/** A button that saves every row matching the filters as a CSV file; says so while it works and if it fails. */
function CsvDownload({ report, filters }: { report: ReportSpec; filters: Record<string, string> }) {
  const { key } = useSession();
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const download = () => {
    setState({ busy: true });
    downloadCsv(report, filters, key).then(
      () => setState({ busy: false }),
      (error: unknown) => setState({ busy: false, error: error instanceof Error ? error.message : String(error) }),
    );
  };
  return (
    <div className="csv">
      <button type="button" onClick={download} disabled={state.busy} aria-describedby="csv-help">
        Download CSV
      </button>
      <span id="csv-help" className="help">
        Every row matching the filters (up to 10,000), as the API sends it.
      </span>
      {state.busy && <span role="status">Preparing the CSV…</span>}
      {state.error && <p role="alert">{state.error}</p>}
    </div>
  );
}
