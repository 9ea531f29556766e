import type { Api } from './api';
import { Link } from './link';
import { portfolioHref } from './router';
import { useAnswer } from './use-answer';

/** One COE: its header facts (GET /coes/:id) and the events allowed now. */
export function CoePage({ api, id }: { api: Api; id: string }) {
  const answer = useAnswer(() => api.GET('/coes/{id}', { params: { path: { id } } }), [api, id]);
  if (answer.state === 'loading') return <p role="status">Loading…</p>;
  if (answer.state === 'failed') return <p role="alert">{answer.message}</p>;
  const coe = answer.data;
  const facts: [string, string][] = [
    ['Economy', coe.memberEconomy ?? '—'],
    ['Host', coe.hostInstitution ? `${coe.hostInstitution.name} (${coe.hostInstitution.type})` : '—'],
    ['Focus area', coe.focusArea ?? '—'],
    ['Phase', coe.phase ?? coe.state],
    ['Status', coe.status ?? '—'],
    ['Due date', coe.dueDate ?? '—'],
    ['Overdue', coe.overdue ? 'Yes' : 'No'],
    ['Revision', String(coe.revision)],
  ];
  return (
    <article aria-labelledby="coe-title">
      <p>
        <Link href={portfolioHref()}>← Portfolio</Link>
      </p>
      <h1 id="coe-title">{coe.name ?? coe.id}</h1>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>Allowed now</h2>
      {coe.allowedEvents.length === 0 ? (
        <p>Nothing can happen to this COE now.</p>
      ) : (
        <ul>
          {coe.allowedEvents.map((event) => (
            <li key={event}>{event}</li>
          ))}
        </ul>
      )}
    </article>
  );
}
