import fc from 'fast-check';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCheckpoint } from '@apo/transparency-log';
import { checkpointSigner } from '../../testing/witness-fixtures';
import { DirectoryWitness } from './directory-witness';
import { WitnessError, WitnessForkError } from './witness-checkpoint';

const log = checkpointSigner();

describe('DirectoryWitness', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'witness-dir-'));
    dir = join(root, 'auditor');
    mkdirSync(dir);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes each checkpoint as <size>.checkpoint and latest.checkpoint, byte for byte, leaving no temporary file', async () => {
    const witness = new DirectoryWitness(dir);
    await expect(witness.publish(log.note(10), { treeSize: 10, origin: log.origin })).resolves.toEqual({ path: join(dir, '10.checkpoint'), written: true });
    await witness.publish(log.note(25), { treeSize: 25, origin: log.origin });

    expect(readdirSync(dir).sort()).toEqual(['10.checkpoint', '25.checkpoint', 'latest.checkpoint']);
    expect(readFileSync(join(dir, '10.checkpoint'), 'utf8')).toBe(log.note(10));
    expect(readFileSync(join(dir, 'latest.checkpoint'), 'utf8')).toBe(log.note(25));
    // What an auditor does with the file: it opens with the log's verifier key.
    expect(openCheckpoint(readFileSync(join(dir, 'latest.checkpoint')), [log.verifierKey], log.origin).checkpoint.size).toBe(25);
    expect(witness.status()).toMatchObject({ witness: dir, kind: 'directory', lastDeliveredSize: 25, lastError: null, failures: 0 });
  });

  it('takes the same checkpoint twice without complaint (a retry), and never moves latest back to an older one', async () => {
    const witness = new DirectoryWitness(dir);
    await witness.publish(log.note(30), { treeSize: 30, origin: log.origin });
    await witness.publish(log.note(20), { treeSize: 20, origin: log.origin });
    await expect(witness.publish(log.note(30), { treeSize: 30, origin: log.origin })).resolves.toEqual({ path: join(dir, '30.checkpoint'), written: false });
    expect(readFileSync(join(dir, 'latest.checkpoint'), 'utf8')).toBe(log.note(30));
    expect(readFileSync(join(dir, '20.checkpoint'), 'utf8')).toBe(log.note(20));
  });

  it('refuses a different checkpoint of a size it already holds (a fork), keeping the first', async () => {
    const witness = new DirectoryWitness(dir);
    await witness.publish(log.note(7), { treeSize: 7, origin: log.origin });
    const fork = witness.publish(log.note(7, 'rewritten'), { treeSize: 7, origin: log.origin });
    await expect(fork).rejects.toThrow(WitnessForkError);
    await expect(fork).rejects.toThrow(`${join(dir, '7.checkpoint')} already holds a different checkpoint of tree size 7 (a fork)`);
    await expect(fork).rejects.toMatchObject({ heldAt: join(dir, '7.checkpoint') });
    expect(readFileSync(join(dir, '7.checkpoint'), 'utf8')).toBe(log.note(7));
    expect(readFileSync(join(dir, 'latest.checkpoint'), 'utf8')).toBe(log.note(7));
    expect(readdirSync(dir).sort()).toEqual(['7.checkpoint', 'latest.checkpoint']);
    expect(witness.status()).toMatchObject({ failures: 1, lastError: expect.stringContaining('a fork') });
  });

  it('refuses a note that does not state the size or origin it is filed under', async () => {
    const witness = new DirectoryWitness(dir);
    await expect(witness.publish(log.note(5), { treeSize: 6, origin: log.origin })).rejects.toThrow(/states tree size 5, not 6/);
    await expect(witness.publish(log.note(5), { treeSize: 5, origin: 'another.log' })).rejects.toThrow(/not a signed checkpoint note of "another.log"/);
    await expect(witness.publish('garbage', { treeSize: 5, origin: log.origin })).rejects.toThrow(WitnessError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('answers the newest checkpoint among garbage, reporting every file it left out', async () => {
    const other = checkpointSigner('other.example/log');
    const witness = new DirectoryWitness(dir);
    await witness.publish(log.note(3), { treeSize: 3, origin: log.origin });
    await witness.publish(log.note(12), { treeSize: 12, origin: log.origin });
    writeFileSync(join(dir, '99.checkpoint'), 'not a note at all\n');
    writeFileSync(join(dir, '50.checkpoint'), log.note(40)); // a name that lies
    writeFileSync(join(dir, '60.checkpoint'), other.note(60)); // another log's
    writeFileSync(join(dir, '070.checkpoint'), log.note(70)); // not a canonical size name
    writeFileSync(join(dir, '80.checkpoint'), Buffer.from([0xff, 0xfe, 0x00]));
    mkdirSync(join(dir, '90.checkpoint'));
    writeFileSync(join(dir, 'README.txt'), 'checkpoints of the APO log');
    writeFileSync(join(dir, '.12.checkpoint.123.abcd.tmp'), 'half');

    const { latest, ignored } = await witness.latest(log.origin);
    expect(latest).toEqual({ note: log.note(12), path: join(dir, '12.checkpoint'), treeSize: 12 });
    expect(Object.fromEntries(ignored.map((i) => [i.path.slice(dir.length + 1), i.problem]))).toEqual({
      '99.checkpoint': expect.stringContaining('not a signed checkpoint'),
      '50.checkpoint': 'named for tree size 50 but states 40',
      '60.checkpoint': expect.stringContaining('origin is "other.example/log"'),
      '070.checkpoint': 'not named <tree size>.checkpoint',
      '80.checkpoint': expect.stringContaining('UTF-8'),
      '90.checkpoint': 'not a regular file',
    });
  });

  it('falls back to latest.checkpoint alone, and reports two different checkpoints of one size', async () => {
    writeFileSync(join(dir, 'latest.checkpoint'), log.note(8));
    const witness = new DirectoryWitness(dir);
    expect((await witness.latest(log.origin)).latest).toEqual({ note: log.note(8), path: join(dir, 'latest.checkpoint'), treeSize: 8 });

    writeFileSync(join(dir, '8.checkpoint'), log.note(8, 'forked'));
    const reading = await witness.latest(log.origin);
    expect(reading.latest?.path).toBe(join(dir, '8.checkpoint'));
    expect(reading.ignored).toEqual([{ path: join(dir, 'latest.checkpoint'), problem: expect.stringContaining('different checkpoint of tree size 8') }]);
  });

  it('keeps latest.checkpoint at the largest tree when publishes overlap', async () => {
    const witness = new DirectoryWitness(dir);
    const sizes = [5, 40, 12, 33, 40, 7, 21];
    await Promise.all(sizes.map((size) => witness.publish(log.note(size), { treeSize: size, origin: log.origin })));
    expect(readFileSync(join(dir, 'latest.checkpoint'), 'utf8')).toBe(log.note(40));
    expect(readdirSync(dir).filter((n) => n !== 'latest.checkpoint').length).toBe(new Set(sizes).size);
  });

  it('reads only what it needs: garbage older than the newest good checkpoint is not reported', async () => {
    const witness = new DirectoryWitness(dir);
    writeFileSync(join(dir, '2.checkpoint'), 'old garbage');
    for (const size of [3, 4, 5]) await witness.publish(log.note(size), { treeSize: size, origin: log.origin });
    writeFileSync(join(dir, '6.checkpoint'), 'new garbage');
    const { latest, ignored } = await witness.latest(log.origin);
    expect(latest?.treeSize).toBe(5);
    expect(ignored.map((i) => i.path)).toEqual([join(dir, '6.checkpoint')]);
  });

  it('answers no checkpoint for an empty directory', async () => {
    await expect(new DirectoryWitness(dir).latest(log.origin)).resolves.toEqual({ latest: undefined, ignored: [] });
  });

  it('gives a clear error, never a crash, for a missing directory or a file in its place', async () => {
    const missing = new DirectoryWitness(join(root, 'unmounted'));
    await expect(missing.publish(log.note(1), { treeSize: 1, origin: log.origin })).rejects.toThrow(
      `witness directory ${join(root, 'unmounted')} does not exist`,
    );
    await expect(missing.latest(log.origin)).rejects.toThrow(`witness directory ${join(root, 'unmounted')} does not exist`);
    expect(existsSync(join(root, 'unmounted'))).toBe(false);
    expect(missing.status()).toMatchObject({ failures: 1, lastDeliveredSize: null, lastError: expect.stringContaining('does not exist') });

    writeFileSync(join(root, 'a-file'), 'x');
    const file = new DirectoryWitness(join(root, 'a-file'));
    await expect(file.publish(log.note(1), { treeSize: 1, origin: log.origin })).rejects.toThrow(
      `witness directory ${join(root, 'a-file')} is not a directory`,
    );
    await expect(file.latest(log.origin)).rejects.toThrow(WitnessError);
  });

  it('gives a clear error for a directory it may not write to or read', async () => {
    chmodSync(root, 0o755);
    const witness = new DirectoryWitness(dir);
    await witness.publish(log.note(4), { treeSize: 4, origin: log.origin });
    chmodSync(dir, 0o555);
    await asAnotherUser(async () => {
      await expect(witness.publish(log.note(5), { treeSize: 5, origin: log.origin })).rejects.toThrow(
        `cannot write to witness directory ${dir}: permission denied (EACCES)`,
      );
      await expect(witness.latest(log.origin)).resolves.toMatchObject({ latest: { treeSize: 4 } });
    });
    chmodSync(dir, 0o000);
    await asAnotherUser(() => expect(witness.latest(log.origin)).rejects.toThrow(`cannot read witness directory ${dir}: permission denied (EACCES)`));
    chmodSync(dir, 0o755);
    expect(readdirSync(dir).sort()).toEqual(['4.checkpoint', 'latest.checkpoint']);
  });
});

/** Runs `body` as an unprivileged user when the tests run as root (root ignores file modes). */
async function asAnotherUser(body: () => Promise<unknown>): Promise<void> {
  const root = process.getuid?.() === 0;
  if (root) process.seteuid?.(65534);
  try {
    await body();
  } finally {
    if (root) process.seteuid?.(0);
  }
}

describe('DirectoryWitness (generated sequences)', () => {
  it('keeps the first checkpoint of each size, refuses every fork, and answers the largest tree', async () => {
    const step = fc.record({ size: fc.integer({ min: 0, max: 12 }), history: fc.constantFrom('a', 'b') });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const dir = mkdtempSync(join(tmpdir(), 'witness-prop-'));
        try {
          const witness = new DirectoryWitness(dir);
          const first = new Map<number, string>();
          for (const { size, history } of steps) {
            const note = log.note(size, history);
            const outcome = witness.publish(note, { treeSize: size, origin: log.origin });
            const held = first.get(size);
            if (held === undefined || held === note) {
              await expect(outcome).resolves.toEqual({ path: join(dir, `${size}.checkpoint`), written: held === undefined });
              first.set(size, note);
            } else await expect(outcome).rejects.toThrow(WitnessForkError);
          }
          for (const [size, note] of first) expect(readFileSync(join(dir, `${size}.checkpoint`), 'utf8')).toBe(note);
          const largest = Math.max(...first.keys());
          expect(readFileSync(join(dir, 'latest.checkpoint'), 'utf8')).toBe(first.get(largest));
          await expect(witness.latest(log.origin)).resolves.toEqual({
            latest: { note: first.get(largest), path: join(dir, `${largest}.checkpoint`), treeSize: largest },
            ignored: [],
          });
          expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 30 },
    );
  });
});
