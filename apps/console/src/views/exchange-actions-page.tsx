import { useSession } from '../api';
import { Link } from '../link';
import { Loaded, useRead } from '../query';
import { href } from '../router';
import { InstanceActions } from './instance-actions';

/**
 * One BCN exchange: its title, state and the actions allowed now. A minimal page so exchanges can be
 * acted on; the exchange page of the COE/exchange views (facts, diagram, timeline) supersedes it.
 */
export function ExchangeActionsPage({ id }: { id: string }) {
  const { api } = useSession();
  const exchange = useRead(['bcn-exchange', id], () => api.GET('/bcn-exchanges/{id}', { params: { path: { id } } }));
  return (
    <Loaded query={exchange}>
      {(x) => (
        <article aria-labelledby="exchange-title">
          <p>
            <Link href={href('exchanges')}>← Exchanges</Link>
          </p>
          <h1 id="exchange-title">{x.title ?? x.id}</h1>
          <dl className="facts">
            <div>
              <dt>State</dt>
              <dd>{x.state}</dd>
            </div>
            <div>
              <dt>Revision</dt>
              <dd>{x.revision}</dd>
            </div>
            {x.schedule && (
              <div>
                <dt>Participants</dt>
                <dd>
                  {x.schedule.participants.length} of {x.schedule.participantLimit}
                </dd>
              </div>
            )}
          </dl>
          <InstanceActions programme="bcn" id={x.id} revision={x.revision} allowedEvents={x.allowedEvents} />
        </article>
      )}
    </Loaded>
  );
}
