import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCheckpoint, parseNote } from '@apo/transparency-log';

/** Largest file read as a checkpoint: a note with the most signatures allowed is far smaller. */
export const MAX_CHECKPOINT_FILE_BYTES = 64 * 1024;

/** The checkpoint a witness directory holds with the largest tree size (its signatures not yet checked). */
export interface DirectoryCheckpoint {
  readonly file: string;
  readonly note: string;
  readonly size: number;
}

/**
 * The latest checkpoint a witness directory holds (one file per checkpoint, any names): every
 * regular file that reads as a signed checkpoint note counts, the largest tree size wins (the
 * first file name in order on a tie). Its signature is not checked here: hold the log to it with
 * the witness's trusted keys (a note no trusted key signed is then an alarm). Files that are not
 * checkpoints are listed as skipped, with why. A directory that cannot be read throws, naming it.
 */
export async function latestDirectoryCheckpoint(dir: string): Promise<{ latest?: DirectoryCheckpoint; skipped: { file: string; reason: string }[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    throw new Error(`witness directory ${dir} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  let latest: DirectoryCheckpoint | undefined;
  const skipped: { file: string; reason: string }[] = [];
  for (const file of names) {
    const path = join(dir, file);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (info.size > MAX_CHECKPOINT_FILE_BYTES) {
      skipped.push({ file, reason: `larger than ${MAX_CHECKPOINT_FILE_BYTES} bytes` });
      continue;
    }
    try {
      const bytes = await readFile(path);
      const { text } = parseNote(bytes);
      const { size } = parseCheckpoint(text);
      if (latest === undefined || size > latest.size) latest = { file, note: bytes.toString('utf8'), size };
    } catch (error) {
      skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { ...(latest === undefined ? {} : { latest }), skipped };
}
