import type { EventStore, RecordedEvent } from '@apo/event-store';
import type { ReadStore } from '@apo/read-store';
import { TransparencyLogReader, transparencyLogProjection } from '@apo/shared-read-models';
import { formatCheckpoint, merkleHashToHex, parseVerifierKey, signNote } from '@apo/transparency-log';

/** A log signer for tests: the key pair and the origin its checkpoints carry. */
export interface TestLogSigner {
  readonly signerKey: string;
  readonly verifierKey: string;
  readonly origin: string;
}

/**
 * Catches the `transparency-log` projection up with the whole log of `store` (as the projection
 * runner would, in batches) and stores a signed checkpoint row at each of `checkpointSizes`, as the
 * checkpointer would: what the proof, bundle and evidence tests run on. Returns the leaf count.
 */
export async function buildSignedTree(store: EventStore, readStore: ReadStore, signer: TestLogSigner, checkpointSizes: readonly number[]): Promise<number> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  const projection = transparencyLogProjection();
  for (let at = 0; at < events.length; at += 25) await readStore.db.transaction().execute((trx) => projection.apply(trx, events.slice(at, at + 25)));
  const reader = new TransparencyLogReader(readStore.db);
  for (const size of checkpointSizes) await storeCheckpoint(readStore, signer, size, await reader.rootAt(size));
  return events.length;
}

/** Stores one checkpoint row of `size` leaves with `rootHash`, signed by `signer` (any root: a test may store a lie). */
export async function storeCheckpoint(readStore: ReadStore, signer: TestLogSigner, size: number, rootHash: Uint8Array, note?: string): Promise<void> {
  const key = parseVerifierKey(signer.verifierKey);
  await readStore.db
    .insertInto('transparency_checkpoints')
    .values({
      tree_size: String(size),
      root_hash: merkleHashToHex(rootHash),
      note: note ?? signNote(formatCheckpoint({ origin: signer.origin, size, rootHash }), [signer.signerKey]),
      origin: signer.origin,
      key_name: key.name,
      key_id: key.keyId.toString(16).padStart(8, '0'),
      verifier_key: signer.verifierKey,
      signed_at: new Date().toISOString(),
      epoch: 1,
    })
    .execute();
}
