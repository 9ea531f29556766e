import { Logger } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { registerWitnessMetrics, TransparencyWatch, WitnessPublisher, witnessConfigOf, type WitnessVariables } from '@apo/audit';
import type { EventStore } from '@apo/event-store';
import type { ReadStore } from '@apo/read-store';
import type { TransparencySigning } from '@apo/runtime';
import { TransparencyLogReader } from '@apo/shared-read-models';
import type { AlarmSource } from './alarm-source';

/** The read store's open alarms, as the write gate asks for them (every API process). */
export const readStoreAlarms = (readStore: ReadStore): AlarmSource => {
  const reader = new TransparencyLogReader(readStore.db);
  return { openAlarms: async () => (await reader.openAlarms()).map(({ id, kind, summary, detectedAt }) => ({ id, kind, summary, detectedAt })) };
};

export interface TransparencyDefenceOptions {
  readonly env: WitnessVariables & { readonly AUDIT_SELF_CHECK_SECONDS: number };
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly signing: TransparencySigning;
  readonly metrics: Registry;
  /** True while this process keeps the read models (it then checks the log and feeds the witnesses). */
  readonly holdsLease: () => boolean;
}

/**
 * Where this process keeps the read models and signs checkpoints: the witnesses it hands each
 * new checkpoint to (WITNESS_DIRS, WITNESS_WEBHOOKS), their metrics, and the self-check that holds
 * the log to its checkpoints at start and after new ones (docs/audit.md, "The server defends itself").
 */
/** Injection token of the TransparencyDefence (null where this process signs nothing). */
export const TRANSPARENCY_DEFENCE = Symbol('TransparencyDefence');

export interface TransparencyDefence {
  readonly witnesses: WitnessPublisher;
  start(): void;
  /** Nest's shutdown hook: the check in progress ends and webhook retries stop before the stores close. */
  beforeApplicationShutdown(): Promise<void>;
}

export function transparencyDefence(options: TransparencyDefenceOptions): TransparencyDefence {
  const logger = new Logger('TransparencyLog');
  const witnesses = new WitnessPublisher({ config: witnessConfigOf(options.env), logger });
  registerWitnessMetrics(options.metrics, () => witnesses.status());
  const watch = new TransparencyWatch({
    store: options.store,
    readStore: options.readStore,
    origin: options.signing.origin,
    trustedKeys: options.signing.trustedKeys,
    witnesses,
    holdsLease: options.holdsLease,
    logger,
    selfCheckSeconds: options.env.AUDIT_SELF_CHECK_SECONDS,
  });
  return {
    witnesses,
    start: () => watch.start(),
    beforeApplicationShutdown: async () => {
      await watch.stop();
      await witnesses.stop();
    },
  };
}
