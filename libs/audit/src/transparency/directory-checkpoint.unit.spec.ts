import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { generateNoteKeys } from '@apo/transparency-log';
import { checkpointOf, renumber } from '../testing/transparency-checkpoints';
import { checkLogAgainstCheckpoints } from './classify-log';
import { latestDirectoryCheckpoint, MAX_CHECKPOINT_FILE_BYTES } from './directory-checkpoint';

const ORIGIN = 'apo.example/log';
const keys = generateNoteKeys(ORIGIN);
const log = renumber(
  Array.from({ length: 12 }, (_, i) => ({
    leafIndex: i,
    position: BigInt(i + 1),
    streamId: `coe-${i % 3}`,
    revision: i,
    eventId: `e${i}`,
    leafHash: `${i % 10}`.repeat(64),
  })),
);

describe('latestDirectoryCheckpoint (a witness directory, one file per checkpoint)', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'witness-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('picks the largest tree size, whatever the file names, and lists the files that are not checkpoints', async () => {
    const d = dir();
    for (const size of [3, 10, 7]) writeFileSync(join(d, `cp-${String(size).padStart(4, '0')}.txt`), checkpointOf(log, size, keys, ORIGIN).note);
    writeFileSync(join(d, 'README'), 'checkpoints of the APO log\n');
    writeFileSync(join(d, 'big'), Buffer.alloc(MAX_CHECKPOINT_FILE_BYTES + 1, 'a'));
    mkdirSync(join(d, 'old'));
    const { latest, skipped } = await latestDirectoryCheckpoint(d);
    expect(latest).toMatchObject({ file: 'cp-0010.txt', size: 10 });
    expect(skipped.map((s) => s.file)).toEqual(['README', 'big']);
    // Held with the witness's trusted key, it is the checkpoint the log still matches.
    expect(
      checkLogAgainstCheckpoints({ log, checkpoints: [{ note: latest?.note ?? '', verifierKeys: [keys.verifierKey], origin: ORIGIN, source: 'w' }] }),
    ).toEqual([]);
  });

  it('any file content is a checkpoint or skipped, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const d = dir();
        writeFileSync(join(d, 'x'), bytes);
        const { latest, skipped } = await latestDirectoryCheckpoint(d);
        expect(latest === undefined ? skipped : [latest]).toHaveLength(1);
      }),
      { numRuns: 50 },
    );
  });

  it('an empty directory holds none; one that cannot be read is named', async () => {
    expect(await latestDirectoryCheckpoint(dir())).toEqual({ skipped: [] });
    await expect(latestDirectoryCheckpoint(join(tmpdir(), 'no-such-witness-dir-x'))).rejects.toThrow(
      /^witness directory .*no-such-witness-dir-x cannot be read/,
    );
  });
});
