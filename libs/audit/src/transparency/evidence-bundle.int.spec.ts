import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { GENESIS_HASH, hashEvent } from '@apo/engine';
import type { Json, JsonObject, RecordedEvent } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import {
  arrayMerkleSource,
  formatCheckpoint,
  generateNoteKeys,
  inclusionProof,
  leafHash,
  parseCheckpoint,
  parseNote,
  rootOf,
  signNote,
  transparencyLeafData,
} from '@apo/transparency-log';
import { coeLifeScriptV2 } from '@apo/coe/testing';
import { lifeScriptSteps, runSteps } from '@apo/projections/testing';
import { buildSmallMixedStore, bundleFromStore, LIFE_COE, LIFE_STREAM, longInstanceSteps, LONG_COE, runVerifier, writeBundle } from '../testing';
import { evidenceBundle, EvidenceBundleError, type BundleEvent, type EvidenceBundle } from './evidence-bundle';

jest.setTimeout(120_000);

const ORIGIN = 'audit.apo-tokyo.org/log';
const keys = { ...generateNoteKeys(ORIGIN), origin: ORIGIN };
const RUNS = { numRuns: 12 };

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type Mutable = Writable<Omit<EvidenceBundle, 'events'>> & { events: Writable<BundleEvent>[] };
const copy = (bundle: EvidenceBundle): Mutable => JSON.parse(JSON.stringify(bundle)) as Mutable;
const at = (e: { streamId: string; revision: number }) => `${e.streamId}@${e.revision}`;

interface Report {
  verified: boolean;
  failures: { event?: string; check: string; message: string }[];
  finalState: string;
  timeline: unknown[];
  checkpoint: { size: number; origin: string };
}

