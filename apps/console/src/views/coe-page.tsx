import { useSession } from '../api';
import type { components } from '../api-schema';
import { Link } from '../link';
import { Loaded, useRead } from '../query';
import { portfolioHref } from '../router';
import { stateWords } from './diagram-layout';
import { dueWords, Facts, OverdueWords, type Fact } from './instance-facts';
import { InstanceActions } from './instance-actions';
import { COE_PHASES } from './choices';
import { StateDiagram } from './state-diagram';
import { Timeline } from './timeline';
import './instance-page.css';

type CoeView = components['schemas']['CoeView'];
type Due = { dueDate?: unknown; label?: unknown };

/** One COE: its header facts (GET /coes/:id), its state on the machine's diagram, its timeline and the events allowed now. */
export function CoePage({ id }: { id: string }) {
  const { api } = useSession();
  const coe = useRead(['coe', id], () => api.GET('/coes/{id}', { params: { path: { id } } }));
  return <Loaded query={coe}>{(facts) => <Coe coe={facts} />}</Loaded>;
}

/** The phase and where in it the COE is, in words: its status ("in delivery year 1") when the definition gives one. */
function phaseWords(coe: CoeView): string {
  // `status` is a sentence for some states ("in delivery year 1", "suspended since …") and the bare state for the others.
  const phase = coe.phase as keyof typeof COE_PHASES | null | undefined;
  const status = coe.status && coe.status !== coe.state ? coe.status : undefined;
  const words = status ?? (phase ? (COE_PHASES[phase] ?? phase) : stateWords(coe.state));
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function Coe({ coe }: { coe: CoeView }) {
  const next = coe.nextDeadline as Due | null | undefined;
  const facts: Fact[] = [
    ['Member economy', coe.memberEconomy ?? '—'],
    ['Host institution', coe.hostInstitution ? `${coe.hostInstitution.name} (${coe.hostInstitution.type === 'npo' ? 'NPO' : 'other'})` : '—'],
    ['Focus area', coe.focusArea ?? '—'],
    ['Phase', phaseWords(coe)],
    [
      'Current period',
      coe.period ? `${coe.period}${coe.periodStart ? ` from ${coe.periodStart}` : ''}${coe.periodDueDate ? ` to ${coe.periodDueDate}` : ''}` : '—',
    ],
    ['Next due', dueWords(next, coe.dueDate)],
    ['Overdue', <OverdueWords overdue={coe.overdue} next={next} />],
    ['Suspended', coe.suspended ? 'Yes' : 'No'],
    ['Definition version', String(coe.definitionVersion)],
    ['Revision', String(coe.revision)],
  ];
  return (
    <article aria-labelledby="coe-title" className="instance-page">
      <p>
        <Link href={portfolioHref()}>← Portfolio</Link>
      </p>
      <h1 id="coe-title">{coe.name ?? coe.id}</h1>
      <p className="subtitle">COE {coe.id}</p>
      <Facts facts={facts} label="COE facts" />
      <InstanceActions programme="coe" id={coe.id} revision={coe.revision} allowedEvents={coe.allowedEvents} />
      <StateDiagram programme="coe" version={coe.definitionVersion} state={coe.state} allowedEvents={coe.allowedEvents} />
      <Timeline programme="coe" id={coe.id} revision={coe.revision} />
    </article>
  );
}
