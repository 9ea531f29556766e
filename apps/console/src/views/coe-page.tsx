import { useSession } from '../api';
import type { components } from '../api-schema';
import { Link } from '../link';
import { InstanceActions } from './instance-actions';
import { StateDiagram } from './state-diagram';
import { Loaded, useRead } from '../query';
import { portfolioHref } from '../router';

type CoeView = components['schemas']['CoeView'];

/** One COE: its header facts (GET /coes/:id) and the events allowed now. */
export function CoePage({ id }: { id: string }) {
  const { api } = useSession();
  const coe = useRead(['coe', id], () => api.GET('/coes/{id}', { params: { path: { id } } }));
  return <Loaded query={coe}>{(facts) => <CoeFacts coe={facts} />}</Loaded>;
}

function CoeFacts({ coe }: { coe: CoeView }) {
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
      <StateDiagram programme="coe" state={coe.state} />
      <InstanceActions programme="coe" id={coe.id} revision={coe.revision} allowedEvents={coe.allowedEvents} />
    </article>
  );
}
