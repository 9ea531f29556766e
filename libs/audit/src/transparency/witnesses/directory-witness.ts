import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createDurably, replaceDurably } from './durable-files';
import { checkpointOfNote, requireNoteStates, WitnessError, WitnessForkError, type CheckpointMeta } from './witness-checkpoint';
import { WitnessStatusTracker, type WitnessStatus } from './witness-status';

/** The file always holding the newest checkpoint written to a witness directory. */
export const LATEST_CHECKPOINT_FILE = 'latest.checkpoint';
/** Larger files are not checkpoints (a note with 100 signatures is a few KiB). */
const MAX_CHECKPOINT_BYTES = 64 * 1024;
const SIZE_FILE = /^(0|[1-9][0-9]*)\.checkpoint$/;

/** The checkpoint a witness directory holds. */
export interface HeldCheckpoint {
  /** The signed note as the file holds it. */
  readonly note: string;
  readonly path: string;
  readonly treeSize: number;
}

/** A `.checkpoint` file a directory reading left out, and why. */
export interface IgnoredCheckpointFile {
  readonly path: string;
  readonly problem: string;
}

/** What a witness directory holds for one log. */
export interface DirectoryReading {
  /** The checkpoint of the largest tree size among the files that parse (undefined: none). */
  readonly latest: HeldCheckpoint | undefined;
  /** Files named `*.checkpoint` that were left out (garbage, another log's, a name that lies). */
  readonly ignored: readonly IgnoredCheckpointFile[];
}

/** What `publish` did. */
export interface DirectoryDelivery {
  /** `<dir>/<treeSize>.checkpoint`. */
  readonly path: string;
  /** False when the directory already held these very bytes for this size. */
  readonly written: boolean;
}

/**
 * A directory an auditor controls (a mount, a synced folder) that receives every checkpoint as
 * `<treeSize>.checkpoint` plus `latest.checkpoint`. Files are written whole (temporary file,
 * fsync, rename) and a size file is never replaced: a different checkpoint of a size the
 * directory already holds is a fork, refused with WitnessForkError. Every failure is a
 * WitnessError naming the directory; none crashes the caller.
 */
export class DirectoryWitness {
  readonly kind = 'directory' as const;
  private readonly tracker: WitnessStatusTracker;
  /** Writes one at a time, so latest.checkpoint never moves back under concurrent publishes. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    readonly directory: string,
    now: () => Date = () => new Date(),
  ) {
    this.tracker = new WitnessStatusTracker(directory, 'directory', now);
  }

  /** The witness's name in logs and status: its path. */
  get name(): string {
    return this.directory;
  }

  status(): WitnessStatus {
    return this.tracker.snapshot();
  }

  /**
   * Writes the signed `note` (stating `meta`) as `<treeSize>.checkpoint`, and as
   * `latest.checkpoint` unless that already holds a larger tree of the same log.
   */
  async publish(note: string, meta: CheckpointMeta): Promise<DirectoryDelivery> {
    const write = this.writing.then(() => this.write(note, meta));
    this.writing = write.catch(() => undefined);
    try {
      const delivery = await write;
      this.tracker.delivered(meta.treeSize);
      return delivery;
    } catch (error) {
      const failure = error instanceof WitnessError ? error : new WitnessError(this.describe(error, 'cannot write to'));
      this.tracker.failed(failure.message);
      throw failure;
    }
  }

  /**
   * The newest checkpoint of `origin` the directory holds (by tree size), and the files left
   * out. Size files are read from the largest name down until one parses, so a directory of
   * many checkpoints costs one listing and a few reads; garbage below the answer is not read.
   */
  async latest(origin: string): Promise<DirectoryReading> {
    await this.requireDirectory('cannot read');
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      throw new WitnessError(this.describe(error, 'cannot read'));
    }
    const ignored: IgnoredCheckpointFile[] = [];
    const sizeFiles: { name: string; size: number }[] = [];
    for (const name of names.filter((n) => n.endsWith('.checkpoint') && n !== LATEST_CHECKPOINT_FILE).sort()) {
      const size = SIZE_FILE.exec(name);
      if (size && Number.isSafeInteger(Number(size[1]))) sizeFiles.push({ name, size: Number(size[1]) });
      else ignored.push({ path: join(this.directory, name), problem: 'not named <tree size>.checkpoint' });
    }
    sizeFiles.sort((a, b) => b.size - a.size);

