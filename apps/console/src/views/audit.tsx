import { useState, type FormEvent } from 'react';
import { useSession } from '../api';
import { Link } from '../link';
import { Loaded, useRead } from '../query';
import { navigate, type Route } from '../router';
import { auditHref, count, NOUN, pointOf, readHistory, targetOf, type Target } from './audit-api';
import { InstanceDownloads, StoreDownloads } from './audit-downloads';
import { HistoryTable } from './audit-history';
import { TimeTravel } from './audit-time-travel';
import { VerifyInstance, VerifyStore } from './audit-verify';
import type { Programme } from './instance-actions';
import './audit.css';

/** The auditor's page: one instance's full history and its past (time travel), verification, the seal and the exports. */
export function AuditPage({ route }: { route: Route }) {
  const target = targetOf(route.params);
  return (
    <div className="audit">
      <h1>Audit</h1>
      <InstancePicker key={target ? `pick-${target.programme}-${target.id}` : 'pick'} target={target} />
      {target && <InstanceAudit key={`${target.programme}-${target.id}`} target={target} route={route} />}
      <section aria-labelledby="store-title" className="audit-store">
        <h2 id="store-title">The whole store</h2>
        <VerifyStore />
        <section aria-labelledby="seal-title" className="audit-card">
          <h3 id="seal-title">Seal and export</h3>
          <StoreDownloads />
        </section>
      </section>
    </div>
  );
}

function InstancePicker({ target }: { target?: Target }) {
  const { api } = useSession();
  const [programme, setProgramme] = useState<Programme>(target?.programme ?? 'coe');
  const [id, setId] = useState(target?.id ?? '');
  const coes = useRead(['coes', { offset: 0, limit: 10 }], () => api.GET('/coes', { params: { query: { limit: 10 } } }));
  const exchanges = useRead(['bcn-exchanges', { offset: 0, limit: 10 }], () => api.GET('/bcn-exchanges', { params: { query: { limit: 10 } } }));
  const open = (event: FormEvent) => {
    event.preventDefault();
    if (id.trim()) navigate(auditHref({ programme, id: id.trim() }));
  };
  return (
    <section aria-labelledby="pick-title" className="audit-card">
      <h2 id="pick-title">Pick an instance</h2>
      <form onSubmit={open} className="audit-pick">
        <fieldset>
          <legend>Kind</legend>
          {(['coe', 'bcn'] as const).map((p) => (
            <label key={p} className="audit-radio">
              <input type="radio" name="audit-programme" value={p} checked={programme === p} onChange={() => setProgramme(p)} /> {NOUN[p]}
            </label>
          ))}
        </fieldset>
        <div>
          <label htmlFor="audit-id">Instance id</label>
          <input id="audit-id" value={id} onChange={(e) => setId(e.target.value)} spellCheck={false} autoComplete="off" />
        </div>
        <button type="submit">Open its history</button>
      </form>
      <div className="audit-recent">
        <nav aria-label="Recent COEs">
          <h3>COEs</h3>
          <Loaded query={coes}>
            {(page) =>
              page.items.length === 0 ? (
                <p>None yet.</p>
              ) : (
                <ul>
                  {page.items.map((coe) => (
                    <li key={coe.id}>
                      <Link href={auditHref({ programme: 'coe', id: coe.id })} current={target?.programme === 'coe' && target.id === coe.id}>
                        {coe.name ?? coe.id}
                      </Link>{' '}
                      ({coe.id})
                    </li>
                  ))}
                </ul>
              )
            }
          </Loaded>
        </nav>
        <nav aria-label="Recent BCN exchanges">
          <h3>BCN exchanges</h3>
          <Loaded query={exchanges}>
            {(page) =>
              page.items.length === 0 ? (
                <p>None yet.</p>
              ) : (
                <ul>
                  {page.items.map((x) => (
                    <li key={x.id}>
                      <Link href={auditHref({ programme: 'bcn', id: x.id })} current={target?.programme === 'bcn' && target.id === x.id}>
                        {x.title ?? x.id}
                      </Link>{' '}
                      ({x.id})
                    </li>
                  ))}
                </ul>
              )
            }
          </Loaded>
        </nav>
      </div>
    </section>
  );
}

function InstanceAudit({ target, route }: { target: Target; route: Route }) {
  const { api } = useSession();
  const history = useRead(['audit', target.programme, target.id, 'history'], () => readHistory(api, target));
  const noun = NOUN[target.programme];
  return (
    <section aria-labelledby="instance-title" className="audit-instance">
      <h2 id="instance-title">
        {noun} {target.id}
      </h2>
      {history.isError && history.error.status === 409 ? (
        <>
          {/* An event that no longer parses: history and time travel cannot show the stream, verify still can. */}
          <p role="alert">Its history and its past cannot be shown: {history.error.message}</p>
          <VerifyInstance target={target} />
        </>
      ) : (
        <Loaded query={history}>
          {(h) => (
            <>
              <p>
                Stream <code>{h.streamId}</code>, definition {h.definition} version {h.version}, {count(h.events.length, 'event')}.
              </p>
              <TimeTravel target={target} events={h.events} point={pointOf(route.params)} />
              <VerifyInstance target={target} />
              <section aria-labelledby="instance-export-title" className="audit-card">
                <h3 id="instance-export-title">Export this {noun}</h3>
                <InstanceDownloads target={target} />
              </section>
              <HistoryTable target={target} events={h.events} point={pointOf(route.params)} erased={h.erasedSubjects} />
            </>
          )}
        </Loaded>
      )}
    </section>
  );
}
