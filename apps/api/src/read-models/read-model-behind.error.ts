import { DomainError } from '@apo/engine';

/** A read-model query asked for a position (`X-Min-Position`) the projections did not reach in time: 503, retry. */
export class ReadModelBehind extends DomainError {
  readonly code = 'READ_MODEL_BEHIND';
  constructor(minPosition: bigint, position: string, waitedMs: number) {
    super(`the read models have applied the log up to position ${position}, not yet ${minPosition} (waited ${waitedMs} ms); retry shortly`, {
      minPosition: minPosition.toString(),
      position,
    });
  }
}
