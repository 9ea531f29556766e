import type { LoggerService } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createRegistry } from '@apo/programmes';
import { openReadStore } from '@apo/read-store';
import { readModelProjections } from '@apo/projections';
import { systemClock, type Clock } from '@apo/engine';
import { WebhookDispatcher } from '@apo/notifications';
import { registerWitnessMetrics, TransparencyWatch, WitnessPublisher, witnessConfigOf } from '@apo/audit';
import { TransparencyLogReader } from '@apo/shared-read-models';
import {
  loadTransparencySigning,
  openEventStore,
  openSnapshotStore,
  parseLeadDays,
  programmesConfig,
  ProjectionMetrics,
  ProjectionSupervisor,
  readStoreUrl,
  transparencyCheckpointing,
  webhooksOf,
} from '@apo/runtime';
import { DeadlineScheduler } from '@apo/scheduler';
import { WorkflowService } from '@apo/workflow';
import type { ProjectorEnvironment } from './projector-config';
import { serveProjector } from './projector-http';

/**
 * The EventStoreDB client's dispose waits for every stream it opened to finish, and a `$all` read
 * ended early (the status's "last event") may never do so: a stop must not hang on it.
 */
const CLOSE_TIMEOUT_MS = 2_000;

export interface RunningProjector {
  /** Where /health and /metrics are served. */
  readonly url: string;
  readonly supervisor: ProjectionSupervisor;
  /** Writes deadline notices (SCHEDULER=on, the default). */
  readonly scheduler: DeadlineScheduler | undefined;
  /** Stops the runner (applying what it read, releasing the lease), the HTTP server and the stores. */
  stop(): Promise<void>;
}

/**
 * The projector: keeps the read models from the event log, as the one runner of its read store
 * (a second projector waits for the lease and takes over when the first one dies), and runs the
 * deadline scheduler (several at once write each notice once) and, while it holds the lease, the
 * webhook dispatcher.
 */
export async function startProjector(env: ProjectorEnvironment, logger: LoggerService, clock: Clock = systemClock): Promise<RunningProjector> {
  // The transparency log's signer key first: a bad key file stops the start before any store opens (ConfigError).
  const signing = loadTransparencySigning(env, (line) => logger.log(line));
  const checkpointing = transparencyCheckpointing({
    signerKey: signing.signerKey,
    origin: signing.origin,
    everyEvents: signing.everyEvents,
    everySeconds: signing.everySeconds,
  });
  const { store, kind } = await openEventStore(env);
  const readStore = await openReadStore({ url: readStoreUrl(env), connectTimeoutMs: env.READ_STORE_CONNECT_TIMEOUT_MS }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const log = { log: (m: string) => logger.log(m), error: (m: string, trace?: string) => logger.error(m, trace) };
  const definitions = createRegistry(programmesConfig(env));
  const snapshots = env.SCHEDULER === 'on' ? await openSnapshotStore(env) : undefined;
  const workflow = new WorkflowService(store, definitions, clock, { snapshots, snapshotEvery: env.SNAPSHOT_EVERY || undefined });
  // While an audit alarm is open (docs/audit.md, "The server defends itself") the scheduler writes nothing.
  const alarms = new TransparencyLogReader(readStore.db);
  const writesRefused = async () => {
    const [first] = await alarms.openAlarms();
    return first && `audit alarm ${first.id} is open (${first.summary}); an admin must acknowledge it`;
  };
  const scheduler =
    env.SCHEDULER === 'on'
      ? new DeadlineScheduler({
          readStore,
          workflow,
          registry: definitions,
          clock,
          leadDays: parseLeadDays(env.SCHEDULER_LEAD_DAYS),
          logger: log,
          writesRefused,
        })
      : undefined;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const supervisor: ProjectionSupervisor = new ProjectionSupervisor({
    store,
    readStore,
    projections: readModelProjections({ registry: definitions, store, transparency: checkpointing.projection }),
    logger: log,
    onBatch: (upTo, events) => metrics.countBatch(upTo, events),
    timedCheckpoints: checkpointing.timer,
  });
  const webhooks = webhooksOf(env);
  const dispatcher =
    webhooks.length > 0
      ? new WebhookDispatcher({
          readStore,
          webhooks,
          clock,
          active: () => supervisor.state === 'running',
          onError: (e) => logger.error(`webhook dispatch failed: ${e instanceof Error ? e.message : String(e)}`),
        })
      : undefined;
  const metrics = new ProjectionMetrics(registry, () => supervisor.health(), { runner: true });
  // The witnesses get each new checkpoint; the log is held to them and to the signed checkpoints.
  const witnesses = new WitnessPublisher({ config: witnessConfigOf(env), logger });
  registerWitnessMetrics(registry, () => witnesses.status());
  const watch = new TransparencyWatch({
    store,
    readStore,
    origin: signing.origin,
    trustedKeys: signing.trustedKeys,
    witnesses,
    holdsLease: () => supervisor.state === 'running',
    logger: log,
    selfCheckSeconds: env.AUDIT_SELF_CHECK_SECONDS,
  });
  const { server, url } = await serveProjector(env.HOST, env.PROJECTOR_PORT, {
    health: async () => {
      const readModels = await supervisor.health();
      // Skipped events make it degraded but not unhealthy (200): a restart would not bring them back.
      const kept = readModels.status !== 'failed' && readModels.status !== 'unavailable' && readModels.status !== 'stopped';
      const status = readModels.status === 'stopped' ? 'stopped' : readModels.degraded ? 'degraded' : 'ok';
      return { healthy: kept, body: { status, eventStore: { kind }, readModels } };
    },
    metrics: () => registry.metrics(),
  }).catch(async (error: unknown) => {
    await Promise.all([readStore.close(), store.close()]);
    throw error;
  });
  supervisor.start();
  watch.start();
  scheduler?.start(env.SCHEDULER_INTERVAL_MS);
  dispatcher?.start(env.WEBHOOK_INTERVAL_MS);
  logger.log(`projector serving /health and /metrics on ${url}; event store ${kind}, read store ${readStore.dialect} ${readStore.location}`);
  let stopping: Promise<void> | undefined;
  return {
    url,
    supervisor,
    scheduler,
    stop: () =>
      (stopping ??= (async () => {
        await Promise.all([scheduler?.stop(), dispatcher?.stop(), watch.stop()]);
        await witnesses.stop();
        await workflow.snapshotsWritten();
        await snapshots?.close();
        await supervisor.stop();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await readStore.close();
        if (!(await settlesWithin(store.close(), CLOSE_TIMEOUT_MS)))
          logger.warn(`the event store did not close within ${CLOSE_TIMEOUT_MS} ms; stopping anyway`);
      })()),
  };
}

/** True if `work` settles within `ms`; the timer keeps the process alive until then. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    timeout,
  ]);
  clearTimeout(timer);
  return settled;
}
