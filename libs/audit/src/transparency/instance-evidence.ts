import type { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { readInstance } from '../history';
import { checkedInclusion, signedCheckpoint, type ProofLogReader } from './checkpointed-proofs';
import { evidenceBundle, type BundleProof, type EvidenceBundle } from './evidence-bundle';

/** Which instance to bundle, and in which checkpoint. */
export interface InstanceEvidenceRequest {
  readonly programme: string;
  readonly id: string;
  readonly streamId: string;
  /** How messages name the stream (e.g. "COE stream"). */
  readonly what?: string;
  /** The checkpoint's tree size; default the latest checkpoint. */
  readonly treeSize?: number;
  readonly createdAt: string;
}

/** The machine's initial state of the definition the instance's first event names, when the registry knows it. */
function initialStateOf(registry: DefinitionRegistry | undefined, metadata: Record<string, unknown>): string | undefined {
  if (!registry || typeof metadata.definition !== 'string' || typeof metadata.version !== 'number') return undefined;
  try {
    const initial = registry.get(metadata.definition, metadata.version).machine.config.initial;
    return typeof initial === 'string' ? initial : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The evidence bundle of one instance as the live log holds it: its events from the store, each
 * event's leaf and inclusion proof from the stored tree (verified against the signed root), the
 * signed checkpoint and its verifier key. NotFound for an unknown instance, ProofUnavailable when
 * an event is not in a signed checkpoint yet (what `coe audit bundle` and `GET /…/:id/evidence` say).
 */
export async function instanceEvidence(
  store: EventStore,
  reader: ProofLogReader,
  request: InstanceEvidenceRequest,
  registry?: DefinitionRegistry,
): Promise<EvidenceBundle> {
  const events = await readInstance(store, request.streamId, request.what);
  const opened = await signedCheckpoint(reader, request.treeSize);
  const proofs: BundleProof[] = [];
  for (const event of events) {
    const { leafIndex, proof } = await checkedInclusion(reader, opened, event);
    proofs.push({ leafIndex, proof });
  }
  const initialState = initialStateOf(registry, events[0].metadata);
  return evidenceBundle({
    instance: { programme: request.programme, id: request.id, streamId: request.streamId, ...(initialState === undefined ? {} : { initialState }) },
    events,
    proofs,
    checkpoint: opened.row.note,
    verifierKey: opened.row.verifierKey,
    createdAt: request.createdAt,
  });
}
