import { formatCheckpoint, formatVerifierKey, frontierSubtrees, merkleHashToHex, rootFromSubtrees, signNote, type NoteSignerKey } from '@apo/transparency-log';
import type { Kysely } from 'kysely';
import type { ReadDatabase, TransparencyCheckpointsTable } from '@apo/read-store';
import type { AppendedTree } from './transparency-log-projection';
import { readStoredSubtrees, readTreeHead } from './transparency-storage';

/** How the lease holder signs checkpoints. */
export interface TransparencyCheckpointerOptions {
  /** The signer key (parsed from TRANSPARENCY_KEY_FILE). */
  readonly signer: NoteSignerKey;
  /** The log's origin line (TRANSPARENCY_ORIGIN, default the key's name). */
  readonly origin: string;
  /** Sign when a batch brings the tree this many leaves past the last checkpoint (CHECKPOINT_EVERY_EVENTS). */
  readonly everyEvents: number;
  /** The clock for `signed_at` (default: now). */
  readonly now?: () => Date;
}

/** The largest tree size a checkpoint was signed for (0 when none). */
async function lastCheckpointSize(db: Kysely<ReadDatabase>): Promise<number> {
  const row = await db.selectFrom('transparency_checkpoints').select('tree_size').orderBy('tree_size', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.tree_size) : 0;
}

/**
 * Signs C2SP tlog checkpoints of the transparency log and keeps them (transparency_checkpoints,
 * epoch 0), each row with the verifier key that checks it, so checkpoints stay verifiable after
 * the key is rotated. Two ways in, both for the process that holds the projection lease:
 * `afterAppend` (hand it to `transparencyLogProjection`) signs inside the batch's transaction
 * when the tree grew `everyEvents` past the last checkpoint; `signIfGrown` (a timer's) signs the
 * stored tree when it grew at all. A size already signed is kept as it is.
 */
export class TransparencyCheckpointer {
  /** The verifier key of the signer: what auditors and witnesses check the notes with. */
  readonly verifierKey: string;
  private readonly keyId: string;

  constructor(private readonly options: TransparencyCheckpointerOptions) {
    if (!Number.isSafeInteger(options.everyEvents) || options.everyEvents < 1)
      throw new RangeError(`everyEvents must be a positive integer (got ${options.everyEvents})`);
    this.verifierKey = formatVerifierKey(options.signer.name, options.signer.publicKey);
    this.keyId = options.signer.keyId.toString(16).padStart(8, '0');
    // The note is checked here once: an origin no checkpoint can carry fails at startup, not at the first signature.
    formatCheckpoint({ origin: options.origin, size: 0, rootHash: new Uint8Array(32) });
  }

  /** The projection's hook: signs the batch's tree, in its transaction, once it is `everyEvents` past the last checkpoint. */
  readonly afterAppend = async (trx: Kysely<ReadDatabase>, tree: AppendedTree): Promise<void> => {
    if (tree.appended === 0) return;
    if (tree.size - (await lastCheckpointSize(trx)) < this.options.everyEvents) return;
    await this.write(trx, tree.size, tree.root());
  };

  /** Signs the stored tree when it grew since the last checkpoint; the row signed, or undefined when there was nothing new. */
  async signIfGrown(db: Kysely<ReadDatabase>): Promise<TransparencyCheckpointsTable | undefined> {
    return db.transaction().execute(async (trx) => {
      const { size } = await readTreeHead(trx);
      if (size === 0 || size <= (await lastCheckpointSize(trx))) return undefined;
      const root = rootFromSubtrees(size, await readStoredSubtrees(trx, frontierSubtrees(size)));
      return this.write(trx, size, root);
    });
  }

  private async write(trx: Kysely<ReadDatabase>, size: number, root: Uint8Array): Promise<TransparencyCheckpointsTable> {
    const { signer, origin } = this.options;
    const note = signNote(formatCheckpoint({ origin, size, rootHash: root }), [signer]);
    const row: TransparencyCheckpointsTable = {
      tree_size: String(size),
      root_hash: merkleHashToHex(root),
      note,
      origin,
      key_name: signer.name,
      key_id: this.keyId,
      verifier_key: this.verifierKey,
      signed_at: (this.options.now?.() ?? new Date()).toISOString(),
      epoch: 0,
    };
    await trx
      .insertInto('transparency_checkpoints')
      .values(row)
      .onConflict((oc) => oc.column('tree_size').doNothing())
      .execute();
    return row;
  }
}
