import type { ReadStore } from '@apo/read-store';
import { TransparencyCheckpointer, type TransparencyLogProjectionOptions } from '@apo/shared-read-models';
import { parseSignerKey } from '@apo/transparency-log';

/** Plain data (a worker thread gets it as is): the signer key string, the origin, how often. */
export interface TransparencyCheckpointSettings {
  /** `PRIVATE+KEY+name+hash+base64`, as TRANSPARENCY_KEY_FILE holds it. */
  readonly signerKey: string;
  readonly origin: string;
  readonly everyEvents: number;
  readonly everySeconds: number;
}

/** The supervisor's timer: every `everyMs`, while its runner holds the lease, `sign` (which signs when the tree grew). */
export interface TimedCheckpoints {
  readonly everyMs: number;
  sign(readStore: ReadStore): Promise<unknown>;
}

/**
 * The checkpointing of the process that keeps the read models: the transparency-log projection's
 * hook (a checkpoint inside the batch every `everyEvents`) and the supervisor's timer (one every
 * `everySeconds` when the tree grew). Hand `projection` to `readModelProjections({ transparency })`
 * and `timer` to the supervisor's `timedCheckpoints`.
 */
export function transparencyCheckpointing(settings: TransparencyCheckpointSettings): {
  checkpointer: TransparencyCheckpointer;
  projection: TransparencyLogProjectionOptions;
  timer: TimedCheckpoints;
} {
  const checkpointer = new TransparencyCheckpointer({ signer: parseSignerKey(settings.signerKey), origin: settings.origin, everyEvents: settings.everyEvents });
  return {
    checkpointer,
    projection: { afterAppend: checkpointer.afterAppend },
    timer: { everyMs: settings.everySeconds * 1000, sign: (readStore) => checkpointer.signIfGrown(readStore.db) },
  };
}
