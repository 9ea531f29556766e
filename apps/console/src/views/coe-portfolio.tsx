import { memo } from 'react';
import { useSession } from '../api';
import type { components, operations } from '../api-schema';
import { Loaded, useRead } from '../query';
import { coeHref, type Route } from '../router';
import { COE_PHASES, ECONOMIES, HOST_TYPES, wordFor } from './choices';
import { countLine, followRowLink, FilterForm, listQuery, pageOf, Pager, SortHeader, TableRegion, type FilterField } from './list-view';
import { NewInstanceLink } from './new-instance-link';

type Coe = components['schemas']['CoeListPage']['items'][number];
type CoeQuery = NonNullable<operations['listCoes']['parameters']['query']>;

const PATH = 'coes';

/** Every list filter of GET /coes, with words for the person who sets it. */
const FILTERS: readonly FilterField[] = [
  { name: 'q', label: 'Name contains', input: { kind: 'text', maxLength: 200 } },
  { name: 'phase', label: 'Phase', input: { kind: 'select', choices: COE_PHASES, any: 'Any phase' } },
  { name: 'memberEconomy', label: 'Member economy', input: { kind: 'select', choices: ECONOMIES, any: 'Any economy' } },
  { name: 'host', label: 'Host institution', help: 'Part of its name', input: { kind: 'text', maxLength: 200 } },
  { name: 'hostType', label: 'Host type', input: { kind: 'select', choices: HOST_TYPES, any: 'Any host' } },
  { name: 'nominatingNpo', label: 'Nominating NPO', help: 'Its full name', input: { kind: 'text', maxLength: 200 } },
  { name: 'focusArea', label: 'Focus area', help: 'The whole area, e.g. smart manufacturing', input: { kind: 'text', maxLength: 200 } },
  { name: 'appliedYear', label: 'Year applied', input: { kind: 'number', min: 1900, max: 2100 } },
  { name: 'dueBefore', label: 'Due before', input: { kind: 'date' } },
  { name: 'overdue', label: 'Overdue', input: { kind: 'select', choices: { true: 'Overdue only', false: 'Not overdue' }, any: 'Overdue or not' } },
];

/** GET /coes as a table: the filters, search, sort and page all in the address. */
export function CoePortfolio({ route }: { route: Route }) {
  const { api } = useSession();
  const { limit, offset } = pageOf(route);
  const query: Record<string, string> = { ...listQuery(route, FILTERS), limit: String(limit), offset: String(offset) };
  const coes = useRead(['coes', query], () => api.GET('/coes', { params: { query: query as unknown as CoeQuery } }));
  return (
    <section aria-labelledby="portfolio-title">
      <h1 id="portfolio-title">Portfolio: COEs</h1>
      <NewInstanceLink programme="coe" />
      <FilterForm path={PATH} route={route} fields={FILTERS} title="Filter the COEs" />
      <Loaded query={coes}>
        {(page) => (
          <>
            <p role="status">{countLine('COEs', page.total, offset, page.items.length)}</p>
            <TableRegion label="COEs table (scrolls sideways)">
              <table className="list">
                <colgroup>
                  <col className="wide" />
                </colgroup>
                <thead>
                  <tr>
                    <SortHeader path={PATH} route={route} label="Name" sortKey="name" />
                    <SortHeader path={PATH} route={route} label="Economy" sortKey="economy" />
                    <SortHeader path={PATH} route={route} label="Phase" sortKey="phase" />
                    <th scope="col">Status</th>
                    <SortHeader path={PATH} route={route} label="Next due" sortKey="dueDate" />
                    <th scope="col">Overdue</th>
                  </tr>
                </thead>
                <CoeRows items={page.items} />
              </table>
            </TableRegion>
            <Pager path={PATH} route={route} total={page.total} />
          </>
        )}
      </Loaded>
    </section>
  );
}

/** The rows, memoised on the page's items: 1,000 rows render once per answer, no hook per row. */
const CoeRows = memo(function CoeRows({ items }: { items: readonly Coe[] }) {
  return (
    <tbody onClick={followRowLink}>
      {items.map((coe) => (
        <tr key={coe.id}>
          <th scope="row">
            <a href={coeHref(coe.id)}>{coe.name ?? coe.id}</a>
          </th>
          <td>{coe.memberEconomy ?? '—'}</td>
          <td>{wordFor(COE_PHASES, coe.phase)}</td>
          <td>{coe.status ?? '—'}</td>
          <td>{coe.nextDueDate ? `${coe.nextDueDate}${coe.nextDueLabel ? ` (${coe.nextDueLabel})` : ''}` : '—'}</td>
          <td>{coe.overdue ? <strong className="overdue">Overdue</strong> : 'No'}</td>
        </tr>
      ))}
    </tbody>
  );
});
