import { useSession } from '../api';
import { Link } from '../link';
import { Loaded, useRead } from '../query';
import { coeHref, portfolioHref, type Route } from '../router';
import { NewInstanceLink } from './new-instance-link';

const PAGE = 25;

/** GET /coes as a table, a page at a time. */
export function CoePortfolio({ route }: { route: Route }) {
  const { api } = useSession();
  const requested = Number(route.params.get('offset') ?? 0);
  const offset = Number.isInteger(requested) && requested > 0 ? requested : 0;
  const coes = useRead(['coes', { offset }], () => api.GET('/coes', { params: { query: { limit: PAGE, offset } } }));
  return (
    <section aria-labelledby="portfolio-title">
      <h1 id="portfolio-title">Portfolio: COEs</h1>
      <NewInstanceLink programme="coe" />
      <Loaded query={coes}>
        {(page) => (
          <>
            <p role="status">{page.total === 0 ? 'No COEs yet.' : `COEs ${offset + 1}–${Math.min(offset + PAGE, page.total)} of ${page.total}`}</p>
            {/* A focusable region: on a phone the table scrolls sideways, also with the keyboard. */}
            <div className="scroll" tabIndex={0} role="region" aria-label="COEs table (scrolls sideways)">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Economy</th>
                    <th scope="col">Phase</th>
                    <th scope="col">Status</th>
                    <th scope="col">Next due</th>
                    <th scope="col">Overdue</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((coe) => (
                    <tr key={coe.id}>
                      <th scope="row">
                        <Link href={coeHref(coe.id)}>{coe.name ?? coe.id}</Link>
                      </th>
                      <td>{coe.memberEconomy ?? '—'}</td>
                      <td>{coe.phase}</td>
                      <td>{coe.status ?? '—'}</td>
                      <td>{coe.nextDueDate ? `${coe.nextDueDate}${coe.nextDueLabel ? ` (${coe.nextDueLabel})` : ''}` : '—'}</td>
                      <td>{coe.overdue ? <strong className="overdue">Overdue</strong> : 'No'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav aria-label="Pages" className="pages">
              {offset > 0 && <Link href={portfolioHref(Math.max(0, offset - PAGE))}>Previous page</Link>}
              {offset + PAGE < page.total && <Link href={portfolioHref(offset + PAGE)}>Next page</Link>}
            </nav>
          </>
        )}
      </Loaded>
    </section>
  );
}
