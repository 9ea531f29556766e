import fc from 'fast-check';
import { generateNoteKeys, signNote } from '@apo/transparency-log';
import { checkpointOf, renumber } from '../testing/transparency-checkpoints';
import { checkLogAgainstCheckpoints, findingKey } from './classify-log';
import type { LogLeaf } from './log-leaf';
import type { LogFinding } from './log-finding';

const ORIGIN = 'apo.example/log';
const keys = generateNoteKeys(ORIGIN);
const otherKeys = generateNoteKeys(ORIGIN);
const witnessKeys = generateNoteKeys('witness.example');

/** A log of up to 40 events over up to 6 streams, interleaved as the generator picks, each with its own leaf hash. */
const logArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.uint8Array({ minLength: 32, maxLength: 32 })), { minLength: 1, maxLength: 40 })
  .map((picks) => {
    const revisions = new Map<number, number>();
    return picks.map(([stream, bytes], leafIndex): LogLeaf => {
      const revision = revisions.get(stream) ?? 0;
      revisions.set(stream, revision + 1);
      return {
        leafIndex,
        position: BigInt(leafIndex * 2 + 1),
        streamId: `coe-s${stream}`,
        revision,
        eventId: `e-${leafIndex}`,
        leafHash: Buffer.from(bytes).toString('hex'),
      };
    });
  });

/** A log and a checkpoint size 1..length. */
const logAndSize = logArb.chain((log) => fc.tuple(fc.constant(log), fc.integer({ min: 1, max: log.length })));
const own = (log: readonly LogLeaf[], size: number) => checkpointOf(log, size, keys, ORIGIN);
const kinds = (findings: readonly LogFinding[]) => findings.map((f) => f.kind);
const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);

