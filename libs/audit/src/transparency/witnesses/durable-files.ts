import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Files a reader never sees half-written: the bytes go to a temporary file in the same
 * directory, are fsync'ed, then the file takes its name in one step (link or rename), and the
 * directory is fsync'ed so the name survives a power loss.
 */

/** Writes `bytes` to a fresh temporary file beside `path`, synced to disk; answers its path. */
async function writeTemporary(path: string, bytes: Uint8Array): Promise<string> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return temporary;
}

/** fsync of a directory (its new names); a platform that cannot sync a directory is let be. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}

/** Codes of a file system that has no hard links: the creation falls back to check-then-rename. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/**
 * Creates `path` holding `bytes`, never replacing an existing file: answers 'created', or the
 * bytes the existing file holds (the caller decides whether that is the same content).
 */
export async function createDurably(path: string, bytes: Uint8Array): Promise<'created' | Buffer> {
  const temporary = await writeTemporary(path, bytes);
  try {
    try {
      await link(temporary, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') return await readFile(path);
      if (!NO_LINKS.has(code)) throw error;
      const existing = await readFile(path).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
      if (existing !== undefined) return existing;
      await rename(temporary, path);
    }
    await syncDirectory(dirname(path));
    return 'created';
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** Replaces (or creates) `path` with `bytes` in one step. */
export async function replaceDurably(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = await writeTemporary(path, bytes);
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}