    let fromLatest: HeldCheckpoint | undefined;
    if (names.includes(LATEST_CHECKPOINT_FILE)) {
      const read = await readCheckpointFile(join(this.directory, LATEST_CHECKPOINT_FILE), LATEST_CHECKPOINT_FILE, origin);
      if ('problem' in read) ignored.push({ path: join(this.directory, LATEST_CHECKPOINT_FILE), problem: read.problem });
      else fromLatest = read;
    }
    let newest: HeldCheckpoint | undefined;
    for (const { name, size } of sizeFiles) {
      if (fromLatest && size < fromLatest.treeSize) break;
      const read = await readCheckpointFile(join(this.directory, name), name, origin);
      if (!('problem' in read)) {
        newest = read;
        break;
      }
      ignored.push({ path: join(this.directory, name), problem: read.problem });
    }
    if (!fromLatest || (newest && newest.treeSize > fromLatest.treeSize)) return { latest: newest, ignored };
    if (!newest || newest.treeSize < fromLatest.treeSize) return { latest: fromLatest, ignored };
    // The same size in both: the size file is the record; latest.checkpoint should be a copy of it.
    if (newest.note !== fromLatest.note)
      ignored.push({ path: fromLatest.path, problem: `holds a different checkpoint of tree size ${newest.treeSize} than ${newest.path} (a fork)` });
    return { latest: newest, ignored };
  }

  private async write(note: string, meta: CheckpointMeta): Promise<DirectoryDelivery> {
    try {
      requireNoteStates(note, meta);
    } catch (error) {
      throw new WitnessError(`witness directory ${this.directory}: refused a checkpoint: ${(error as Error).message}`);
    }
    await this.requireDirectory('cannot write to');
    const bytes = Buffer.from(note, 'utf8');
    const path = join(this.directory, `${meta.treeSize}.checkpoint`);
    const created = await createDurably(path, bytes);
    if (created !== 'created' && !created.equals(bytes))
      throw new WitnessForkError(
        `witness directory ${this.directory}: ${path} already holds a different checkpoint of tree size ${meta.treeSize} (a fork); it is kept and the new one refused`,
        path,
      );
    const latestPath = join(this.directory, LATEST_CHECKPOINT_FILE);
    const current = await readCheckpointFile(latestPath, LATEST_CHECKPOINT_FILE, meta.origin);
    if ('problem' in current || current.treeSize <= meta.treeSize) await replaceDurably(latestPath, bytes);
    return { path, written: created === 'created' };
  }

  private async requireDirectory(doing: string): Promise<void> {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(this.directory)).isDirectory();
    } catch (error) {
      throw new WitnessError(this.describe(error, doing));
    }
    if (!isDirectory) throw new WitnessError(`witness directory ${this.directory} is not a directory`);
  }

  private describe(error: unknown, doing: string): string {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `witness directory ${this.directory} does not exist`;
    if (code === 'ENOTDIR') return `witness directory ${this.directory} is not a directory`;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `${doing} witness directory ${this.directory}: permission denied (${code})`;
    return `${doing} witness directory ${this.directory}: ${code ?? (error as Error).message}`;
  }
}

/** One `.checkpoint` file read and parsed, or why it is left out. */
async function readCheckpointFile(path: string, name: string, origin: string): Promise<HeldCheckpoint | { problem: string }> {
  const sizeName = SIZE_FILE.exec(name);
  if (!sizeName && name !== LATEST_CHECKPOINT_FILE) return { problem: 'not named <tree size>.checkpoint' };
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { problem: 'not a regular file' };
    if (info.size > MAX_CHECKPOINT_BYTES) return { problem: `${info.size} bytes: too large for a checkpoint` };
    bytes = await readFile(path);
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  let treeSize: number;
  try {
    treeSize = checkpointOfNote(bytes, origin).size;
  } catch (error) {
    return { problem: `not a signed checkpoint of ${JSON.stringify(origin)}: ${(error as Error).message}` };
  }
  if (sizeName && Number(sizeName[1]) !== treeSize) return { problem: `named for tree size ${sizeName[1]} but states ${treeSize}` };
  return { note: bytes.toString('utf8'), path, treeSize };
}