describe('evidence bundle and its offline verifier (tools/audit/verify-bundle.mjs)', () => {
  let storeDir: string;
  let dir: string;
  let bundle: EvidenceBundle;
  let n = 0;
  const file = (value: unknown) => writeBundle(dir, `bundle-${n++}.json`, value);
  const verify = async (value: unknown, args: string[] = ['--key', keys.verifierKey]) => {
    const run = await runVerifier(file(value), [...args, '--json']);
    return { ...run, report: run.code === 2 ? undefined : (JSON.parse(run.stdout) as Report) };
  };

  beforeAll(async () => {
    storeDir = await buildSmallMixedStore();
    dir = mkdtempSync(join(tmpdir(), 'evidence-bundle-'));
    const store = await openSqliteEventStore({ dataDir: storeDir });
    try {
      bundle = await bundleFromStore(store, { programme: 'coe', id: LIFE_COE, streamId: LIFE_STREAM, initialState: 'new' }, keys);
    } finally {
      await store.close();
    }
  });
  afterAll(() => [storeDir, dir].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("verifies a real instance's bundle with the operator's key and prints its timeline and final state", async () => {
    const { code, report } = await verify(bundle);
    expect(code).toBe(0);
    expect(report?.failures).toEqual([]);
    expect(report?.timeline).toHaveLength(bundle.events.length);
    expect(report?.finalState).toBe(bundle.events.at(-1)?.metadata.to);
    // The instance's events are interleaved with the other instances' in the log.
    expect(report?.checkpoint.size).toBeGreaterThan(bundle.events.length);
    expect(bundle.events.at(-1)?.leafIndex).toBeGreaterThan(bundle.events.length - 1);

    const text = await runVerifier(file(bundle), ['--key', keys.verifierKey]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('VERIFIED');
    expect(text.stdout).toContain(`final state: ${String(bundle.events.at(-1)?.metadata.to)}`);
    expect(text.stdout).toContain('coe audit verify');
    expect(text.stdout).not.toContain('WARNING');
  });

  it("says plainly when it trusted the bundle's own key (no --key)", async () => {
    const run = await runVerifier(file(bundle), []);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("WARNING: no --key given; trusting the bundle's own key");
  });

  it('catches an event rewritten by someone who knows the algorithm (hash and chain recomputed): its leaf is not the signed one', async () => {
    const forged = copy(bundle);
    forged.events[5].data = { ...forged.events[5].data, note: 'rewritten' };
    let prevHash = forged.events[4].metadata.hash;
    for (const event of forged.events.slice(5)) {
      event.metadata = { ...event.metadata, prevHash };
      event.metadata.hash = hashEvent(event);
      prevHash = event.metadata.hash;
    }
    const { code, report } = await verify(forged);
    expect(code).toBe(1);
    expect(report?.failures.map((f) => f.check)).toEqual(forged.events.slice(5).map(() => 'inclusion'));
    expect(report?.failures[0].event).toBe(`${LIFE_STREAM}@5`);
  });

  it("fails when the first event does not start from the machine's initial state the bundle names", async () => {
    const other = { ...copy(bundle), instance: { ...bundle.instance, initialState: 'applied' } };
    const { code, report } = await verify(other);
    expect(code).toBe(1);
    expect(report?.failures).toEqual([expect.objectContaining({ event: `${LIFE_STREAM}@0`, check: 'transitions' })]);
  });

  /** Every scalar inside an event's data and metadata, as a path. */
  const scalarPaths = (value: unknown, path: (string | number)[] = []): (string | number)[][] =>
    typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([k, v]) => scalarPaths(v, [...path, Array.isArray(value) ? Number(k) : k]))
      : [path];

  it('fails, naming the event, on any changed value in an event’s data or metadata', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), async (i, p, value) => {
        const tampered = copy(bundle);
        const event = tampered.events[i % tampered.events.length];
        const paths = scalarPaths({ data: event.data, metadata: event.metadata });
        const path = paths[p % paths.length];
        const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, event as never);
        fc.pre(JSON.stringify(parent[path.at(-1) as string]) !== JSON.stringify(value));
        parent[path.at(-1) as string] = value;
        const { code, report } = await verify(tampered);
        expect(code).toBe(1);
        expect(report?.failures.map((f) => f.event)).toContain(at(event));
      }),
      RUNS,
    );
  });

  it('fails on a dropped event (naming where the gap is) and on two events swapped', async () => {
    const last = bundle.events.length - 1;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: last - 1 }), async (i) => {
        const dropped = copy(bundle);
        dropped.events.splice(i, 1);
        const { code, report } = await verify(dropped);
        expect(code).toBe(1);
        expect(report?.failures).toContainEqual(expect.objectContaining({ event: `${LIFE_STREAM}@${i + 1}`, check: 'revisions' }));
      }),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: last }), fc.integer({ min: 0, max: last }), async (i, j) => {
        fc.pre(i !== j);
        const swapped = copy(bundle);
        [swapped.events[i], swapped.events[j]] = [swapped.events[j], swapped.events[i]];
        const { code, report } = await verify(swapped);
        expect(code).toBe(1);
        expect(report?.failures).toContainEqual(expect.objectContaining({ event: `${LIFE_STREAM}@${Math.max(i, j)}`, check: 'revisions' }));
      }),
      RUNS,
    );
  });

  it('cannot show that no event follows the last one in the bundle, and says so', async () => {
    const shorter = copy(bundle);
    shorter.events.pop();
    const run = await runVerifier(file(shorter), ['--key', keys.verifierKey]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('it cannot show that no later event of the instance exists');
  });

  it('fails, naming the event, when a hash of its inclusion proof is changed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.nat({ max: 63 }), fc.integer({ min: 1, max: 15 }), async (i, p, c, flip) => {
        const tampered = copy(bundle);
        const event = tampered.events[i % tampered.events.length];
        const proof = [...event.inclusionProof];
        const hash = proof[p % proof.length];
        proof[p % proof.length] = hash.slice(0, c) + (parseInt(hash[c], 16) ^ flip).toString(16) + hash.slice(c + 1);
        event.inclusionProof = proof;
        const { code, report } = await verify(tampered);
        expect(code).toBe(1);
        expect(report?.failures).toEqual([expect.objectContaining({ event: at(event), check: 'inclusion' })]);
      }),
      RUNS,
    );
  });

  it('fails on a checkpoint signed by another key, even one of the same name, and on an edited checkpoint text', async () => {
    const text = parseNote(bundle.checkpoint).text;
    for (const other of [generateNoteKeys(ORIGIN), generateNoteKeys('someone-else')]) {
      const resigned = { ...copy(bundle), checkpoint: signNote(text, [other.signerKey]), verifierKey: other.verifierKey };
      const { code, report } = await verify(resigned);
      expect(code).toBe(1);
      expect(report?.failures).toEqual([expect.objectContaining({ check: 'checkpoint' })]);
      expect(report?.failures[0].message).toMatch(/no signature by|does not verify/);
    }
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), async (p, char) => {
        const at = p % bundle.checkpoint.length;
        fc.pre(bundle.checkpoint[at] !== char);
        const edited = { ...copy(bundle), checkpoint: bundle.checkpoint.slice(0, at) + char + bundle.checkpoint.slice(at + 1) };
        const { code, report } = await verify(edited);
        expect(code).toBe(1);
        expect(report?.failures).toContainEqual(expect.objectContaining({ check: 'checkpoint' }));
      }),
      RUNS,
    );
  });

  it('answers exit 2 with a one-line reason (no stack trace) for garbage files and bad usage', async () => {
    const garbage = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.uint8Array().map((bytes) => Buffer.from(bytes).toString('latin1')),
      fc.record({ format: fc.constant('apo-evidence-bundle/1'), events: fc.jsonValue() }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (content) => {
        const run = await runVerifier(file(content), ['--key', keys.verifierKey]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^verify-bundle: [^\n]+\n$/);
      }),
      RUNS,
    );
    const good = file(bundle);
    for (const args of [[], ['--key', 'not-a-key'], ['--key', keys.verifierKey, 'extra'], ['--what']]) {
      const run = await runVerifier(args.length === 0 ? '' : good, args);
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  describe('evidenceBundle refuses what would not verify', () => {
    const source = () => ({
      instance: bundle.instance,
      events: bundle.events.map(({ leafIndex: _l, inclusionProof: _p, ...event }) => event),
      proofs: bundle.events.map((e) => ({ leafIndex: e.leafIndex, proof: e.inclusionProof })),
      checkpoint: bundle.checkpoint,
      verifierKey: keys.verifierKey,
      createdAt: bundle.createdAt,
    });

    it('builds the same bundle from its parts', () => {
      expect(evidenceBundle(source())).toEqual(bundle);
    });

    it('a checkpoint the key did not sign, events out of order, a leaf beyond the checkpoint', () => {
      expect(() => evidenceBundle({ ...source(), verifierKey: generateNoteKeys(ORIGIN).verifierKey })).toThrow(EvidenceBundleError);
      const swapped = source();
      swapped.events.reverse();
      expect(() => evidenceBundle(swapped)).toThrow(/stands where/);
      const size = parseCheckpoint(parseNote(bundle.checkpoint).text).size;
      const early = signNote(formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: new Uint8Array(32) }), [keys.signerKey]);
      expect(() => evidenceBundle({ ...source(), checkpoint: early })).toThrow(/not in the checkpoint of 1 leaves yet/);
      expect(size).toBeGreaterThan(1);
    });
  });
});

