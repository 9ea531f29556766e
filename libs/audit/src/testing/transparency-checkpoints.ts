import { formatCheckpoint, merkleHashFromHex, signNote } from '@apo/transparency-log';
import { rootsAt } from '../transparency/classify-log';
import type { LogLeaf } from '../transparency/log-leaf';
import type { CheckpointToHold } from '../transparency/log-finding';

/** A signed checkpoint of the first `size` leaves, ready to hold the log to (tests). */
export function checkpointOf(
  leaves: readonly LogLeaf[],
  size: number,
  keys: { signerKey: string; verifierKey: string },
  origin: string,
  source = 'own',
): CheckpointToHold {
  const root = rootsAt(leaves, [size]).get(size);
  if (root === undefined) throw new RangeError(`a checkpoint of ${size} leaves needs that many, not ${leaves.length}`);
  const note = signNote(formatCheckpoint({ origin, size, rootHash: merkleHashFromHex(root) }), [keys.signerKey]);
  return { note, verifierKeys: [keys.verifierKey], origin, source };
}

/** The same leaves numbered again from 0 in the order given (what the log reads as after a tamper). */
export const renumber = (leaves: readonly LogLeaf[]): LogLeaf[] => leaves.map((leaf, leafIndex) => ({ ...leaf, leafIndex }));
