import type { Worker } from 'node:worker_threads';
import { startModuleWorker as startWorker } from '@apo/stream-folding';

/**
 * A small young generation and a bounded old one make V8 collect the batches' garbage early
 * instead of letting each worker grow by hundreds of MiB; 256 MiB still holds batches of very
 * long streams.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 };

/** Starts a verify worker thread on a module of this library (compiled or TypeScript source, as the caller runs). */
export function startModuleWorker(entry: string, workerData: unknown): Worker {
  return startWorker(entry, workerData, WORKER_LIMITS);
}
