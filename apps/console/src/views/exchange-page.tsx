import { useSession } from '../api';
import type { components } from '../api-schema';
import { Link } from '../link';
import { Loaded, useRead } from '../query';
import { href } from '../router';
import { stateWords } from './diagram-layout';
import { dueWords, Facts, OverdueWords, type Fact } from './instance-facts';
import { InstanceActions } from './instance-actions';
import { ParticipantRoster } from './participant-roster';
import { StateDiagram } from './state-diagram';
import { Timeline } from './timeline';
import './instance-page.css';

type BcnExchangeView = components['schemas']['BcnExchangeView'];

/** One BCN exchange: its header facts (GET /bcn-exchanges/:id), once scheduled its participants, its state on the machine's diagram, its timeline and the events allowed now. */
export function ExchangePage({ id }: { id: string }) {
  const { api } = useSession();
  const exchange = useRead(['exchange', id], () => api.GET('/bcn-exchanges/{id}', { params: { path: { id } } }));
  return <Loaded query={exchange}>{(facts) => <Exchange exchange={facts} />}</Loaded>;
}

const npoWords = (npo: BcnExchangeView['sendingNpo']): string => (npo ? `${npo.name} (${npo.economy})` : '—');

/** The page of an exchange as read (exported for its render test). */
export function Exchange({ exchange: x }: { exchange: BcnExchangeView }) {
  const schedule = x.schedule;
  const facts: Fact[] = [
    ['Economies', `${x.sendingNpo?.economy ?? '—'} sends to ${x.hostingNpo?.economy ?? '—'}`],
    ['Sending NPO', npoWords(x.sendingNpo)],
    ['Hosting NPO', npoWords(x.hostingNpo)],
    ['Topic', x.topic ?? '—'],
    [
      'Window',
      x.window === null ? '—' : `Window ${x.window}${x.programmeYear ? ` of ${x.programmeYear}` : ''}${x.closingDate ? `, closing ${x.closingDate}` : ''}`,
    ],
    ['Status', stateWords(x.state)],
    ['Dates', schedule ? `${schedule.startDate} to ${schedule.endDate}` : 'Not scheduled'],
    [
      'Participants',
      schedule
        ? `${schedule.participants.length} of at most ${schedule.participantLimit} (${schedule.modality === 'virtual' ? 'virtual' : 'face to face'})`
        : '—',
    ],
    ['Next due', dueWords(x.nextDeadline)],
    ['Overdue', <OverdueWords overdue={x.overdue} next={x.nextDeadline} />],
    ['Definition version', String(x.definitionVersion)],
    ['Revision', String(x.revision)],
  ];
  return (
    <article aria-labelledby="exchange-title" className="instance-page">
      <p>
        <Link href={href('exchanges')}>← Exchanges</Link>
      </p>
      <h1 id="exchange-title">{x.title ?? x.id}</h1>
      <p className="subtitle">BCN exchange {x.id}</p>
      <Facts facts={facts} label="Exchange facts" />
      {schedule && <ParticipantRoster participants={schedule.participants} />}
      <InstanceActions programme="bcn" id={x.id} revision={x.revision} allowedEvents={x.allowedEvents} />
      <StateDiagram programme="bcn" version={x.definitionVersion} state={x.state} allowedEvents={x.allowedEvents} />
      <Timeline programme="bcn" id={x.id} revision={x.revision} />
    </article>
  );
}
