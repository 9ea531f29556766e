import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useSession } from '../api';
import { answerOf } from '../query';
import { count, NOUN, verifyInstance, type Divergence, type InstanceVerification, type StoreVerification, type Target } from './audit-api';

/** What each kind of divergence means (docs/audit.md, "What verify checks"). */
const KIND: Record<Divergence['kind'], string> = {
  malformed: 'the event cannot be read (its data or metadata is not a JSON object)',
  revision: 'a gap in the revisions (an event deleted, inserted or renumbered)',
  stream: 'the event names another stream',
  metadata: 'the envelope (definition, actor, dates, hashes…) is missing or not well formed',
  definition: 'an unknown definition version, or another one than the stream’s first event',
  prevHash: 'the hash chain is broken here (it does not point at the previous event’s hash)',
  hash: 'the event was edited: it does not hash to its stored hash',
  from: 'it records another “from” state than the replay is in',
  allowed: 'the machine did not allow it in that state',
  to: 'it records another “to” state than the replay reaches',
  position: 'it sits before the previous event of its stream in the log',
};

/** The divergences, one row each: where, what is wrong in words, what was expected and found. */
export function DivergenceTable({ divergences, label }: { divergences: readonly Divergence[]; label: string }) {
  return (
    <div className="scroll" tabIndex={0} role="region" aria-label={`${label} (scrolls sideways)`}>
      <table className="audit-divergences">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">Stream</th>
            <th scope="col">Revision</th>
            <th scope="col">What is wrong</th>
            <th scope="col">Expected</th>
            <th scope="col">Found</th>
          </tr>
        </thead>
        <tbody>
          {divergences.map((d, i) => (
            <tr key={`${d.streamId}-${d.revision}-${d.kind}-${i}`}>
              <th scope="row">{d.streamId}</th>
              <td>
                {d.revision}
                {d.position !== undefined && ` (log position ${d.position}${d.part ? `, ${d.part}` : ''})`}
              </td>
              <td>
                <strong>{d.kind}</strong>: {KIND[d.kind]}
              </td>
              <td className="audit-wrap">{d.expected}</td>
              <td className="audit-wrap">{d.actual}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Run<T> = { phase: 'idle' } | { phase: 'running'; since: number } | { phase: 'done'; at: Date; answer: T } | { phase: 'failed'; error: string };

/** A read that may take a while, started by a button: its phase, and the seconds elapsed while it runs. */
function useRun<T>(): [Run<T>, (read: () => Promise<T>) => void, number] {
  const [run, setRun] = useState<Run<T>>({ phase: 'idle' });
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (run.phase !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [run.phase]);
  const start = (read: () => Promise<T>) => {
    setNow(Date.now());
    setRun({ phase: 'running', since: Date.now() });
    read().then(
      (answer) => setRun({ phase: 'done', at: new Date(), answer }),
      (error: unknown) => setRun({ phase: 'failed', error: error instanceof Error ? error.message : String(error) }),
    );
  };
  const elapsed = run.phase === 'running' ? Math.max(0, Math.round((now - run.since) / 1000)) : 0;
  return [run, start, elapsed];
}

function Progress({ label, elapsed }: { label: string; elapsed: number }) {
  return (
    <div className="audit-progress">
      <progress aria-label={label} />
      <p role="status">{label}… this may take a while.</p>
      <p aria-hidden="true">{elapsed} s elapsed</p>
    </div>
  );
}

/** The outcome's region: announced when it changes. */
function Outcome<T>({ run, children }: { run: Run<T>; children: (answer: T, at: Date) => ReactNode }) {
  return (
    <div aria-live="polite">
      {run.phase === 'failed' && <p role="alert">{run.error}</p>}
      {run.phase === 'done' && children(run.answer, run.at)}
    </div>
  );
}

const Verdict = ({ ok, children }: { ok: boolean; children: ReactNode }) => (
  <p className={ok ? 'audit-ok' : 'audit-broken'}>
    <strong>{ok ? 'OK' : 'Not OK'}:</strong> {children}
  </p>
);

export function VerifyInstance({ target }: { target: Target }) {
  const { api } = useSession();
  const [run, start, elapsed] = useRun<InstanceVerification>();
  const noun = NOUN[target.programme];
  return (
    <section aria-labelledby="verify-instance-title" className="audit-card">
      <h3 id="verify-instance-title">Verify this {noun}</h3>
      <p className="help">Replays every event through its definition and checks the hash chain, the revisions, the states and the log order.</p>
      <button type="button" onClick={() => start(() => answerOf(verifyInstance(api, target)))} disabled={run.phase === 'running'}>
        Verify this {noun}
      </button>
      {run.phase === 'running' && <Progress label={`Verifying ${noun} ${target.id}`} elapsed={elapsed} />}
      <Outcome run={run}>
        {(v, at) => (
          <>
            <Verdict ok={v.ok}>
              {v.ok
                ? `${v.events === 1 ? 'the one event' : `all ${v.events} events`} of ${v.streamId} verif${v.events === 1 ? 'ies' : 'y'} (head: revision ${v.head.revision}).`
                : `${count(v.divergences.length, 'divergence')} in the ${count(v.events, 'event')} of ${v.streamId}.`}{' '}
              Checked at {at.toLocaleTimeString()}.
            </Verdict>
            {v.divergences.length > 0 && <DivergenceTable divergences={v.divergences} label={`Divergences of ${v.streamId}`} />}
          </>
        )}
      </Outcome>
    </section>
  );
}

export function VerifyStore() {
  const { api } = useSession();
  const [run, start, elapsed] = useRun<StoreVerification>();
  const [seal, setSeal] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const digest = seal.trim();
    start(() => answerOf(api.GET('/audit/verify', { params: { query: digest ? { seal: digest } : {} } })));
  };
  return (
    <section aria-labelledby="verify-store-title" className="audit-card">
      <h3 id="verify-store-title">Verify the whole store</h3>
      <form onSubmit={submit}>
        <label htmlFor="audit-seal-digest">Filed seal digest (optional)</label>
        <p className="help" id="audit-seal-help">
          Paste a digest filed earlier to also prove nothing was appended or removed since.
        </p>
        <input id="audit-seal-digest" aria-describedby="audit-seal-help" value={seal} onChange={(e) => setSeal(e.target.value)} spellCheck={false} />
        <button type="submit" disabled={run.phase === 'running'}>
          Verify the whole store
        </button>
      </form>
      {run.phase === 'running' && <Progress label="Verifying every stream of the store" elapsed={elapsed} />}
      <Outcome run={run}>{(v, at) => <StoreVerdict v={v} at={at} />}</Outcome>
    </section>
  );
}

function StoreVerdict({ v, at }: { v: StoreVerification; at: Date }) {
  const readers = `${v.workers} worker thread${v.workers === 1 ? '' : 's'} reading ${v.read === 'copy' ? 'a copy of the store' : 'the log'}`;
  const brokenEvents = v.divergenceCount === 0;
  return (
    <>
      <Verdict ok={v.ok}>
        {brokenEvents
          ? `every stream checked: ${count(v.streams, 'stream')}, ${count(v.events, 'event')}, no divergence`
          : `${v.brokenStreams} of ${count(v.streams, 'stream')} broken: ${count(v.divergenceCount, 'divergence')} in ${count(v.events, 'event')}`}
        {v.seal && (v.seal.matches ? '; the filed seal matches' : '; the filed seal does not match')}. Checked at {at.toLocaleTimeString()} by {readers}.
      </Verdict>
      <p>
        Digest of the heads now: <code className="audit-wrap">{v.digest}</code>
      </p>
      {v.divergences.length > 0 && (
        <DivergenceTable
          divergences={v.divergences}
          label={v.divergences.length < v.divergenceCount ? `The first ${v.divergences.length} of ${v.divergenceCount} divergences` : 'Divergences'}
        />
      )}
      {v.seal && !v.seal.matches && (
        <>
          <p>
            Sealed <code className="audit-wrap">{v.seal.expected}</code>, now <code className="audit-wrap">{v.seal.actual}</code>.
          </p>
          {v.seal.changes && v.seal.changes.length > 0 && (
            <ul>
              {v.seal.changes.map((c) => (
                <li key={c.streamId}>
                  {c.streamId}: {c.change}
                  {c.sealed && ` (sealed at revision ${c.sealed.revision})`}
                  {c.now && ` (now at revision ${c.now.revision})`}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
