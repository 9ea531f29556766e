import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useSession } from '../api';
import { Link } from '../link';
import { answerOf, type Refusal } from '../query';
import { auditHref, isNow, NOUN, readState, type Point, type StateAt, type Target } from './audit-api';
import { DivergenceTable } from './audit-verify';
import { PersonalJson, personalMarker, PersonalValue } from './personal-value';
import { StateDiagram } from './state-diagram';

/** "plannedLaunchDate" → "Planned launch date". */
const words = (key: string): string => {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

/** A fact's value: a personal value as itself or its marker's label, a nested value as JSON with any marker labelled. */
function shown(value: unknown): ReactNode {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (personalMarker(value)) return <PersonalValue value={value} />;
  if (Array.isArray(value)) return value.length === 0 ? 'none' : <PersonalJson value={value} indent={0} />;
  if (value && typeof value === 'object' && 'name' in value && typeof value.name === 'string') return value.name;
  return <PersonalJson value={value} indent={0} />;
}

/** Which point this is, in words: the reader must never mistake the past for now. */
export function pointInWords(point: Point, known?: number, total?: number): string {
  if (point.revision !== undefined) return `after revision ${point.revision} (the first ${point.revision + 1} events)`;
  const recorded = point.asAt ? ` by what the system had recorded at ${point.asAt}${known !== undefined ? ` (${known} of ${total} events)` : ''}` : '';
  if (point.asOf) return `as of business date ${point.asOf}${recorded || ', by everything known now'}`;
  if (point.asAt) return `as the system showed it at recorded time ${point.asAt}${known !== undefined ? ` (${known} of ${total} events recorded then)` : ''}`;
  return 'now';
}

/** The instance at `point` (GET …/state): what it was, its diagram, its facts and what was allowed then. */
export function StateAtPoint({ target, point, total }: { target: Target; point: Point; total: number }) {
  const { api } = useSession();
  // While the next point loads, the last one stays on screen under its own title (never the new title over old facts).
  const state = useQuery<{ point: Point; s: StateAt }, Refusal>({
    queryKey: ['audit', target.programme, target.id, 'state', point],
    queryFn: async () => ({ point, s: await answerOf(readState(api, target, point)) }),
    placeholderData: keepPreviousData,
  });
  if (state.isPending) return <p role="status">Loading the state…</p>;
  if (state.isError) {
    const fields = state.error.problem?.fields ?? [];
    return (
      <p role="alert" id="audit-point-error">
        {state.error.message}
        {fields.map((f) => ` ${f.field}: ${f.message}.`)}
      </p>
    );
  }
  const { s, point: shownPoint } = state.data;
  const past = !isNow(shownPoint);
  const facts = Object.entries(s.details).filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0));
  return (
    <section aria-labelledby="audit-point-title" className={past ? 'audit-point audit-past' : 'audit-point'} aria-busy={state.isFetching}>
      <h3 id="audit-point-title">
        {past && <span className="audit-badge">The past</span>} {NOUN[target.programme]} {target.id} {pointInWords(shownPoint, s.knownEvents, total)}
      </h3>
      <p>
        {past
          ? `You are looking at the past: ${s.revision < 0 ? 'the instance did not exist yet' : `state ${s.state}`}, ${total - s.laterEvents} of ${total} events replayed. Nothing here can be changed.`
          : s.knownEvents === 1
            ? 'The current state: its one event replayed.'
            : `The current state: every one of the ${s.knownEvents} events replayed.`}{' '}
        {past && <Link href={auditHref(target)}>Back to now</Link>}
      </p>
      {state.isPlaceholderData && <p role="status">Loading the state {pointInWords(point)}…</p>}
      <StateDiagram programme={target.programme} version={s.version} state={s.state} headingLevel={4} />
      <dl className="facts">
        <div>
          <dt>State</dt>
          <dd>{s.state}</dd>
        </div>
        <div>
          <dt>Last event replayed</dt>
          <dd>{s.lastEvent ? `${s.lastEvent.type}, business date ${s.lastEvent.effectiveDate}, recorded ${s.lastEvent.recordedAt}` : 'none'}</dd>
        </div>
        <div>
          <dt>Revision</dt>
          <dd>{s.revision}</dd>
        </div>
        <div>
          <dt>Overdue then</dt>
          <dd>{s.overdue === null ? 'not asked (a revision or a recorded time)' : s.overdue ? 'Yes' : 'No'}</dd>
        </div>
        {facts.map(([key, value]) => (
          <div key={key}>
            <dt>{words(key)}</dt>
            <dd>{shown(value)}</dd>
          </div>
        ))}
      </dl>
      <h4>Allowed {past ? 'then' : 'now'}</h4>
      {s.allowedEvents.length === 0 ? (
        <p>Nothing could happen to it {past ? 'then' : 'now'}.</p>
      ) : (
        <ul aria-label={`Allowed ${past ? 'then' : 'now'}`} className="audit-allowed">
          {s.allowedEvents.map((event) => (
            <li key={event}>{event}</li>
          ))}
        </ul>
      )}
      {s.enteredLate.length > 0 && (
        <>
          <h4>Entered late</h4>
          <ul>
            {s.enteredLate.map((e) => (
              <li key={e.revision}>
                Revision {e.revision}: {e.type}, business date {e.effectiveDate}
              </li>
            ))}
          </ul>
        </>
      )}
      {s.corrected.length > 0 && (
        <>
          <h4>Corrected facts</h4>
          <ul>
            {s.corrected.map((e) => (
              <li key={e.revision}>
                Revision {e.revision} ({e.type}) corrected by revision {e.correctedBy}: it said {e.recorded.effectiveDate}{' '}
                <PersonalJson value={e.recorded.data} indent={0} />
              </li>
            ))}
          </ul>
        </>
      )}
      {s.notReplayable.length > 0 && (
        <>
          <h4>Facts the machine refused at that point</h4>
          <ul>
            {s.notReplayable.map((e) => (
              <li key={e.revision}>
                Revision {e.revision}: {e.type} ({e.effectiveDate}) in state {e.state}
              </li>
            ))}
          </ul>
        </>
      )}
      {s.divergences.length > 0 && <DivergenceTable divergences={s.divergences} label="The stream does not verify" />}
    </section>
  );
}
