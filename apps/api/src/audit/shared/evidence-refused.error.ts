import { DomainError } from '@apo/engine';

/**
 * An evidence bundle the log cannot give (409): an event of the instance is not in a signed
 * checkpoint yet (`NOT_CHECKPOINTED`: retry after the next checkpoint), no checkpoint of the asked
 * size (`NO_CHECKPOINT`), or a proof that does not verify against the signed root
 * (`TRANSPARENCY_MISMATCH`: the tree and the log disagree; the self-check raises an alarm).
 */
export class EvidenceRefused extends DomainError {
  constructor(
    readonly code: 'NOT_CHECKPOINTED' | 'NO_CHECKPOINT' | 'TRANSPARENCY_MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

/** How the OpenAPI document describes the 409 of the evidence routes. */
export const EVIDENCE_REFUSED_RESPONSE =
  'NOT_CHECKPOINTED: an event of the instance is not in a signed checkpoint yet (retry after the next checkpoint); NO_CHECKPOINT: no signed checkpoint of that treeSize; TRANSPARENCY_MISMATCH: a proof does not verify against the signed root; EVENT_UNREADABLE: a stored event does not parse';
