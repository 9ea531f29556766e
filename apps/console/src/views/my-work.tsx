import { memo } from 'react';
import { useSession } from '../api';
import type { components, operations } from '../api-schema';
import { Loaded, useRead } from '../query';
import { coeHref, exchangeHref, type Route } from '../router';
import { countLine, followRowLink, FilterForm, listQuery, pageOf, Pager, TableRegion, type FilterField } from './list-view';

type Deadline = components['schemas']['Deadline'];
type DeadlineQuery = NonNullable<operations['listDeadlines']['parameters']['query']>;

const PATH = 'work';
const PROGRAMMES = { coe: 'COEs', bcn: 'BCN exchanges' } as const satisfies Record<NonNullable<DeadlineQuery['programme']>, string>;

const FILTERS: readonly FilterField[] = [
  { name: 'withinDays', label: 'Days ahead', help: 'Overdue items are always shown', defaultValue: '30', input: { kind: 'number', min: 0, max: 3660 } },
  { name: 'programme', label: 'Programme', input: { kind: 'select', choices: PROGRAMMES, any: 'COEs and exchanges' } },
  { name: 'overdue', label: 'Overdue only', input: { kind: 'check' } },
];

/** When an item is due, in words (never colour alone). */
export function dueWords(d: Pick<Deadline, 'overdue' | 'daysLeft'>): string {
  if (d.overdue) return `Overdue by ${-d.daysLeft} day${d.daysLeft === -1 ? '' : 's'}`;
  if (d.daysLeft === 0) return 'Due today';
  return `Due in ${d.daysLeft} day${d.daysLeft === 1 ? '' : 's'}`;
}

/** GET /deadlines as a task list: what is owed across COEs and exchanges, overdue first, each with its instance. */
export function MyWork({ route }: { route: Route }) {
  const { api } = useSession();
  const { limit, offset } = pageOf(route);
  const query: Record<string, string> = { ...listQuery(route, FILTERS), limit: String(limit), offset: String(offset) };
  const scope: Record<string, string | undefined> = { withinDays: query.withinDays, programme: query.programme };
  const read = (q: Record<string, string | undefined>) => () => api.GET('/deadlines', { params: { query: q as unknown as DeadlineQuery } });
  const deadlines = useRead(['deadlines', query], read(query));
  // The counts ignore "overdue only" and the page: how much is overdue and how much is due soon, in the chosen days and programme.
  const overdue = useRead(['deadlines', { ...scope, overdue: 'true', limit: '1' }], read({ ...scope, overdue: 'true', limit: '1' }));
  const dueSoon = useRead(['deadlines', { ...scope, overdue: 'false', limit: '1' }], read({ ...scope, overdue: 'false', limit: '1' }));
  const days = Number(query.withinDays);
  return (
    <section aria-labelledby="work-title">
      <h1 id="work-title">My work</h1>
      <p className="help">What is due across the COEs and BCN exchanges: the deadlines their rules hold open, the earliest first.</p>
      <ul className="counts" aria-label="Counts">
        <li>
          <strong>{overdue.data?.total ?? '…'}</strong> overdue
        </li>
        <li>
          <strong>{dueSoon.data?.total ?? '…'}</strong> due in the next {days} day{days === 1 ? '' : 's'}
        </li>
      </ul>
      <FilterForm path={PATH} route={route} fields={FILTERS} title="Filter my work" />
      <Loaded query={deadlines}>
        {(page) => (
          <>
            <p role="status">{page.total === 0 ? 'Nothing is due in this period.' : countLine('deadlines', page.total, offset, page.items.length)}</p>
            <TableRegion label="Deadlines table (scrolls sideways)">
              <table className="list compact">
                <colgroup>
                  <col className="wide" />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">What is owed</th>
                    <th scope="col">When</th>
                    <th scope="col">Due</th>
                    <th scope="col">Instance</th>
                    <th scope="col">Programme</th>
                  </tr>
                </thead>
                <DeadlineRows items={page.items} />
              </table>
            </TableRegion>
            <Pager path={PATH} route={route} total={page.total} />
          </>
        )}
      </Loaded>
    </section>
  );
}

const DeadlineRows = memo(function DeadlineRows({ items }: { items: readonly Deadline[] }) {
  return (
    <tbody onClick={followRowLink}>
      {items.map((d) => (
        <tr key={`${d.streamId} ${d.deadline}`}>
          <th scope="row">{d.label}</th>
          <td>{d.overdue ? <strong className="overdue">{dueWords(d)}</strong> : dueWords(d)}</td>
          <td className="date">{d.dueDate}</td>
          <td>
            <a href={d.programme === 'bcn' ? exchangeHref(d.instanceId) : coeHref(d.instanceId)}>{d.instanceId}</a>
          </td>
          <td>{d.programme === 'bcn' ? 'BCN exchange' : 'COE'}</td>
        </tr>
      ))}
    </tbody>
  );
});
