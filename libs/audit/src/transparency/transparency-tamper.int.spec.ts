import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bcnLifeScript, BCN_LIFE_SCRIPT_ID } from '@apo/bcn/testing';
import { coeLifeScriptV2, recordActivity } from '@apo/coe/testing';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { generateNoteKeys } from '@apo/transparency-log';
import { byDay, exchangeScriptSteps, lifeScriptSteps, runSteps } from '@apo/projections/testing';
import { auditRegistry, verifyStore } from '../index';
import { copyStore, LIFE_COE, LIFE_STREAM, OPEN_COE, openSteps } from '../testing/audit-fixtures';
import { Tamper } from '../testing/tamper';
import { checkpointOf } from '../testing/transparency-checkpoints';
import { checkStoreAgainstCheckpoints } from './check-store';
import type { LogLeaf } from './log-leaf';
import type { CheckpointToHold, LogFinding } from './log-finding';
import { readLogLeaves } from './read-log-leaves';

const ORIGIN = 'apo.example/transparency';
const keys = generateNoteKeys(ORIGIN);
/** Another key with the same name: what someone who rewrote the log would sign with. */
const forgerKeys = generateNoteKeys(ORIGIN);
const SECOND_EXCHANGE = 'bcn-2031-th-vn';
const SECOND_COE = 'th-second';

/** A real store: two COEs through their life (one mid-life), a third COE mid-life and two BCN exchanges, interleaved by day. */
async function buildStore(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'transparency-store-'));
  const store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
  try {
    await runSteps(
      store,
      byDay([
        ...lifeScriptSteps(LIFE_COE, coeLifeScriptV2),
        ...openSteps(),
        ...lifeScriptSteps(SECOND_COE, coeLifeScriptV2.slice(0, 12)),
        ...exchangeScriptSteps(BCN_LIFE_SCRIPT_ID, bcnLifeScript),
        ...exchangeScriptSteps(SECOND_EXCHANGE, bcnLifeScript),
      ]),
    );
  } finally {
    await store.close();
  }
  return dir;
}

async function leavesOf(dir: string): Promise<LogLeaf[]> {
  const store = await openSqliteEventStore({ dataDir: dir });
  try {
    const leaves: LogLeaf[] = [];
    for await (const leaf of readLogLeaves(store, { pageSize: 7 })) leaves.push(leaf);
    return leaves;
  } finally {
    await store.close();
  }
}

