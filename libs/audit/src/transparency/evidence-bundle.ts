import type { JsonObject } from '@apo/event-store';
import { merkleHashToHex, openCheckpoint, parseNote, parseCheckpoint } from '@apo/transparency-log';

/** The format tag of an evidence bundle file; the offline verifier (tools/audit/verify-bundle.mjs) refuses any other. */
export const EVIDENCE_BUNDLE_FORMAT = 'apo-evidence-bundle/1';

/** Which workflow instance a bundle is about. */
export interface BundleInstance {
  readonly programme: string;
  readonly id: string;
  readonly streamId: string;
  /**
   * The initial state of the instance's machine (its definition's `initial`, e.g. `new`), when
   * the maker knows it: the verifier then checks the first event starts from it.
   */
  readonly initialState?: string;
}

/** One event of the instance as stored, with where it sits in the log and its inclusion proof in the bundle's checkpoint. */
export interface BundleEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** Global log position, as a decimal string (JSON has no bigint). */
  readonly position: string;
  readonly leafIndex: number;
  /** RFC 9162 inclusion proof of the event's leaf in the checkpoint's tree, 64-hex hashes from the leaf's sibling up. */
  readonly inclusionProof: readonly string[];
}

/** An evidence bundle: everything an auditor needs to check an instance's history offline against a signed checkpoint. */
export interface EvidenceBundle {
  readonly format: typeof EVIDENCE_BUNDLE_FORMAT;
  readonly origin: string;
  /** The verifier key that signed the checkpoint (an auditor should compare it with one got out of band). */
  readonly verifierKey: string;
  /** The whole C2SP signed note of the checkpoint. */
  readonly checkpoint: string;
  readonly instance: BundleInstance;
  readonly events: readonly BundleEvent[];
  /** ISO 8601 instant the bundle was made. */
  readonly createdAt: string;
}

/** A stored event as the bundle takes it (a RecordedEvent fits). */
export interface BundleSourceEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly position: bigint | string;
}

/** Where one event's leaf is and its inclusion proof (hashes as bytes or 64 hex), as the log reader gives them. */
export interface BundleProof {
  readonly leafIndex: number;
  readonly proof: readonly (Uint8Array | string)[];
}

/** What `evidenceBundle` is made from. */
export interface EvidenceBundleInput {
  readonly instance: BundleInstance;
  /** Every event of the instance, in revision order. */
  readonly events: readonly BundleSourceEvent[];
  /** The proof of each event, in the same order as `events`, each in the checkpoint's tree. */
  readonly proofs: readonly BundleProof[];
  /** The checkpoint's signed note, as stored (transparency_checkpoints.note). */
  readonly checkpoint: string;
  /** The verifier key that signed it (transparency_checkpoints.verifier_key). */
  readonly verifierKey: string;
  readonly createdAt: string;
}

/** A bundle that would not verify, refused before it is written; the message says why. */
export class EvidenceBundleError extends Error {
  constructor(message: string) {
    super(`cannot make the evidence bundle: ${message}`);
    this.name = 'EvidenceBundleError';
  }
}

const proofHex = (hash: Uint8Array | string): string => (typeof hash === 'string' ? hash.toLowerCase() : merkleHashToHex(hash));

/**
 * Builds the evidence bundle of one instance: its events as stored, each with its leaf index and
 * inclusion proof, and the signed checkpoint they are proved in, with its verifier key. Pure.
 * Refuses (EvidenceBundleError) what would only make a bundle that fails: a checkpoint the key
 * did not sign, events not of the instance's stream in revision order 0..n-1, a proof missing or
 * a leaf beyond the checkpoint's tree (that event is not in a signed checkpoint yet).
 */
export function evidenceBundle(input: EvidenceBundleInput): EvidenceBundle {
  const { instance, events, proofs } = input;
  const { checkpoint } = openCheckedCheckpoint(input.checkpoint, input.verifierKey);
  if (events.length === 0) throw new EvidenceBundleError(`${instance.streamId} has no events`);
  if (proofs.length !== events.length) throw new EvidenceBundleError(`${events.length} events but ${proofs.length} proofs`);
  const bundled = events.map((event, i): BundleEvent => {
    const where = `${event.streamId}@${event.revision}`;
    if (event.streamId !== instance.streamId || event.revision !== i) throw new EvidenceBundleError(`${where} stands where ${instance.streamId}@${i} should`);
    const { leafIndex, proof } = proofs[i];
    if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= checkpoint.size)
      throw new EvidenceBundleError(`${where} (leaf ${leafIndex}) is not in the checkpoint of ${checkpoint.size} leaves yet`);
    const { streamId, revision, eventId, type, data, metadata } = event;
    return { streamId, revision, eventId, type, data, metadata, position: String(event.position), leafIndex, inclusionProof: proof.map(proofHex) };
  });
  return {
    format: EVIDENCE_BUNDLE_FORMAT,
    origin: checkpoint.origin,
    verifierKey: input.verifierKey,
    checkpoint: input.checkpoint,
    instance: {
      programme: instance.programme,
      id: instance.id,
      streamId: instance.streamId,
      ...(instance.initialState === undefined ? {} : { initialState: instance.initialState }),
    },
    events: bundled,
    createdAt: input.createdAt,
  };
}

/** The checkpoint, opened with the key said to have signed it (its origin is whatever the signed text says). */
function openCheckedCheckpoint(note: string, verifierKey: string) {
  try {
    const origin = parseCheckpoint(parseNote(note).text).origin;
    return openCheckpoint(note, [verifierKey], origin);
  } catch (error) {
    throw new EvidenceBundleError(`the checkpoint does not open with ${verifierKey}: ${(error as Error).message}`);
  }
}
