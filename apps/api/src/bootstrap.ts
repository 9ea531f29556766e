import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Logger, type ValidationError as ClassValidationError } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';
import { SwaggerModule } from '@nestjs/swagger';
import { systemClock, ValidationError, type Clock, type DefinitionRegistry, type FieldError } from '@apo/engine';
import { createRegistry } from '@apo/programmes';
import { openReadStore } from '@apo/read-store';
import { loadTransparencySigning, openEventStore, openPersonalData, openSnapshotStore, programmesConfig, readStoreUrl } from '@apo/runtime';
import { reapplyErasures, WorkflowService } from '@apo/workflow';
import { AppModule } from './app.module';
import { loadKeyRing, type Role } from './auth/api-keys';
import { loadApiEnvironment } from './config/api-config';
import { devKeysFileOf } from './config/production-problems';
import { ApiLogger, createApiLog } from './infrastructure/api-logger';
import { BackgroundJobs } from './infrastructure/background-jobs';
import { answerClientError } from './http/client-error';
import { openApiDocument } from './http/openapi-document';
import { sendProblem } from './http/problem-details.filter';
import { enforceInputPolicy, parseJsonBody } from './http/request-input';
import { RequestBodyPipe } from './http/request-body-pipe';
import { fastifyLogging, logRequests } from './http/request-log';
import { addResponseHeaders } from './http/response-headers';
import { consoleDirectory, serveConsole } from './http/console-files';
import { memoiseValidationMetadata } from './http/validation-metadata-memo';
import { instrument } from './infrastructure/instrumented-event-store';
import { ApiMetrics } from './infrastructure/metrics';
import { StreamIntegrity } from './infrastructure/stream-integrity';
import { ReadModels, type ProjectorMode } from './read-models/read-models';
import { writesRefusedBy, type AlarmSource } from './audit/alarms/alarm-source';
import { readStoreAlarms, transparencyDefence } from './audit/alarms/transparency-defence';

