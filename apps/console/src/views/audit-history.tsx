import { Link } from '../link';
import { auditHref, count, type HistoryEvent, type Point, type Target } from './audit-api';
import { PersonalJson, personalText, withErased } from './personal-value';

/**
 * Whether an event is part of the point shown, where that is a prefix of the log: after a revision, or as the system
 * showed it at a recorded time. A business date replays the facts dated by then (corrections and late entries
 * included): the state's own lists say which, so no column then.
 */
function inclusion(point: Point): ((event: HistoryEvent) => boolean) | undefined {
  if (point.revision !== undefined) return (event) => event.revision <= (point.revision as number);
  if (point.asAt !== undefined && point.asOf === undefined) {
    const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(point.asAt) ? `${point.asAt}T23:59:59.999Z` : point.asAt);
    if (Number.isNaN(at)) return undefined;
    return (event) => typeof event.metadata.recordedAt === 'string' && Date.parse(event.metadata.recordedAt) <= at;
  }
  return undefined;
}

/** The envelope fields shown in their own columns; any other metadata is listed under "Other metadata". */
const SHOWN = new Set([
  'definition',
  'version',
  'from',
  'to',
  'actor',
  'commandId',
  'correlationId',
  'causationId',
  'recordedAt',
  'effectiveDate',
  'prevHash',
  'hash',
]);

const text = (value: unknown): string => (typeof value === 'string' ? value : personalText(value));

function actorOf(metadata: Record<string, unknown>): string {
  const actor = metadata.actor as { id?: unknown; role?: unknown } | undefined;
  if (!actor || typeof actor !== 'object') return text(actor);
  return `${text(actor.id)}${actor.role ? ` (${text(actor.role)})` : ''}`;
}

/** Every event of the instance with every field the API gives (GET …/history), oldest first; each row links to the state after it. */
export function HistoryTable({
  target,
  events,
  point,
  erased = [],
}: {
  target: Target;
  events: readonly HistoryEvent[];
  point: Point;
  /** Subjects erased on request: their sealed values say so. */
  erased?: readonly string[];
}) {
  const included = inclusion(point);
  return (
    <section aria-labelledby="history-title">
      <h3 id="history-title">Full history ({count(events.length, 'event')})</h3>
      <div className="scroll" tabIndex={0} role="region" aria-label="History table (scrolls sideways)">
        <table className="audit-history">
          <thead>
            <tr>
              <th scope="col">Revision</th>
              {included && <th scope="col">At the point shown</th>}
              <th scope="col">Log position</th>
              <th scope="col">Type</th>
              <th scope="col">Business date</th>
              <th scope="col">Recorded at</th>
              <th scope="col">Stored at</th>
              <th scope="col">From → to</th>
              <th scope="col">Actor</th>
              <th scope="col">Definition</th>
              <th scope="col">Event id</th>
              <th scope="col">Command id</th>
              <th scope="col">Correlation id</th>
              <th scope="col">Causation id</th>
              <th scope="col">Previous hash</th>
              <th scope="col">Hash</th>
              <th scope="col">Data</th>
              <th scope="col">Other metadata</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => {
              const m = event.metadata;
              const other = Object.fromEntries(Object.entries(m).filter(([key]) => !SHOWN.has(key)));
              return (
                <tr key={event.revision} className={included && !included(event) ? 'audit-later' : undefined}>
                  <th scope="row">
                    <Link href={auditHref(target, { revision: event.revision })}>
                      <span className="visually-hidden">State after revision </span>
                      {event.revision}
                    </Link>
                  </th>
                  {included && <td>{included(event) ? 'replayed' : 'later'}</td>}
                  <td>{event.position}</td>
                  <td>{event.type}</td>
                  <td>{text(m.effectiveDate)}</td>
                  <td>{text(m.recordedAt)}</td>
                  <td>{event.createdAt}</td>
                  <td>
                    {text(m.from)} → {text(m.to)}
                  </td>
                  <td>{actorOf(m)}</td>
                  <td>
                    {text(m.definition)} v{text(m.version)}
                  </td>
                  <td className="audit-id">{event.eventId}</td>
                  <td className="audit-id">{text(m.commandId)}</td>
                  <td className="audit-id">{text(m.correlationId)}</td>
                  <td className="audit-id">{text(m.causationId)}</td>
                  <td className="audit-id">{text(m.prevHash)}</td>
                  <td className="audit-id">{text(m.hash)}</td>
                  <td>
                    <details>
                      <summary>Data</summary>
                      <pre>
                        <PersonalJson value={withErased(event.data, erased)} />
                      </pre>
                    </details>
                  </td>
                  <td>
                    {Object.keys(other).length === 0 ? (
                      '—'
                    ) : (
                      <pre>
                        <PersonalJson value={other} />
                      </pre>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
