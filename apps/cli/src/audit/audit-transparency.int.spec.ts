import { runCli, type CliRun } from '../testing/run-cli';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSignedTree, buildSmallMixedStore, copyStore, LIFE_STREAM, runVerifier, Tamper, VERIFY_BUNDLE_SCRIPT } from '@apo/audit/testing';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import { openReadStore } from '@apo/read-store';
import { TransparencyLogReader } from '@apo/shared-read-models';
import {
  formatCheckpoint,
  generateNoteKeys,
  signNote,
  leafHash,
  merkleHashFromHex,
  merkleHashToHex,
  parseVerifierKey,
  transparencyLeafData,
  verifyConsistency,
  verifyInclusion,
} from '@apo/transparency-log';

const ORIGIN = 'apo.example.org/log';
const SIGNER = { ...generateNoteKeys(ORIGIN), origin: ORIGIN };

type Run = CliRun;

/** The real CLI in its own process. */
const coe = runCli;

/** A clear one-line refusal: the exit code, `coe: <message>` on stderr, no stack trace. */
const refused = (run: Run, code: number, message: string | RegExp) => {
  expect(run.code).toBe(code);
  expect(run.stderr).toMatch(typeof message === 'string' ? message : message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
};

describe('coe audit prove|consistency|bundle|verify --checkpoint|keygen (the transparency log of a real store)', () => {
  let dir: string;
  let events: RecordedEvent[];
  /** Checkpoints signed at these sizes: the last event of the log is in none of them. */
  let early: number;
  let latest: number;
  let tail: RecordedEvent;
  let bcnStream: string;
  const audit = (data: string, ...args: string[]) => coe(['--data-dir', data, 'audit', ...args]);
  const leafIndexOf = (streamId: string, revision: number) => events.findIndex((e) => e.streamId === streamId && e.revision === revision);

  beforeAll(async () => {
    dir = await buildSmallMixedStore();
    const { openSqliteEventStore } = await import('@apo/event-store/sqlite');
    const store: EventStore = await openSqliteEventStore({ dataDir: dir });
    const readStore = await openReadStore({ url: join(dir, 'read.sqlite') });
    try {
      events = [];
      for await (const event of store.readAll()) events.push(event);
      early = 20;
      latest = events.length - 1;
      tail = events[events.length - 1];
      bcnStream = events.find((e) => e.streamId.startsWith('bcn-'))?.streamId as string;
      await buildSignedTree(store, readStore, SIGNER, [early, latest]);
    } finally {
      await readStore.close();
      await store.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prove: the verified inclusion proof of an event in the latest or a given checkpoint, as text and JSON', async () => {
    const text = await audit(dir, 'prove', 'th-digital', '3');
    const index = leafIndexOf(LIFE_STREAM, 3);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toContain(`coe-th-digital@3 (event ${events[index].eventId}) is leaf ${index} of the signed checkpoint of ${latest} leaves: VERIFIED`);
    expect(text.stdout).toContain(`  ${ORIGIN}\n  ${latest}\n`);
    const json = await audit(dir, 'prove', 'th-digital', '3', '--json');
    const proof = JSON.parse(json.stdout) as { leafIndex: number; treeSize: number; leafHash: string; proof: string[]; rootHash: string; verifierKey: string };
    expect(proof).toMatchObject({ verified: true, leafIndex: index, treeSize: latest, verifierKey: SIGNER.verifierKey });
    // The auditor's own check: the event's leaf hash, the proof and the signed root agree.
    expect(proof.leafHash).toBe(merkleHashToHex(leafHash(transparencyLeafData(events[index]))));
    expect(
      verifyInclusion(
        merkleHashFromHex(proof.leafHash),
        index,
        latest,
        proof.proof.map((h) => merkleHashFromHex(h)),
        merkleHashFromHex(proof.rootHash),
      ),
    ).toBe(true);
    const first = events[0];
    const inEarly = await audit(dir, 'prove', first.streamId.replace(/^coe-/, ''), '0', '--tree-size', String(early), '--json');
    expect(JSON.parse(inEarly.stdout)).toMatchObject({ leafIndex: 0, treeSize: early });
    const bcnId = bcnStream.slice('bcn-'.length);
    const bcn = await audit(dir, 'prove', bcnId, '0', '--programme', 'bcn', '--json');
    expect(bcn).toMatchObject({ stderr: '', code: 0 });
    expect(JSON.parse(bcn.stdout)).toMatchObject({ streamId: bcnStream, revision: 0, leafIndex: leafIndexOf(bcnStream, 0) });
  }, 60_000);

  it('prove: an event not in a signed checkpoint yet, an unknown id, a revision beyond the stream, a size without a checkpoint: exit 1, clear', async () => {
    const [programme, id] = [tail.streamId.split('-')[0], tail.streamId.slice(tail.streamId.indexOf('-') + 1)];
    refused(
      await audit(dir, 'prove', id, String(tail.revision), '--programme', programme),
      1,
      `coe: ${tail.streamId}@${tail.revision} is not in a signed checkpoint yet (leaf ${events.length - 1}, checkpoint of ${latest} leaves); wait for the next checkpoint`,
    );
    refused(await audit(dir, 'prove', 'th-nowhere', '0'), 1, /coe: .*coe-th-nowhere.* not found/i);
    refused(await audit(dir, 'prove', 'th-digital', '26'), 1, 'coe: coe-th-digital has revisions 0..25, not 26');
    refused(await audit(dir, 'prove', 'th-digital', '0', '--tree-size', '7'), 1, 'coe: no signed checkpoint of tree size 7');
    refused(await audit(dir, 'prove', 'th-digital', '25', '--tree-size', String(early)), 1, /is not in a signed checkpoint yet/);
    refused(await audit(dir, 'prove', 'th-digital', '-1'), 2, /expected a revision/);
    refused(await audit(dir, 'prove', 'th-digital', '1e3'), 2, /expected a revision/);
  }, 60_000);

  it('consistency: the verified proof between two stored checkpoints; a size without a checkpoint is exit 1, sizes the wrong way round exit 2', async () => {
    const run = await audit(dir, 'consistency', String(early), String(latest), '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const proof = JSON.parse(run.stdout) as { oldRoot: string; newRoot: string; proof: string[] };
    expect(proof).toMatchObject({ verified: true, oldSize: early, newSize: latest });
    expect(
      verifyConsistency(
        early,
        latest,
        merkleHashFromHex(proof.oldRoot),
        merkleHashFromHex(proof.newRoot),
        proof.proof.map((h) => merkleHashFromHex(h)),
      ),
    ).toBe(true);
    const text = await audit(dir, 'consistency', String(early), String(latest));
    expect(text.stdout).toContain(`the checkpoint of ${latest} leaves extends the checkpoint of ${early} leaves: VERIFIED`);
    refused(await audit(dir, 'consistency', '5', String(latest)), 1, 'coe: no signed checkpoint of tree size 5');
    refused(await audit(dir, 'consistency', String(latest), String(early)), 2, `coe: <old-size> ${latest} is larger than <new-size> ${early}`);
    refused(await audit(dir, 'consistency', 'x', '3'), 2, /expected a tree size/);
  }, 60_000);

  it('bundle: writes the evidence bundle, prints the verifier and the exact command, and that command verifies it', async () => {
    const out = join(dir, 'th-digital.bundle.json');
    const run = await audit(dir, 'bundle', 'th-digital', '--out', out);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`wrote ${out}: 26 events of coe-th-digital, proved in the signed checkpoint of ${latest} leaves (${ORIGIN})`);
    expect(run.stdout).toContain(`offline verifier: ${VERIFY_BUNDLE_SCRIPT}`);
    expect(run.stdout).toContain(`  node ${VERIFY_BUNDLE_SCRIPT} ${out} --key ${SIGNER.verifierKey}`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({
      format: 'apo-evidence-bundle/1',
      instance: { programme: 'coe', id: 'th-digital', initialState: expect.any(String) },
    });
    const verified = await runVerifier(out, ['--key', SIGNER.verifierKey]);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toContain('VERIFIED');
    const openOut = join(dir, 'th-open.bundle.json');
    const open = await audit(dir, 'bundle', 'th-open', '--out', openOut, '--tree-size', String(latest), '--json');
    expect(open).toMatchObject({ stderr: '', code: 0 });
    expect(JSON.parse(open.stdout)).toMatchObject({
      streamId: 'coe-th-open',
      treeSize: latest,
      verifierKey: SIGNER.verifierKey,
      verifier: VERIFY_BUNDLE_SCRIPT,
    });
    expect((await runVerifier(openOut, ['--key', SIGNER.verifierKey])).code).toBe(0);
  }, 60_000);

  it('bundle: an instance with an event not in a signed checkpoint yet, an unknown id, no --out: a clear refusal and no file', async () => {
    // The log's last event is the BCN exchange's: only the next checkpoint will hold it.
    expect(tail.streamId).toBe(bcnStream);
    const [programme, id] = [tail.streamId.split('-')[0], tail.streamId.slice(tail.streamId.indexOf('-') + 1)];
    const out = join(dir, 'tail.bundle.json');
    refused(await audit(dir, 'bundle', id, '--programme', programme, '--out', out), 1, /is not in a signed checkpoint yet/);
    expect(existsSync(out)).toBe(false);
    refused(await audit(dir, 'bundle', 'th-nowhere', '--out', out), 1, /not found/i);
    refused(await audit(dir, 'bundle', 'th-digital'), 2, /required option '--out <file>'/);
    refused(await audit(dir, 'bundle', 'th-digital', '--out', join(dir, 'no', 'such', 'dir.json')), 2, /coe: --out .*ENOENT/);
  }, 60_000);

  it('verify --checkpoint: holds the log to a kept checkpoint, with the stored keys (and says so) or the given ones', async () => {
    const noteFile = join(dir, 'kept.checkpoint');
    const json = JSON.parse((await audit(dir, 'prove', 'th-digital', '0', '--json')).stdout) as { checkpoint: string };
    // Saved as `echo` would (one newline more): the same note.
    writeFileSync(noteFile, `${json.checkpoint}\n`);
    const byStored = await audit(dir, 'verify', '--checkpoint', noteFile);
    expect(byStored).toMatchObject({ code: 0, stderr: '' });
    expect(byStored.stdout).toContain(`no --key: the signature is checked with the 1 verifier key(s) of the stored checkpoints (the log's own word`);
    expect(byStored.stdout).toContain(`the log holds checkpoint ${latest} (${ORIGIN})`);
    const byKey = await audit(dir, 'verify', '--checkpoint', noteFile, '--key', SIGNER.verifierKey, '--json');
    expect(JSON.parse(byKey.stdout)).toMatchObject({ ok: true, keysFrom: 'option', findings: [] });
    const other = generateNoteKeys(ORIGIN).verifierKey;
    const unknown = await audit(dir, 'verify', '--checkpoint', noteFile, '--key', other);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(/FINDINGS: 1\n {2}unknown-key: checkpoint from an unknown key/);
    writeFileSync(join(dir, 'garbage.checkpoint'), 'not a note at all\n');
    refused(await audit(dir, 'verify', '--checkpoint', join(dir, 'garbage.checkpoint')), 2, /is not a signed checkpoint note/);
    refused(await audit(dir, 'verify', '--checkpoint', join(dir, 'missing.checkpoint')), 2, /--checkpoint .*ENOENT/);
    refused(await audit(dir, 'verify', '--checkpoint', noteFile, '--key', 'not-a-key'), 2, /--key 1 is not a verifier key/);
    const elsewhere = generateNoteKeys('other.example.org/log');
    writeFileSync(
      join(dir, 'other-log.checkpoint'),
      signNote(formatCheckpoint({ origin: 'other.example.org/log', size: 3, rootHash: new Uint8Array(32) }), [elsewhere.signerKey]),
    );
    refused(
      await audit(dir, 'verify', '--checkpoint', join(dir, 'other-log.checkpoint'), '--key', elsewhere.verifierKey),
      1,
      `is a checkpoint of log "other.example.org/log", this log signs as "${ORIGIN}"`,
    );
    refused(await audit(dir, 'verify', 'th-digital', '--checkpoint', noteFile), 2, /give neither an id nor --seal/);
    refused(await audit(dir, 'verify', '--key', other), 2, /--key goes with --checkpoint/);
  }, 60_000);

  it('verify --checkpoint: a deleted event of a checkpointed instance is named (stream, revision, leaf) from the stored leaves, exit 1', async () => {
    const noteFile = join(dir, 'kept.checkpoint');
    const tampered = copyStore(dir);
    try {
      copyFileSync(join(dir, 'read.sqlite'), join(tampered, 'read.sqlite'));
      const t = new Tamper(tampered);
      t.delete(LIFE_STREAM, 25);
      t.close();
      const run = await audit(tampered, 'verify', '--checkpoint', noteFile, '--key', SIGNER.verifierKey);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^FINDINGS: 1$/m);
      expect(run.stdout).toContain(`coe-th-digital@25 (leaf ${leafIndexOf(LIFE_STREAM, 25)}`);
    } finally {
      rmSync(tampered, { recursive: true, force: true });
    }
  }, 60_000);

  it('prove: an event edited under its hash, or edited and re-chained, is not VERIFIED: exit 1 naming why', async () => {
    const tampered = copyStore(dir);
    try {
      copyFileSync(join(dir, 'read.sqlite'), join(tampered, 'read.sqlite'));
      const t = new Tamper(tampered);
      t.edit(LIFE_STREAM, 5, 'data', '$.recommendation', 'advance');
      t.edit(LIFE_STREAM, 20, 'metadata', '$.actor.id', 'someone-else');
      t.rechain(LIFE_STREAM, 20);
      t.close();
      refused(
        await audit(tampered, 'prove', 'th-digital', '5'),
        1,
        /^coe: DOES NOT VERIFY: coe-th-digital@5: its leaf \d+ is in checkpoint \d+, but the event as stored no longer hashes to its metadata.hash/,
      );
      refused(
        await audit(tampered, 'prove', 'th-digital', '21'),
        1,
        new RegExp(
          `^coe: DOES NOT VERIFY: coe-th-digital@21: the event's leaf hash [0-9a-f]{64} differs from the stored leaf ${leafIndexOf(LIFE_STREAM, 21)} `,
        ),
      );
      expect((await audit(tampered, 'prove', 'th-digital', '4')).code).toBe(0);
    } finally {
      rmSync(tampered, { recursive: true, force: true });
    }
  }, 60_000);

  it('keygen: a signer key file of mode 0600 and its verifier key; never overwrites; a bad name is bad usage', async () => {
    const file = join(dir, 'transparency.key');
    const run = await coe(['audit', 'keygen', ORIGIN, '--out', file]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const verifierKey = run.stdout.trimEnd().split('\n').at(-1) as string;
    expect(parseVerifierKey(verifierKey).name).toBe(ORIGIN);
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`^PRIVATE\\+KEY\\+${ORIGIN.replace(/\./g, '\\.')}\\+${verifierKey.split('+')[1]}\\+`));
    const before = readFileSync(file, 'utf8');
    refused(await coe(['audit', 'keygen', ORIGIN, '--out', file]), 2, /exists: refusing to overwrite a key file/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    refused(await coe(['audit', 'keygen', 'bad+name', '--out', join(dir, 'other.key')]), 2, /bad key name "bad\+name"/);
    expect(existsSync(join(dir, 'other.key'))).toBe(false);
  }, 60_000);

  it('every command reads the tree from the read store the data dir names (--read-database overrides it)', async () => {
    const elsewhere = join(dir, 'empty-read.sqlite');
    refused(await audit(dir, 'prove', 'th-digital', '0', '--read-database', elsewhere), 1, 'coe: no signed checkpoint yet');
    expect((await audit(dir, 'prove', 'th-digital', '0', '--read-database', join(dir, 'read.sqlite'))).code).toBe(0);
  }, 60_000);

  it('the readers agree with the store: the stored tree holds every event of the log', async () => {
    const readStore = await openReadStore({ url: join(dir, 'read.sqlite') });
    try {
      expect(await new TransparencyLogReader(readStore.db).treeSize()).toBe(events.length);
    } finally {
      await readStore.close();
    }
  });
});