export interface RunningApi {
  readonly app: NestFastifyApplication;
  readonly url: string;
  /** Development keys created by this start (printed once), by role. */
  readonly createdKeys?: Record<Role, string>;
  /** The deadline scheduler (when this process runs it) and other timers. */
  readonly jobs: BackgroundJobs;
  /** The start-up hash chain check (running in the background) and the streams refused for integrity. */
  readonly integrity: StreamIntegrity;
  /** The read models (the projection runner in a worker thread or in-process, unless PROJECTOR=external). */
  readonly readModels: ReadModels;
  /** The API's one log (LOG_LEVEL): Fastify's request logger and Nest's logger write to it. */
  readonly log: Pino;
  close(): Promise<void>;
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Builds and starts the API from environment variables (validated first). `listen: false` builds
 * the application and starts nothing (no port, no background work): to read its OpenAPI document.
 */
export async function startApi(
  vars: Record<string, string | undefined>,
  options: { clock?: Clock; definitions?: DefinitionRegistry; listen?: boolean; alarms?: AlarmSource } = {},
): Promise<RunningApi> {
  const env = loadApiEnvironment(vars);
  const keys = loadKeyRing({
    nodeEnv: env.NODE_ENV,
    apiKeys: env.API_KEYS,
    apiKeysFile: env.API_KEYS_FILE,
    devKeysFile: devKeysFileOf(env.DATA_DIR),
  });
  // The transparency log's signer key, where this process keeps the read models (a bad key file stops the start).
  const signingLines: string[] = [];
  const signing = env.PROJECTOR === 'external' || options.listen === false ? undefined : loadTransparencySigning(env, (line) => signingLines.push(line));
  const metrics = new ApiMetrics();
  const { store, kind } = await openEventStore(env);
  const readStore = await openReadStore({ url: readStoreUrl(env), connectTimeoutMs: env.READ_STORE_CONNECT_TIMEOUT_MS });
  // Tests may run other definition versions than the entry points' registry (e.g. a log written before version 2).
  const registry = options.definitions ?? createRegistry(programmesConfig(env));
  const clock = options.clock ?? systemClock;
  const instrumented = instrument(store, metrics);
  const snapshots = await openSnapshotStore(env);
  // The personal-data keys, apart from the log; erasures the log records are destroyed again first (a key store restored from an older backup).
  const personal = await openPersonalData(env);
  const reapplied = await reapplyErasures(store, personal);
  if (reapplied.length > 0) new Logger('PersonalData').warn(`re-applied ${reapplied.length} erasure(s) the log records but the key store did not`);
  const workflow = new WorkflowService(instrumented, registry, clock, {
    personalData: personal,
    snapshots,
    snapshotEvery: env.SNAPSHOT_EVERY || undefined,
    onSnapshotError: (error, streamId) => new Logger('Snapshots').warn(`snapshot of ${streamId}: ${error instanceof Error ? error.message : String(error)}`),
    onIntegrityFailure: (error, definition) => integrity.failed(error, definition),
  });
  const integrity = new StreamIntegrity({ workflow, store, registry, metrics, maxEvents: env.INTEGRITY_CHECK_EVENTS });
  const readModels = new ReadModels({
    mode: env.PROJECTOR as ProjectorMode,
    store,
    readStore,
    definitions: registry,
    waitMs: env.READ_MODEL_WAIT_MS,
    registry: metrics.registry,
    worker: options.definitions ? undefined : { programmes: programmesConfig(env), readStoreUrl: readStoreUrl(env) },
    transparency: signing && { signerKey: signing.signerKey, origin: signing.origin, everyEvents: signing.everyEvents, everySeconds: signing.everySeconds },
  });
  const holdsLease = () => readModels.runnerState === 'running';
  const alarms = options.alarms ?? readStoreAlarms(readStore);
  const jobs = new BackgroundJobs({ env, readStore, workflow, registry, clock, leaseHeld: holdsLease, writesRefused: writesRefusedBy(alarms) });
  const defence = signing && transparencyDefence({ env, store, readStore, signing, metrics: metrics.registry, holdsLease });

  const log = createApiLog(env.LOG_LEVEL, env.NODE_ENV);
  // The key file created by this start, with its verifier key: once, in the API's log.
  for (const line of signingLines) log.info(line);
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    // A request (headers and body) must arrive within REQUEST_TIMEOUT_MS (Fastify's default of 0
    // switches off Node's own limit, so a dribbled body held a connection for ever), checked every
    // second; a connection idle for IDLE_TIMEOUT_MS is closed.
    requestTimeout: env.REQUEST_TIMEOUT_MS,
    connectionTimeout: env.IDLE_TIMEOUT_MS,
    http: { connectionsCheckingInterval: 1000, headersTimeout: env.REQUEST_TIMEOUT_MS },
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, request, error, new Logger('Problem')),
    clientErrorHandler: answerClientError,
    // The API's log, with no child logger per request (silent: no logger at all).
    ...fastifyLogging(log),
    // One line per request, with what the request learnt on its way (logRequests), instead of Fastify's two.
    disableRequestLogging: true,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.with({
      env,
      store: instrumented,
      readStore,
      readModels,
      jobs,
      workflow,
      integrity,
      storeKind: kind,
      registry,
      keys: keys.ring,
      clock,
      metrics,
      alarms,
      transparency: defence,
      personal,
    }),
    adapter,
    { logger: new ApiLogger(log) },
  );
  // A signal ends in process.exit, so the log's last lines are written (LogOutput, at exit).
  app.enableShutdownHooks([], { useProcessExit: true });
  app.useBodyParser('application/json', { bodyLimit: env.BODY_LIMIT_BYTES }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  enforceInputPolicy(app.getHttpAdapter().getInstance());
  memoiseValidationMetadata();
  app.useGlobalPipes(
    new RequestBodyPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new ValidationError(flatten(errors)),
    }),
  );
  const fastify = app.getHttpAdapter().getInstance();
  if (log.isLevelEnabled('info')) logRequests(fastify, log);
  // Security headers (helmet's, computed once), the correlation id its log lines and events carry,
  // and ETag / X-Log-Position on answers with a revision. No upgrade-insecure-requests: the console
  // is served over plain HTTP on a private address too, and its scripts must load from there.
  addResponseHeaders(fastify, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
  });

  // The console (apps/console, built by `npm run build` into dist/console) at / and /console/.
  const consoleDir = consoleDirectory(env.CONSOLE_DIR);
  if (consoleDir) await serveConsole(fastify, consoleDir);
  else new Logger('Console').warn('the console is not built (npm run build): / and /console/ answer 404');

  // Built on the first request for /docs or /docs-json, not at every start: a server nobody reads
  // the OpenAPI of keeps neither the document nor the scan's garbage in its heap.
  SwaggerModule.setup('docs', app, () => openApiDocument(app));

  const close = async () => {
    await app.close();
    await integrity.stop();
    await workflow.snapshotsWritten();
    await Promise.all([store.close(), readStore.close(), snapshots?.close(), personal.keys.close()]);
  };
  if (options.listen === false) return { app, url: '', createdKeys: keys.created, jobs, integrity, readModels, log, close };

  // In the background; until it is over, cold loads check from the first event (see StreamIntegrity).
  integrity.start();
  await app.listen(env.PORT, env.HOST);
  // After listening: the runner waits for its lease and catches up in the background. Nest's
  // shutdown hooks stop it (ReadModels.beforeApplicationShutdown) before the stores close.
  readModels.start();
  jobs.start();
  defence?.start();
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  return { app, url: `http://${env.HOST}:${port}`, createdKeys: keys.created, jobs, integrity, readModels, log, close };
}

/** class-validator's nested errors -> `field.sub[0].x` paths, every one named. */
function flatten(errors: ClassValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property) ? `${prefix.replace(/\.$/, '')}[${e.property}]` : `${prefix}${e.property}`;
    // class-validator starts messages with the property name; the field already names it.
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message,
    }));
    return [...own, ...flatten(e.children ?? [], `${field}.`)];
  });
}
