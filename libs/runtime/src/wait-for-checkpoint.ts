import type { ReadStore } from '@apo/read-store';
import { checkpointOf } from '@apo/read-queries';

/**
 * Polls the stored checkpoints until every named projection has applied the log up to
 * `position` (true) or `timeoutMs` has passed (false). Works whichever process runs the runner.
 */
export async function waitForCheckpoint(
  readStore: ReadStore,
  projections: readonly string[],
  position: bigint,
  timeoutMs: number,
  pollMs = 20,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (BigInt(await checkpointOf(readStore.db, projections)) >= position) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, left)));
  }
}
