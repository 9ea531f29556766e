/** The programmes the console drives: their collections in the API. */
export type Programme = 'coe' | 'bcn';

/** What can be done to an instance now (its `allowedEvents`), for the roles that may act. */
export function InstanceActions({ allowedEvents }: { programme: Programme; id: string; revision: number; allowedEvents: readonly string[] }) {
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">Allowed now</h2>
      {allowedEvents.length === 0 ? (
        <p>Nothing can happen to this instance now.</p>
      ) : (
        <ul>
          {allowedEvents.map((event) => (
            <li key={event}>{event}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
