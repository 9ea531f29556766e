import type { Api } from './api';
import { Link } from './link';
import { coeHref, portfolioHref } from './router';
import { useAnswer } from './use-answer';

const PAGE = 25;

/** GET /coes as a table, a page at a time. */
export function Portfolio({ api, offset }: { api: Api; offset: number }) {
  const answer = useAnswer(() => api.GET('/coes', { params: { query: { limit: PAGE, offset } } }), [api, offset]);
  return (
    <section aria-labelledby="portfolio-title">
      <h1 id="portfolio-title">Portfolio: COEs</h1>
      {answer.state === 'loading' && <p role="status">Loading…</p>}
      {answer.state === 'failed' && <p role="alert">{answer.message}</p>}
      {answer.state === 'ok' && (
        <>
          <p role="status">
            {answer.data.total === 0 ? 'No COEs yet.' : `COEs ${offset + 1}–${Math.min(offset + PAGE, answer.data.total)} of ${answer.data.total}`}
          </p>
          {/* A focusable region: on a phone the table scrolls sideways, also with the keyboard. */}
          <div className="scroll" tabIndex={0} role="region" aria-labelledby="portfolio-title">
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
                {answer.data.items.map((coe) => (
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
            {offset + PAGE < answer.data.total && <Link href={portfolioHref(offset + PAGE)}>Next page</Link>}
          </nav>
        </>
      )}
    </section>
  );
}
