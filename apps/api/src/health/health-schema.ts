import { arrayOf, bool, int, named, nullable, num, object, str } from '../http/openapi-schema';

const failedEvent = object({ projection: str(), position: str(), streamId: str(), revision: int(), type: nullable(str()), error: str(), firstSeenAt: str() });

const projection = object({
  name: str(),
  version: int(),
  position: str({ description: 'Global position of the last event applied or examined ("0": none yet)' }),
  headPosition: str(),
  lagEvents: int(),
  lagCapped: bool(),
  secondsBehind: num(),
  rebuilding: bool(),
  failedEvents: int(),
  failed: arrayOf(failedEvent),
  state: str({ enum: ['current', 'behind', 'rebuilding'] }),
});

/** GET /health, with 200 (ok, degraded) and 503 (down). */
export const HEALTH = named(
  'Health',
  object({
    status: str({ enum: ['ok', 'degraded', 'down'] }),
    eventStore: object({ status: str({ enum: ['up', 'down'] }), kind: str({ example: 'sqlite' }) }, { error: str() }),
    readModels: object(
      {
        mode: str({ enum: ['worker', 'in-process', 'external'] }),
        status: str({ enum: ['up', 'catching-up', 'waiting-for-lease', 'failed', 'unavailable', 'idle', 'stopped'] }),
        degraded: bool(),
        kind: str({ enum: ['sqlite', 'postgres'] }),
        position: str(),
        headPosition: str(),
        lagEvents: int(),
        secondsBehind: num(),
        failedEvents: int(),
        failed: arrayOf(failedEvent),
        projections: arrayOf(projection),
      },
      { runner: str(), error: str() },
    ),
    integrity: object({
      brokenStreams: int({ description: 'Streams refused since start for breaking their hash chain' }),
      startupCheck: object({ state: str({ enum: ['off', 'running', 'intact', 'broken', 'failed'] }) }, { events: int(), streams: int() }),
    }),
    audit: object({
      openAlarms: int({
        description: 'Audit alarms open (the log no longer matches a signed checkpoint), not yet acknowledged: writes answer 503 AUDIT_ALARM meanwhile',
      }),
    }),
  }),
);
