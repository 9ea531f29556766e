import { useState, type FormEvent } from 'react';
import { navigate } from '../router';
import { auditHref, type HistoryEvent, type Point, type Target } from './audit-api';
import { StateAtPoint } from './audit-state';

const distinct = (values: readonly unknown[]): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))].sort();

/** The slider's place: the last of `count` sorted steps that `reached` (0 when none is); the last step without a test (now). */
function indexAt(count: number, reached: ((i: number) => boolean) | undefined): number {
  if (!reached) return count - 1;
  let found = 0;
  for (let i = 0; i < count; i++) if (reached(i)) found = i;
  return found;
}

/** A recorded time as the API reads it (a bare date means the end of that day, UTC), in milliseconds. */
const instant = (asAt: string): number => Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(asAt) ? `${asAt}T23:59:59.999Z` : asAt);

/**
 * Time travel on the two axes (docs/audit.md): by business date (`asOf`) and by recorded time (`asAt`), each with an
 * input and a slider over the instance's own event dates; the point lives in the address, so it can be bookmarked.
 */
export function TimeTravel({ target, events, point }: { target: Target; events: readonly HistoryEvent[]; point: Point }) {
  const dates = distinct(events.map((e) => e.metadata.effectiveDate));
  const times = distinct(events.map((e) => e.metadata.recordedAt)).sort((a, b) => Date.parse(a) - Date.parse(b));
  const go = (to: Point, replace = false) => navigate(auditHref(target, to), { replace });
  const recordedBy = (at: number) => events.filter((e) => typeof e.metadata.recordedAt === 'string' && Date.parse(e.metadata.recordedAt) <= at).length;
  const asOf = point.asOf;
  const dateIndex = indexAt(dates.length, asOf === undefined ? undefined : (i) => dates[i] <= asOf);
  const revisionTime = point.revision === undefined ? undefined : events.find((e) => e.revision === point.revision)?.metadata.recordedAt;
  const at = point.asAt !== undefined ? instant(point.asAt) : typeof revisionTime === 'string' ? Date.parse(revisionTime) : undefined;
  const timeIndex = indexAt(times.length, at === undefined || Number.isNaN(at) ? undefined : (i) => Date.parse(times[i]) <= at);
  return (
    <section aria-labelledby="time-travel-title" className="audit-card">
      <h3 id="time-travel-title">Time travel</h3>
      <p className="help">
        Move along the business dates (when things happened, as stated) or the recorded times (when the system learnt them); both together ask what was in
        effect on a date by what was known at a time.
      </p>
      <div className="audit-axes">
        <fieldset>
          <legend>By business date</legend>
          <DraftInput
            key={`asOf-${point.asOf ?? ''}`}
            id="audit-as-of"
            label="Business date (as of)"
            type="date"
            value={point.asOf ?? ''}
            help="The facts in effect on this date, entered late or not."
            submit="Show as of this date"
            onSubmit={(asOf) => go({ asOf: asOf || undefined, asAt: point.asAt })}
          />
          {dates.length > 0 && (
            <Slider
              id="audit-as-of-slider"
              label="Business dates of the events"
              index={dateIndex}
              count={dates.length}
              text={(i) =>
                !asOf || asOf === dates[i]
                  ? dates[i]
                  : asOf < dates[0]
                    ? `${asOf}: before the first event date (${dates[0]})`
                    : `${dates[i]} (the last event date on or before ${asOf})`
              }
              onChange={(i) => go({ asOf: dates[i], asAt: point.asAt }, true)}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>By recorded time</legend>
          <DraftInput
            key={`asAt-${point.asAt ?? ''}`}
            id="audit-as-at"
            label="Recorded time (as at)"
            type="text"
            value={point.asAt ?? ''}
            help="An ISO time such as 2026-12-01T09:30:00Z, or a date (the end of that day, UTC): only what the system had recorded by then."
            submit="Show as at this time"
            check={(asAt) =>
              asAt === '' || /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(asAt)
                ? undefined
                : 'Write a time such as 2026-12-01T09:30:00Z (with its zone), or a date such as 2026-12-01.'
            }
            onSubmit={(asAt) => go({ asOf: point.asOf, asAt: asAt || undefined })}
          />
          {times.length > 0 && (
            <Slider
              id="audit-as-at-slider"
              label="Recorded times of the events"
              index={timeIndex}
              count={times.length}
              text={(i) => `${recordedBy(Date.parse(times[i]))} of ${events.length} events, recorded by ${times[i]}`}
              onChange={(i) => go({ asOf: point.asOf, asAt: times[i] }, true)}
            />
          )}
          {point.asAt !== undefined && at !== undefined && !Number.isNaN(at) && (
            <p className="help">
              By {point.asAt} the system had recorded {recordedBy(at)} of the {events.length} events.
            </p>
          )}
        </fieldset>
      </div>
      <StateAtPoint target={target} point={point} total={events.length} />
    </section>
  );
}

function Slider(props: { id: string; label: string; index: number; count: number; text: (i: number) => string; onChange: (i: number) => void }) {
  const { id, label, index, count, text, onChange } = props;
  return (
    <div className="audit-slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={count - 1}
        step={1}
        value={index}
        aria-valuetext={text(index)}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <output htmlFor={id}>{text(index)}</output>
    </div>
  );
}

/** An input kept as typed until its button (or Enter) sends it; empty sends "not on this axis". */
function DraftInput(props: {
  id: string;
  label: string;
  type: string;
  value: string;
  help: string;
  submit: string;
  onSubmit: (value: string) => void;
  check?: (value: string) => string | undefined;
}) {
  const { id, label, type, value, help, submit, onSubmit, check } = props;
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string>();
  const send = (event: FormEvent) => {
    event.preventDefault();
    const problem = check?.(draft.trim());
    setError(problem);
    if (!problem) onSubmit(draft.trim());
  };
  return (
    <form onSubmit={send} className="audit-draft">
      <label htmlFor={id}>{label}</label>
      <p className="help" id={`${id}-help`}>
        {help}
      </p>
      <input
        id={id}
        type={type}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}
        aria-invalid={error ? true : undefined}
        spellCheck={false}
      />
      {error && (
        <p className="error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
      <button type="submit">{submit}</button>
    </form>
  );
}
