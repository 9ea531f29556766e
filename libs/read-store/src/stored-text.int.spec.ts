import fc from 'fast-check';
import { testTargets, type TestReadStoreTarget } from './testing';
import type { ReadStore } from './open-read-store';
import { keyLookup, storedText } from './stored-text';
import type { CoeReplicationsTable } from './tables';
import { deleteRows, insertRows, upsertRows } from './write-rows';

/** The form docs/projections.md documents, written out code unit by code unit (not the regex the code uses). */
function documented(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += value[i] + value[i + 1];
      i++;
    } else if (unit === 0 || (unit >= 0xd800 && unit <= 0xdfff)) {
      out += `\\u${unit.toString(16).padStart(4, '0')}`;
    } else {
      out += value[i];
    }
  }
  return out;
}

/** Any UTF-16 code units, NUL, surrogates (paired or not), backslashes and "u" often. */
const anyText = fc
  .array(fc.oneof(fc.constantFrom(0, 0x5c, 0x75, 0xd800, 0xd83d, 0xdbff, 0xdc00, 0xde00, 0xdfff, 0xfffd), fc.integer({ min: 0, max: 0xffff })), {
    maxLength: 24,
  })
  .map((units) => String.fromCharCode(...units));

describe('storedText', () => {
  it.each([
    ['a\u0000b', 'a\\u0000b'],
    ['\ud800', '\\ud800'],
    ['x\udfffy', 'x\\udfffy'],
    ['\ud83d\ude00 smile', '\ud83d\ude00 smile'],
    ['\ud83d\ud83d\ude00', '\\ud83d\ud83d\ude00'],
    ['already \\u0000 as text', 'already \\u0000 as text'],
  ])('stores %j as %j', (value, stored) => {
    expect(storedText(value)).toBe(stored);
  });

  it('is the documented form of any string, and changes nothing twice', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        expect(storedText(value)).toBe(documented(value));
        expect(storedText(storedText(value))).toBe(storedText(value));
      }),
    );
  });
});

describe.each(testTargets('stored text'))('writing any string to a read store (%s)', (_dialect, makeTarget) => {
  let target: TestReadStoreTarget;
  let readStore: ReadStore;
  beforeAll(async () => {
    target = makeTarget();
    readStore = await target.open();
  });
  afterAll(async () => {
    await readStore.close();
    await target.cleanup();
  });

  const replication = (position: number, text: string): CoeReplicationsTable => ({
    position: String(position),
    coe_id: text,
    replication_id: `r-${text}`,
    target_economy: 'TH',
    description: text,
    date: '2030-01-01',
    bcn_exchange_id: null,
    corrected_by: null,
  });

  it('never fails a write, reads back the documented form, and finds the row by the key the events hold', async () => {
    let position = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 1, maxLength: 4 }), async (texts) => {
        const rows = texts.map((text) => replication(++position, text));
        await readStore.db.transaction().execute(async (trx) => {
          await insertRows(trx, 'coe_replications', rows);
          await upsertRows(trx, 'coe_replications', ['position'], rows);
        });
        const keys = keyLookup(texts);
        const found = await readStore.db.selectFrom('coe_replications').selectAll().where('coe_id', 'in', keys.stored).execute();
        for (const [i, text] of texts.entries()) {
          const row = found.find((r) => String(r.position) === rows[i].position);
          expect(row).toMatchObject({ coe_id: documented(text), replication_id: documented(`r-${text}`), description: documented(text) });
          // Filed back under a key the projection asked with (two keys may share one stored form: "\0" and "\\u0000").
          const asked = keys.raw(row?.coe_id as string);
          expect(texts).toContain(asked);
          expect(storedText(asked)).toBe(storedText(text));
        }
        await readStore.db.transaction().execute((trx) =>
          deleteRows(
            trx,
            'coe_replications',
            rows.map((r) => ({ coe_id: r.coe_id })),
          ),
        );
        expect(await readStore.db.selectFrom('coe_replications').select('position').execute()).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
