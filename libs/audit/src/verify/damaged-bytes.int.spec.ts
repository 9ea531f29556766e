import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { canonicalJson } from '@apo/engine';
import { MAX_JSON_DEPTH } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import type { AuditDivergence } from '../audit-divergence';
import { buildSmallMixedStore, copyStore } from '../testing/audit-fixtures';
import { EveryReader } from '../testing/every-reader';
import { Tamper } from '../testing/tamper';

type Part = 'data' | 'metadata';

/** What is written over one part of one stored event, given what it held. */
const overwrites: fc.Arbitrary<{ readonly label: string; readonly bytes: (original: string) => string | Buffer }> = fc.oneof(
  fc.uint8Array({ maxLength: 48 }).map((b) => ({ label: `bytes ${Buffer.from(b).toString('hex')}`, bytes: () => Buffer.from(b) })),
  fc.nat().map((n) => ({ label: `truncated at ${n}`, bytes: (o: string) => o.slice(0, n % o.length) })),
  fc
    .jsonValue({ maxDepth: 2 })
    .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
    .map((v) => ({ label: `non-object ${JSON.stringify(v)}`, bytes: () => JSON.stringify(v) })),
  fc
    .dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
    .map((v) => ({ label: `object ${JSON.stringify(v)}`, bytes: () => JSON.stringify(v) })),
  fc.tuple(fc.nat(), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80])).map(([at, bad]) => ({
    label: `bad UTF-8 ${bad.join(',')} at ${at}`,
    bytes: (o: string) => {
      const utf8 = Buffer.from(o);
      const cut = at % (utf8.length + 1);
      return Buffer.concat([utf8.subarray(0, cut), Buffer.from(bad), utf8.subarray(cut)]);
    },
  })),
  fc
    .oneof(fc.integer({ min: MAX_JSON_DEPTH - 2, max: MAX_JSON_DEPTH + 2 }), fc.constant(200_000))
    .map((n) => ({ label: `nested ${n} deep`, bytes: () => `{"a":${'['.repeat(n)}${']'.repeat(n)}}` })),
  // The same text between more whitespace: where it parsed, nothing a reader can see has changed.
  fc.constant({ label: 'respaced', bytes: (o: string) => `\n ${o}\t` }),
);

const damages = fc.array(fc.record({ event: fc.nat(), part: fc.constantFrom<Part>('data', 'metadata'), overwrite: overwrites }), {
  minLength: 1,
  maxLength: 4,
});

/** The parsed JSON object a reader gets from stored text, or undefined when it is none (or nests deeper than the store writes). */
function storedObject(text: string): object | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const stack: [unknown, number][] = [[value, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, depth] = top;
    if (depth > MAX_JSON_DEPTH) return undefined;
    if (typeof v === 'object' && v !== null) for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return value;
}

describe('verify on stored data and metadata overwritten with any bytes (property)', () => {
  let pristine: string;
  let rows: { streamId: string; revision: number }[];
  let readers: EveryReader;

  beforeAll(async () => {
    pristine = await buildSmallMixedStore();
    const t = new Tamper(pristine);
    rows = t.all().map((r) => ({ streamId: r.stream_id, revision: r.revision }));
    t.close();
    readers = await EveryReader.start(2);
  }, 60_000);
  afterAll(async () => {
    await readers?.close();
    rmSync(pristine, { recursive: true, force: true });
  });

  it('every reader answers, all alike, with a divergence at each damaged event: malformed (position, part) where it no longer parses', async () => {
    await fc.assert(
      fc.asyncProperty(damages, async (plan) => {
        const dir = copyStore(pristine);
        try {
          // What each damaged event holds now, as SQLite hands it to every reader.
          const damaged = new Map<number, { position: number; streamId: string; revision: number; data: string; metadata: string; changed: boolean }>();
          const t = new Tamper(dir);
          for (const { event, part, overwrite } of plan) {
            const { streamId, revision } = rows[event % rows.length];
            t.overwrite(streamId, revision, part, overwrite.bytes(t.row(streamId, revision)[part]));
          }
          const pristineRows = new Tamper(pristine);
          for (const { event } of plan) {
            const { streamId, revision } = rows[event % rows.length];
            const now = t.row(streamId, revision);
            const was = pristineRows.row(streamId, revision);
            const same = (part: Part) => {
              const read = storedObject(now[part]);
              return read !== undefined && canonicalJson(read) === canonicalJson(JSON.parse(was[part]));
            };
            damaged.set(now.position, {
              position: now.position,
              streamId,
              revision,
              data: now.data,
              metadata: now.metadata,
              changed: !same('data') || !same('metadata'),
            });
          }
          pristineRows.close();
          t.close();

          const store = await openSqliteEventStore({ dataDir: dir });
          const { single, copied, fed, streams } = await readers.read(store).finally(() => store.close());
          const reference = { events: single.events, digest: single.digest, divergences: single.divergences };
          expect(copied).toEqual(reference);
          expect(fed).toEqual(reference);
          expect(streams).toEqual(reference);

          for (const event of damaged.values()) {
            const at = single.divergences.filter((d: AuditDivergence) => d.streamId === event.streamId && d.revision === event.revision);
            const unreadable: Part | undefined =
              storedObject(event.data) === undefined ? 'data' : storedObject(event.metadata) === undefined ? 'metadata' : undefined;
            if (unreadable) expect(at).toContainEqual(expect.objectContaining({ kind: 'malformed', part: unreadable, position: String(event.position) }));
            else if (event.changed) expect(at.map((d) => d.kind)).toEqual(expect.arrayContaining([expect.stringMatching(/^(hash|metadata)$/)]));
            // Rewritten as the same JSON value: nothing to report, unless another damage in its stream has consequences here.
            else if (![...damaged.values()].some((d) => d.changed && d.streamId === event.streamId)) expect(at).toEqual([]);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
