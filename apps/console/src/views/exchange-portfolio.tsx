import { memo } from 'react';
import { useSession } from '../api';
import type { components, operations } from '../api-schema';
import { NewInstanceLink } from './new-instance-link';
import { Loaded, useRead } from '../query';
import { exchangeHref, type Route } from '../router';
import { BCN_STATES, ECONOMIES, MODALITIES, ORIGINS, wordFor } from './choices';
import { countLine, followRowLink, FilterForm, listQuery, pageOf, Pager, SortHeader, TableRegion, type FilterField } from './list-view';

type Exchange = components['schemas']['BcnExchangeListPage']['items'][number];
type BcnQuery = NonNullable<operations['listBcnExchanges']['parameters']['query']>;

const PATH = 'exchanges';

/** Every list filter of GET /bcn-exchanges. */
const FILTERS: readonly FilterField[] = [
  { name: 'q', label: 'Title contains', input: { kind: 'text', maxLength: 200 } },
  { name: 'state', label: 'State', input: { kind: 'select', choices: BCN_STATES, any: 'Any state' } },
  { name: 'programmeYear', label: 'Programme year', input: { kind: 'number', min: 2000, max: 2100 } },
  {
    name: 'window',
    label: 'Application window',
    help: '1: the first closing date of the year, 2: the second',
    input: { kind: 'number', min: 1, max: 12 },
  },
  { name: 'origin', label: 'Origin', input: { kind: 'select', choices: ORIGINS, any: 'Any origin' } },
  { name: 'modality', label: 'Modality', input: { kind: 'select', choices: MODALITIES, any: 'Any modality' } },
  { name: 'sendingEconomy', label: 'Sending economy', input: { kind: 'select', choices: ECONOMIES, any: 'Any economy' } },
  { name: 'hostingEconomy', label: 'Hosting economy', input: { kind: 'select', choices: ECONOMIES, any: 'Any economy' } },
];

/** GET /bcn-exchanges as a table: the filters, search, sort and page all in the address. */
export function ExchangePortfolio({ route }: { route: Route }) {
  const { api } = useSession();
  const { limit, offset } = pageOf(route);
  const query: Record<string, string> = { ...listQuery(route, FILTERS), limit: String(limit), offset: String(offset) };
  const exchanges = useRead(['bcn-exchanges', query], () => api.GET('/bcn-exchanges', { params: { query: query as unknown as BcnQuery } }));
  return (
    <section aria-labelledby="exchanges-title">
      <h1 id="exchanges-title">Portfolio: BCN exchanges</h1>
      <NewInstanceLink programme="bcn" />
      <FilterForm path={PATH} route={route} fields={FILTERS} title="Filter the exchanges" />
      <Loaded query={exchanges}>
        {(page) => (
          <>
            <p role="status">{countLine('exchanges', page.total, offset, page.items.length)}</p>
            <TableRegion label="Exchanges table (scrolls sideways)">
              <table className="list">
                <colgroup>
                  <col className="wide" />
                </colgroup>
                <thead>
                  <tr>
                    <SortHeader path={PATH} route={route} label="Title" sortKey="title" />
                    <SortHeader path={PATH} route={route} label="Year" sortKey="programmeYear" />
                    <SortHeader path={PATH} route={route} label="State" sortKey="state" />
                    <SortHeader path={PATH} route={route} label="Sending" sortKey="sendingEconomy" />
                    <SortHeader path={PATH} route={route} label="Hosting" sortKey="hostingEconomy" />
                    <SortHeader path={PATH} route={route} label="Starts" sortKey="startDate" />
                    <th scope="col">Modality</th>
                  </tr>
                </thead>
                <ExchangeRows items={page.items} />
              </table>
            </TableRegion>
            <Pager path={PATH} route={route} total={page.total} />
          </>
        )}
      </Loaded>
    </section>
  );
}

const ExchangeRows = memo(function ExchangeRows({ items }: { items: readonly Exchange[] }) {
  return (
    <tbody onClick={followRowLink}>
      {items.map((x) => (
        <tr key={x.id}>
          <th scope="row">
            <a href={exchangeHref(x.id)}>{x.title ?? x.id}</a>
          </th>
          <td>{x.programmeYear ?? '—'}</td>
          <td>{wordFor(BCN_STATES, x.state)}</td>
          <td>{x.sendingEconomy ?? '—'}</td>
          <td>{x.hostingEconomy ?? '—'}</td>
          <td className="date">{x.startDate ?? '—'}</td>
          <td>{wordFor(MODALITIES, x.modality)}</td>
        </tr>
      ))}
    </tbody>
  );
});
