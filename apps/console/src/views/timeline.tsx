import { useId, useState, type ReactNode } from 'react';
import { useSession, type Api, type Role } from '../api';
import { Loaded, useRead } from '../query';
import { stateWords, words } from './diagram-layout';
import type { Programme } from './instance-actions';
import { personalMarker, PersonalValue } from './personal-value';
import './timeline.css';

/** One event as the timeline shows it; `metadata` is every field the full view lists. */
interface Entry {
  readonly revision: number;
  readonly type: string;
  readonly effectiveDate: string;
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

/** Auditors and admins read the full history (ids, hashes, correlation); the other roles the timeline route. */
const FULL_HISTORY: readonly Role[] = ['auditor', 'admin'];

async function readEntries(api: Api, role: Role, programme: Programme, id: string) {
  const path = { params: { path: { id } } };
  if (FULL_HISTORY.includes(role)) {
    const reply = programme === 'coe' ? await api.GET('/coes/{id}/history', path) : await api.GET('/bcn-exchanges/{id}/history', path);
    const events: Entry[] | undefined = reply.data?.events.map(({ revision, type, data, metadata, eventId, position, createdAt }) => {
      const m = metadata as Record<string, unknown> & { actor?: Entry['actor'] };
      return {
        revision,
        type,
        data,
        effectiveDate: String(m.effectiveDate ?? ''),
        recordedAt: String(m.recordedAt ?? createdAt),
        actor: m.actor ?? { id: 'unknown', role: 'unknown' },
        metadata: { revision, eventId, position, createdAt, ...m },
      };
    });
    return { ...reply, data: events };
  }
  const reply = programme === 'coe' ? await api.GET('/coes/{id}/events', path) : await api.GET('/bcn-exchanges/{id}/events', path);
  const events: Entry[] | undefined = reply.data?.events.map(({ data, ...fields }) => ({ ...fields, data, metadata: fields }));
  return { ...reply, data: events };
}

/**
 * The instance's events, oldest first: what happened in words, its business date and recorded
 * time, who did it and what it changed; "Full view" lists every metadata field (Temporal's
 * compact and full history).
 */
export function Timeline({ programme, id, revision }: { programme: Programme; id: string; revision?: number }) {
  const { api, role } = useSession();
  const events = useRead(['events', programme, id, role, revision], () => readEntries(api, role, programme, id));
  const [full, setFull] = useState(false);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="timeline">
      <div className="timeline-head">
        <h2 id={headingId}>Timeline</h2>
        <button type="button" aria-pressed={full} onClick={() => setFull(!full)}>
          Full view (every metadata field)
        </button>
      </div>
      <Loaded query={events}>
        {(entries) => (
          <>
            <p role="status">
              {entries.length} {entries.length === 1 ? 'event' : 'events'}, oldest first{full ? ', with every metadata field' : ''}.
            </p>
            <ol className="events">
              {entries.map((entry) => (
                <EventItem key={entry.revision} entry={entry} full={full} />
              ))}
            </ol>
          </>
        )}
      </Loaded>
    </section>
  );
}

/** `AssessmentRecorded` → "Assessment recorded", `CoeLaunched` → "COE launched". */
export const eventWords = (type: string): string => {
  const text = words(type).replace(/\b(coe|bcn|npo)\b/g, (acronym) => acronym.toUpperCase());
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** An ISO instant as "2031-01-10 09:00 UTC" (the same for every reader, wherever they are). */
const instant = (iso: string): string => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso);

function EventItem({ entry, full }: { entry: Entry; full: boolean }) {
  const changes = Object.entries(entry.data);
  return (
    <li>
      <h3>{eventWords(entry.type)}</h3>
      <p className="when">
        <span>
          Business date <time dateTime={entry.effectiveDate}>{entry.effectiveDate || '—'}</time>
        </span>
        <span>
          recorded <time dateTime={entry.recordedAt}>{instant(entry.recordedAt)}</time>
        </span>
        <span>
          by {entry.actor.id} ({entry.actor.role})
        </span>
      </p>
      {changes.length === 0 ? <p className="nothing">No data.</p> : <Fields entries={changes} label={`What ${eventWords(entry.type).toLowerCase()} says`} />}
      {full && (
        <div className="metadata">
          <h4>Metadata</h4>
          <Fields entries={Object.entries(entry.metadata)} label="Metadata" raw />
        </div>
      )}
    </li>
  );
}

/** key: value pairs; a long or nested value folded in a <details>; a personal value as itself or its marker's label. */
function Fields({ entries, label, raw = false }: { entries: [string, unknown][]; label: string; raw?: boolean }) {
  return (
    <dl className="fields" aria-label={label}>
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{raw ? key : words(key)}</dt>
          <dd>{valueOf(key, value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function valueOf(key: string, value: unknown): ReactNode {
  if (value === null || value === undefined) return '—';
  if (personalMarker(value)) return <PersonalValue value={value} />;
  if ((key === 'from' || key === 'to') && typeof value === 'string') return `${stateWords(value)} (${value})`;
  if (typeof value !== 'object') return String(value);
  const small = JSON.stringify(value).length <= 80 && Object.values(value).every((v) => v === null || typeof v !== 'object');
  if (small && Array.isArray(value)) return value.length > 0 ? value.join(', ') : '(none)';
  if (small) return inline(value as Record<string, unknown>);
  const count = Array.isArray(value) ? `${value.length} ${value.length === 1 ? 'item' : 'items'}` : `${Object.keys(value).length} fields`;
  return (
    <details>
      <summary>{count}</summary>
      {Array.isArray(value) ? (
        <ol>
          {value.map((item, i) => (
            <li key={i}>
              {typeof item === 'object' && item !== null && !personalMarker(item) ? (
                <Fields entries={Object.entries(item)} label={`${words(key)} ${i + 1}`} />
              ) : (
                <PersonalValue value={item} />
              )}
            </li>
          ))}
        </ol>
      ) : (
        <Fields entries={Object.entries(value)} label={words(key)} />
      )}
    </details>
  );
}

/** A small flat object on one line: "name: X, type: npo". */
const inline = (value: Record<string, unknown>): string =>
  Object.entries(value)
    .map(([k, v]) => `${words(k)}: ${String(v)}`)
    .join(', ');
