import type { TransparencyCheckpointSettings } from '../transparency-checkpointing';
import type { ProgrammesConfig } from '@apo/programmes';
import type { RunnerState } from '@apo/projections';

/** What the thread that starts a projection worker gives it. */
export interface ProjectionWorkerData {
  /**
   * The programmes' configuration (closing dates...) from the API's validated environment: the
   * worker builds the same registry from it (plain data; the environment's validation, and its
   * libraries, stay on the API's thread).
   */
  readonly programmes: ProgrammesConfig;
  /** The read store's URL (SQLite file or PostgreSQL): the worker opens its own connection. */
  readonly readStoreUrl: string;
  readonly batchSize?: number;
  readonly leasePollMs?: number;
  readonly restartDelayMs?: number;
  readonly rebuildWriteEvents?: number;
  /** The transparency log's checkpoint signing (key string, origin, how often); none: the tree is kept, nothing is signed. */
  readonly transparency?: TransparencyCheckpointSettings;
}

/** From the API's thread to the worker. */
export type ToWorker =
  | { readonly t: 'health'; readonly id: number }
  | { readonly t: 'wait'; readonly id: number; readonly position: bigint; readonly timeoutMs: number }
  | { readonly t: 'stop' };

/** From the worker to the API's thread. */
export type FromWorker =
  | { readonly t: 'state'; readonly state: RunnerState; readonly error?: string }
  | { readonly t: 'batch'; readonly upTo: bigint; readonly events: number }
  | { readonly t: 'log'; readonly level: 'log' | 'error'; readonly message: string; readonly trace?: string }
  | { readonly t: 'reply'; readonly id: number; readonly value: unknown }
  /** The worker could not start (its read store, its registry): it exits next. */
  | { readonly t: 'fatal'; readonly message: string; readonly stack?: string }
  /** The runner stopped and the read store is closed: the worker may be ended. */
  | { readonly t: 'stopped' };

export const isWorkerMessage = (message: unknown): message is { t: string } =>
  typeof message === 'object' && message !== null && typeof (message as { t?: unknown }).t === 'string';