describe('the offline verifier on an instance of 1,000 events', () => {
  let storeDir: string;
  let dir: string;
  afterAll(() => [storeDir, dir].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('verifies it, and reports how long the script took', async () => {
    storeDir = mkdtempSync(join(tmpdir(), 'evidence-long-'));
    dir = mkdtempSync(join(tmpdir(), 'evidence-long-bundle-'));
    const store = await openSqliteEventStore({ dataDir: storeDir, synchronous: 'NORMAL' });
    let long: EvidenceBundle;
    try {
      await runSteps(store, [...lifeScriptSteps(LIFE_COE, coeLifeScriptV2), ...longInstanceSteps(LONG_COE, 1_000)]);
      long = await bundleFromStore(store, { programme: 'coe', id: LONG_COE, streamId: `coe-${LONG_COE}`, initialState: 'new' }, keys);
    } finally {
      await store.close();
    }
    expect(long.events).toHaveLength(1_000);
    const path = writeBundle(dir, 'long.json', long);
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const start = process.hrtime.bigint();
      const { code } = await runVerifier(path, ['--key', keys.verifierKey]);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      expect(code).toBe(0);
    }
    console.log(`verify-bundle.mjs on 1,000 events: ${times.map((t) => t.toFixed(0)).join(', ')} ms (node start included)`);
    expect(Math.min(...times)).toBeLessThan(5_000);
  });
});

describe("the verifier's RFC 8785 hashing agrees with the engine's hashEvent", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'evidence-jcs-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Events of one stream with any JSON data (any Unicode keys and strings, any numbers), chained and hashed by the engine. */
  const chained = (datas: JsonObject[]): RecordedEvent[] => {
    let prevHash = GENESIS_HASH;
    return datas.map((data, revision) => {
      const metadata: Record<string, Json> = {
        definition: 'd',
        version: 1,
        from: `s${revision}`,
        to: `s${revision + 1}`,
        actor: { id: 'a', role: 'r' },
        prevHash,
      };
      const event = { streamId: 'x-1', revision, eventId: `e${revision}`, type: 'T', data, metadata, position: BigInt(revision + 1), createdAt: '' };
      metadata.hash = prevHash = hashEvent(event);
      return event;
    });
  };

  it('verifies bundles of events with generated data', async () => {
    const data = fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ stringUnit: 'binary' }), { maxKeys: 6 }) as fc.Arbitrary<JsonObject>;
    await fc.assert(
      fc.asyncProperty(fc.array(data, { minLength: 1, maxLength: 5 }), async (datas) => {
        const events = chained(datas);
        const leaves = events.map((e) => leafHash(transparencyLeafData(e)));
        const checkpoint = signNote(formatCheckpoint({ origin: ORIGIN, size: leaves.length, rootHash: rootOf(leaves) }), [keys.signerKey]);
        const proofs = events.map((_, i) => ({ leafIndex: i, proof: inclusionProof(arrayMerkleSource(leaves), i, leaves.length) }));
        const instance = { programme: 'x', id: '1', streamId: 'x-1', initialState: 's0' };
        const made = evidenceBundle({ instance, events, proofs, checkpoint, verifierKey: keys.verifierKey, createdAt: '2027-01-01T00:00:00Z' });
        const run = await runVerifier(writeBundle(dir, 'jcs.json', made), ['--key', keys.verifierKey, '--json']);
        expect({ code: run.code, failures: (JSON.parse(run.stdout) as Report).failures }).toEqual({ code: 0, failures: [] });
      }),
      { numRuns: 25 },
    );
  });
});