describe('checkLogAgainstCheckpoints (generated logs and tampers)', () => {
  it('an untouched log, and one appended to after the checkpoint, gives no finding', () => {
    fc.assert(
      fc.property(logAndSize, ([log, size]) => {
        const checkpoints = [own(log, size)];
        expect(checkLogAgainstCheckpoints({ log: log.slice(0, size), stored: log.slice(0, size), checkpoints })).toEqual([]);
        expect(checkLogAgainstCheckpoints({ log, stored: log.slice(0, size), checkpoints })).toEqual([]);
        expect(checkLogAgainstCheckpoints({ log, checkpoints })).toEqual([]);
      }),
    );
  });

  it('a truncated tail is named from its first leaf and position, with or without appends after it', () => {
    fc.assert(
      fc.property(logAndSize, fc.nat(), fc.boolean(), ([log, size], cut, appendAfter) => {
        const k = cut % size;
        const appended: LogLeaf = { leafIndex: k, position: 1000n, streamId: 'coe-new', revision: 0, eventId: 'e-new', leafHash: 'ab'.repeat(32) };
        const now = renumber([...log.slice(0, k), ...(appendAfter ? [appended] : [])]);
        const findings = checkLogAgainstCheckpoints({ log: now, stored: log, checkpoints: [own(log, size)] });
        expect(findings).toEqual([
          expect.objectContaining({
            kind: 'truncated',
            from: expect.objectContaining({ leafIndex: k, position: log[k].position.toString() }),
            missing: size - k,
          }),
        ]);
        expect(findings[0].summary).toContain(`from leaf ${k} / position ${log[k].position}`);
      }),
    );
  });

  it('a deleted stream is named with exactly its leaves', () => {
    fc.assert(
      fc.property(logAndSize, fc.nat(), ([log, size], pick) => {
        const signed = log.slice(0, size);
        const victim = signed[pick % size].streamId;
        fc.pre(signed[size - 1].streamId !== victim);
        const now = renumber(log.filter((leaf) => leaf.streamId !== victim));
        const findings = checkLogAgainstCheckpoints({ log: now, stored: log, checkpoints: [own(log, size)] });
        const leaves = signed.filter((leaf) => leaf.streamId === victim).map((leaf) => leaf.leafIndex);
        expect(kinds(findings)).toEqual(['deleted-stream']);
        const [finding] = findings as Extract<LogFinding, { kind: 'deleted-stream' }>[];
        expect(finding.streams.map((s) => [s.streamId, s.leaves.map((l) => l.leafIndex)])).toEqual([[victim, leaves]]);
        expect(finding.summary).toContain(victim);
      }),
    );
  });

  it('a tail rewritten (one stream re-chained from an event on) names that event: stream@revision, leaf, position', () => {
    fc.assert(
      fc.property(logAndSize, fc.nat(), ([log, size], pick) => {
        const k = pick % size;
        const { streamId, revision } = log[k];
        const now = log.map((leaf) => (leaf.streamId === streamId && leaf.revision >= revision ? { ...leaf, leafHash: flip(leaf.leafHash) } : leaf));
        const findings = checkLogAgainstCheckpoints({ log: now, stored: log, checkpoints: [own(log, size)] });
        expect(findings).toEqual([expect.objectContaining({ kind: 'rewritten', first: expect.objectContaining({ leafIndex: k, streamId, revision }) })]);
        expect(findings[0].summary).toContain(`${streamId}@${revision} (leaf ${k}, position ${log[k].position})`);
      }),
    );
  });

  it('two events of the log that trade places are named at the first of them', () => {
    fc.assert(
      fc.property(logAndSize, fc.nat(), ([log, size], pick) => {
        fc.pre(size >= 2);
        const k = pick % (size - 1);
        fc.pre(log[k].leafHash !== log[k + 1].leafHash);
        const now = renumber([...log.slice(0, k), log[k + 1], log[k], ...log.slice(k + 2)]);
        const findings = checkLogAgainstCheckpoints({ log: now, stored: log, checkpoints: [own(log, size)] });
        expect(findings).toEqual([expect.objectContaining({ kind: 'rewritten', first: expect.objectContaining({ leafIndex: k }) })]);
      }),
    );
  });

  it('without stored leaves, the checkpoints bracket the first changed leaf', () => {
    fc.assert(
      fc.property(logAndSize, fc.nat(), fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), ([log, size], pick, others, truncate) => {
        const k = pick % size;
        const now = truncate ? log.slice(0, k) : log.map((leaf, i) => (i === k ? { ...leaf, leafHash: flip(leaf.leafHash) } : leaf));
        const sizes = [...new Set([size, ...others.map((o) => 1 + (o % log.length))])];
        const findings = checkLogAgainstCheckpoints({ log: now, checkpoints: sizes.map((s) => own(log, s)) });
        expect(kinds(findings)).toEqual([truncate ? 'truncated' : 'rewritten']);
        const { between } = findings[0] as Extract<LogFinding, { kind: 'rewritten' | 'truncated' }>;
        const { from, to } = between ?? { from: -1, to: -1 };
        expect(from).toBeLessThanOrEqual(k);
        expect(to).toBeGreaterThan(k);
        expect(sizes.filter((s) => s <= k).every((s) => s <= from)).toBe(true);
        expect(findings[0].summary).toContain(`between checkpoints ${from} and ${to}`);
        expect(findings[0].checkpoints).toContainEqual({ source: 'own', size: Math.max(...sizes) });
      }),
    );
  });

  it('stored leaves that do not give the checkpoint root are not trusted to name the leaf', () => {
    fc.assert(
      fc.property(logAndSize, ([log, size]) => {
        const forgedStored = log.map((leaf) => ({ ...leaf, leafHash: flip(leaf.leafHash) }));
        const now = log.slice(0, size - 1);
        const findings = checkLogAgainstCheckpoints({ log: now, stored: forgedStored, checkpoints: [own(log, size)] });
        expect(findings).toEqual([expect.objectContaining({ kind: 'truncated', between: { from: 0, to: size } })]);
        expect(findings[0].summary).toContain('stored leaves do not give its root');
      }),
    );
  });

  it('stored rows that are not leaves (gaps, bad hashes) are not trusted, never a throw', () => {
    fc.assert(
      fc.property(logAndSize, fc.nat(), fc.constantFrom('', 'zz', 'A'.repeat(64), null), ([log, size], pick, bad) => {
        const k = pick % size;
        const stored = log.map((leaf, i) => (i === k ? { ...leaf, leafHash: bad as string } : leaf));
        const findings = checkLogAgainstCheckpoints({ log: log.slice(0, size - 1), stored, checkpoints: [own(log, size)] });
        expect(findings).toEqual([expect.objectContaining({ kind: 'truncated', between: { from: 0, to: size } })]);
        const gap = log.filter((_, i) => i !== k);
        expect(checkLogAgainstCheckpoints({ log: log.slice(0, size - 1), stored: gap, checkpoints: [own(log, size)] })[0]).toHaveProperty('between');
      }),
    );
  });

  it('one tamper shown by the own and a witness checkpoint is one finding naming both', () => {
    fc.assert(
      fc.property(logAndSize, ([log, size]) => {
        const witness = { ...checkpointOf(log, size, keys, ORIGIN, 'auditor-dir') };
        const findings = checkLogAgainstCheckpoints({ log: log.slice(0, size - 1), stored: log, checkpoints: [own(log, size), witness] });
        expect(kinds(findings)).toEqual(['truncated']);
        // The next self-check finds it again under the same key (an alarm is raised once).
        const again = checkLogAgainstCheckpoints({ log: log.slice(0, size - 1), stored: log, checkpoints: [own(log, size)] });
        expect(again.map(findingKey)).toEqual(findings.map(findingKey));
        expect(findingKey(findings[0])).toBe(`truncated:${size - 1}`);
        expect(findings[0].checkpoints).toEqual([
          { source: 'own', size },
          { source: 'auditor-dir', size },
        ]);
      }),
    );
  });

  it('a checkpoint whose text changed under a trusted signature is forged; one signed by another key is from an unknown key', () => {
    fc.assert(
      fc.property(logAndSize, ([log, size]) => {
        const good = own(log, size);
        const [origin, sizeLine, root, blank, signature] = good.note.split('\n');
        const forgedNote = [origin, String(Number(sizeLine) + 1), root, blank, signature, ''].join('\n');
        const other = checkpointOf(log, size, otherKeys, ORIGIN);
        const findings = checkLogAgainstCheckpoints({
          log,
          checkpoints: [
            { ...good, note: forgedNote },
            { ...other, verifierKeys: [keys.verifierKey], source: 'auditor-dir' },
          ],
        });
        expect(findings).toEqual([
          expect.objectContaining({ kind: 'forged-checkpoint', keyName: ORIGIN, checkpoints: [{ source: 'own', size: size + 1 }] }),
          expect.objectContaining({ kind: 'unknown-key', signers: [{ name: ORIGIN, keyId: otherKeys.verifierKey.split('+')[1] }] }),
        ]);
        expect(findings[1].summary).toContain('auditor-dir');
      }),
      { numRuns: 20 },
    );
  });

  it('any note that is not a checkpoint of this log is a finding, never a throw', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(keys.verifierKey, 'not a key'), (note, verifierKey) => {
        const findings = checkLogAgainstCheckpoints({ log: [], checkpoints: [{ note, verifierKeys: [verifierKey], origin: ORIGIN, source: 'w' }] });
        expect(findings).toHaveLength(1);
        expect(['unusable-checkpoint', 'unknown-key', 'forged-checkpoint']).toContain(findings[0].kind);
      }),
    );
    const wrongOrigin = signNote(`another.example/log\n0\n${Buffer.alloc(32).toString('base64')}\n`, [keys.signerKey]);
    const [finding] = checkLogAgainstCheckpoints({
      log: [],
      checkpoints: [{ note: wrongOrigin, verifierKeys: [keys.verifierKey], origin: ORIGIN, source: 'own' }],
    });
    expect(finding).toMatchObject({ kind: 'unusable-checkpoint', reason: expect.stringContaining('origin') });
  });

  it('a witness key is trusted only for the witness checkpoints it is given for', () => {
    const log = renumber(
      Array.from({ length: 3 }, (_, i) => ({
        leafIndex: i,
        position: BigInt(i + 1),
        streamId: 'coe-a',
        revision: i,
        eventId: `e${i}`,
        leafHash: `${i}`.repeat(64),
      })),
    );
    const cosigned = { ...checkpointOf(log, 3, witnessKeys, ORIGIN, 'w'), verifierKeys: [witnessKeys.verifierKey] };
    expect(checkLogAgainstCheckpoints({ log, checkpoints: [cosigned] })).toEqual([]);
    expect(kinds(checkLogAgainstCheckpoints({ log, checkpoints: [{ ...cosigned, verifierKeys: [keys.verifierKey] }] }))).toEqual(['unknown-key']);
  });
});