describe('the transparency log self-check against a tampered SQLite store file', () => {
  let pristine: string;
  /** The leaves the tree stored when it signed `own` (all of the pristine log). */
  let signed: LogLeaf[];
  let own: CheckpointToHold;
  let half: CheckpointToHold;
  const dirs: string[] = [];

  const tampered = (attack: (t: Tamper) => void): string => {
    const dir = copyStore(pristine);
    dirs.push(dir);
    const t = new Tamper(dir);
    try {
      attack(t);
    } finally {
      t.close();
    }
    return dir;
  };
  /** Reopens the store and holds its log to the checkpoints, with the stored leaves unless told not to. */
  const check = async (dir: string, checkpoints: CheckpointToHold[] = [own], stored = true): Promise<LogFinding[]> => {
    const store = await openSqliteEventStore({ dataDir: dir });
    try {
      const report = await checkStoreAgainstCheckpoints(store, { checkpoints, ...(stored ? { storedLeaves: async (n: number) => signed.slice(0, n) } : {}) });
      return report.findings;
    } finally {
      await store.close();
    }
  };
  const halfSize = () => Math.floor(signed.length / 2);
  const leafOf = (streamId: string, revision: number) => signed.find((l) => l.streamId === streamId && l.revision === revision) as LogLeaf;

  beforeAll(async () => {
    pristine = await buildStore();
    signed = await leavesOf(pristine);
    own = checkpointOf(signed, signed.length, keys, ORIGIN);
    half = checkpointOf(signed, halfSize(), keys, ORIGIN);
  }, 120_000);
  afterAll(() => [pristine, ...dirs].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('reads one leaf per event, in log order, with COE and BCN streams among them', () => {
    expect(signed.length).toBeGreaterThan(60);
    expect(signed.map((l) => l.leafIndex)).toEqual(signed.map((_, i) => i));
    expect(signed.every((l, i) => i === 0 || l.position > signed[i - 1].position)).toBe(true);
    expect(new Set(signed.map((l) => l.streamId))).toEqual(
      new Set([LIFE_STREAM, `coe-${OPEN_COE}`, `coe-${SECOND_COE}`, `bcn-${BCN_LIFE_SCRIPT_ID}`, `bcn-${SECOND_EXCHANGE}`]),
    );
  });

  it('reads up to a size, and refuses sizes that are no leaf counts', async () => {
    const dir = copyStore(pristine);
    dirs.push(dir);
    const store = await openSqliteEventStore({ dataDir: dir });
    try {
      const first: LogLeaf[] = [];
      for await (const leaf of readLogLeaves(store, { upToSize: 5, pageSize: 2 })) first.push(leaf);
      expect(first).toEqual(signed.slice(0, 5));
      for (const upToSize of [-1, 2.5, Number.NaN])
        await expect(readLogLeaves(store, { upToSize }).next()).rejects.toThrow(`upToSize must be a non-negative integer, not ${upToSize}`);
      await expect(readLogLeaves(store, { pageSize: 0 }).next()).rejects.toThrow('pageSize must be a positive integer');
    } finally {
      await store.close();
    }
  });

  it('the untouched log holds its checkpoints: no finding', async () => {
    const dir = copyStore(pristine);
    dirs.push(dir);
    expect(await check(dir, [own, half])).toEqual([]);
  });

  it('events appended after the checkpoint are no finding', async () => {
    const dir = copyStore(pristine);
    dirs.push(dir);
    const store = await openSqliteEventStore({ dataDir: dir });
    await runSteps(store, [{ coe: OPEN_COE, on: '2029-03-01', role: 'assessor', command: recordActivity('2029-03-01') }]);
    await store.close();
    expect((await leavesOf(dir)).length).toBe(signed.length + 1);
    expect(await check(dir, [own, half])).toEqual([]);
  });

  it('tail truncation: named from its first leaf and log position', async () => {
    const gone = signed.slice(-3);
    const dir = tampered((t) => gone.forEach((leaf) => t.delete(leaf.streamId, leaf.revision)));
    const findings = await check(dir);
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'truncated',
        logSize: signed.length - 3,
        missing: 3,
        from: expect.objectContaining({ leafIndex: gone[0].leafIndex, position: String(gone[0].position), streamId: gone[0].streamId }),
      }),
    ]);
    expect(findings[0].summary).toContain(`truncated tail from leaf ${gone[0].leafIndex} / position ${gone[0].position}`);
  });

  it('tail truncation without the stored leaves: the checkpoints bracket it', async () => {
    const dir = tampered((t) => signed.slice(-3).forEach((leaf) => t.delete(leaf.streamId, leaf.revision)));
    const findings = await check(dir, [own, half], false);
    expect(findings).toEqual([expect.objectContaining({ kind: 'truncated', between: { from: halfSize(), to: signed.length } })]);
    expect(findings[0].summary).toContain(`between checkpoints ${halfSize()} and ${signed.length}`);
  });

  it('a deleted stream: named with each of its leaves', async () => {
    const victim = `coe-${SECOND_COE}`;
    const leaves = signed.filter((l) => l.streamId === victim);
    expect(leaves[leaves.length - 1].leafIndex).toBeLessThan(signed.length - 1);
    const dir = tampered((t) => expect(t.deleteStream(victim)).toBe(leaves.length));
    const findings = await check(dir);
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'deleted-stream',
        streams: [
          {
            streamId: victim,
            leaves: leaves.map((l) => expect.objectContaining({ leafIndex: l.leafIndex, revision: l.revision, position: String(l.position) })),
          },
        ],
      }),
    ]);
    expect(findings[0].summary).toContain(`deleted stream ${victim} (leaves ${leaves[0].leafIndex}, ${leaves[1].leafIndex}`);
  });

  it('a tail rewritten and re-chained with a correct per-stream chain: verify finds nothing, the self-check names where it starts', async () => {
    const last = Math.max(...signed.filter((l) => l.streamId === LIFE_STREAM).map((l) => l.revision));
    const from = last - 2;
    const dir = tampered((t) => {
      for (let r = from; r <= last; r++) t.edit(LIFE_STREAM, r, 'metadata', '$.actor.id', 'admin:mallory');
      t.rechain(LIFE_STREAM, from);
    });
    const store = await openSqliteEventStore({ dataDir: dir });
    const verified = await verifyStore(store, { registry: auditRegistry(), workers: 0 });
    await store.close();
    expect(verified).toMatchObject({ ok: true, divergenceCount: 0 });

    const first = leafOf(LIFE_STREAM, from);
    const findings = await check(dir);
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'rewritten',
        changed: 3,
        first: expect.objectContaining({ streamId: LIFE_STREAM, revision: from, leafIndex: first.leafIndex, position: String(first.position) }),
      }),
    ]);
    expect(findings[0].summary).toContain(`tail rewritten from ${LIFE_STREAM}@${from} (leaf ${first.leafIndex}, position ${first.position})`);
    // Without the stored leaves, the two checkpoints still bracket it.
    const [fallback] = await check(dir, [own, half], false);
    const before = first.leafIndex < halfSize();
    expect(fallback).toMatchObject({ kind: 'rewritten', between: before ? { from: 0, to: halfSize() } : { from: halfSize(), to: signed.length } });
  });

  it('a forged checkpoint: its text changed under a signature of the trusted key', async () => {
    const [originLine, , root, ...rest] = own.note.split('\n');
    const forged = { ...own, note: [originLine, String(signed.length - 3), root, ...rest].join('\n') };
    const dir = copyStore(pristine);
    dirs.push(dir);
    const findings = await check(dir, [forged]);
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'forged-checkpoint', keyName: ORIGIN, checkpoints: [{ source: 'own', size: signed.length - 3 }] }),
    ]);
    expect(findings[0].summary).toContain(`forged checkpoint: checkpoint ${signed.length - 3} from own`);
  });

  it('a checkpoint from another key: a truncated log re-signed by its truncator is not trusted, and the real checkpoint still names the truncation', async () => {
    const dir = tampered((t) => signed.slice(-5).forEach((leaf) => t.delete(leaf.streamId, leaf.revision)));
    const resigned = { ...checkpointOf(signed, signed.length - 5, forgerKeys, ORIGIN), verifierKeys: [keys.verifierKey] };
    const findings = await check(dir, [resigned, { ...own, source: 'auditor-dir' }]);
    expect(findings.map((f) => f.kind)).toEqual(['unknown-key', 'truncated']);
    expect(findings[0]).toMatchObject({ signers: [{ name: ORIGIN, keyId: forgerKeys.verifierKey.split('+')[1] }] });
    expect(findings[0].summary).toContain('unknown key');
    expect(findings[1]).toMatchObject({ checkpoints: [{ source: 'auditor-dir', size: signed.length }] });
  });

  it('an event damaged after it became a leaf is a missing leaf, named', async () => {
    const victim = leafOf(`coe-${OPEN_COE}`, 3);
    const dir = tampered((t) => t.overwrite(victim.streamId, victim.revision, 'metadata', 'not json'));
    // The log reads on past it (in pages), without it.
    const now = await leavesOf(dir);
    expect(now.map((l) => l.eventId)).toEqual(signed.filter((l) => l !== victim).map((l) => l.eventId));
    const findings = await check(dir);
    expect(findings).toEqual([expect.objectContaining({ kind: 'deleted-events', leaves: [expect.objectContaining({ leafIndex: victim.leafIndex })] })]);
  });
});
