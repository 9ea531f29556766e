import fc from 'fast-check';
import type { ErasureRecord, PersonalKeyStore } from '../key-store';
import { PersonalDataError } from '../personal-data-error';

/** One test's key store: a fresh, empty one made before each test, removed after. */
export interface KeyStoreUnderTest {
  /** Opens the test's store; opening again (after close) is a reopen of the same store. */
  open(options?: { now?: () => Date }): Promise<PersonalKeyStore>;
  cleanup(): Promise<void>;
}

/** Orders ids by code point (their UTF-8 bytes), as `subjects()` does in every adapter. */
const byCodePoint = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** A subject id any store keeps: non-empty, no NUL, no lone surrogate (fast-check's 'binary' unit never makes one). */
const subjectId = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((s) => !s.includes('\u0000'));

/**
 * The behaviour every `PersonalKeyStore` adapter shares, run against each (SQLite, PostgreSQL):
 * keys made once and kept, erasure for good with its first record, ids kept exactly, order.
 */
export function describeKeyStoreConformance(adapter: string, makeStore: () => Promise<KeyStoreUnderTest>): void {
  describe(`${adapter}: key store behaviour`, () => {
    let target: KeyStoreUnderTest;
    let open: PersonalKeyStore[] = [];
    const openStore = async (options?: { now?: () => Date }) => {
      const store = await target.open(options);
      open.push(store);
      return store;
    };
    beforeEach(async () => {
      target = await makeStore();
    });
    afterEach(async () => {
      for (const store of open) await store.close();
      open = [];
      await target.cleanup();
    });

    it('creates a key once (the same key after) and keeps it across reopen', async () => {
      const store = await openStore();
      const key = await store.createKey('p1');
      expect(key).toHaveLength(32);
      expect(Buffer.from(await store.createKey('p1'))).toEqual(Buffer.from(key));
      expect(await store.getKey('nobody')).toBeUndefined();
      expect(await store.isErased('nobody')).toBe(false);
      await store.close();
      const again = await openStore();
      expect(Buffer.from((await again.getKey('p1')) as Uint8Array)).toEqual(Buffer.from(key));
      expect(await again.subjects()).toEqual([{ subject: 'p1', createdAt: expect.any(String) }]);
    });

    it('makes the keys of a roster at once: existing keys kept, new ones made, an erased subject refused', async () => {
      const store = await openStore();
      const p1 = Buffer.from(await store.createKey('p1'));
      const keys = await store.createKeys(['p1', 'p2', 'p3', 'p2']);
      expect([...keys.keys()].sort()).toEqual(['p1', 'p2', 'p3']);
      expect(Buffer.from(keys.get('p1') as Uint8Array)).toEqual(p1);
      expect(Buffer.from((await store.getKey('p3')) as Uint8Array)).toEqual(Buffer.from(keys.get('p3') as Uint8Array));
      await store.eraseKey('p2', { by: 'admin', reason: 'request' });
      await expect(store.createKeys(['p4', 'p2'])).rejects.toMatchObject({ name: 'PersonalDataError', code: 'SUBJECT_ERASED' });
      expect(await store.getKey('p2')).toBeUndefined();
    });

    it('erases durably: the tombstone survives reopen, a key is never made again, erasing again answers the first record', async () => {
      const now = () => new Date('2026-12-06T12:00:00.000Z');
      const store = await openStore({ now });
      await store.createKey('p1');
      await store.createKey('p2');
      const record = await store.eraseKey('p1', { by: 'admin@apo', reason: 'PDPA request 42' });
      expect(record).toEqual({ subject: 'p1', erasedAt: '2026-12-06T12:00:00.000Z', by: 'admin@apo', reason: 'PDPA request 42' });
      await store.close();

      const again = await openStore();
      expect(await again.getKey('p1')).toBeUndefined();
      expect(await again.isErased('p1')).toBe(true);
      expect(await again.isErased('p2')).toBe(false);
      await expect(again.createKey('p1')).rejects.toMatchObject({ name: 'PersonalDataError', code: 'SUBJECT_ERASED' });
      expect(await again.eraseKey('p1', { by: 'someone', reason: 'again' })).toEqual(record);
      // A subject never keyed can be erased too, and then never gets a key.
      await again.eraseKey('p3', { by: 'admin', reason: 'before any data' });
      await expect(again.createKey('p3')).rejects.toBeInstanceOf(PersonalDataError);
      expect((await again.subjects()).map((s) => [s.subject, s.erased !== undefined])).toEqual([
        ['p1', true],
        ['p2', false],
        ['p3', true],
      ]);
      expect((await again.subjects())[0]).toEqual({ subject: 'p1', createdAt: '2026-12-06T12:00:00.000Z', erased: record });
    });

    it('refuses an id it could not keep exactly (NO_SUBJECT) and an erasure without who and why (TypeError)', async () => {
      const store = await openStore();
      for (const bad of ['', 'a\u0000b', 'lone \ud800 surrogate', 42 as unknown as string]) {
        await expect(store.createKey(bad)).rejects.toMatchObject({ code: 'NO_SUBJECT' });
        await expect(store.getKey(bad)).rejects.toMatchObject({ code: 'NO_SUBJECT' });
        await expect(store.eraseKey(bad, { by: 'a', reason: 'b' })).rejects.toMatchObject({ code: 'NO_SUBJECT' });
      }
      await expect(store.eraseKey('p1', { by: '', reason: 'why' })).rejects.toBeInstanceOf(TypeError);
      await expect(store.eraseKey('p1', { by: 'who', reason: '' })).rejects.toBeInstanceOf(TypeError);
      expect(await store.subjects()).toEqual([]);
    });

    it('keeps any other id exactly, each with its own key, listed by code point', async () => {
      const store = await openStore();
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(subjectId, { minLength: 1, maxLength: 8 }), async (ids) => {
          const prefix = `run${String(run++).padStart(4, '0')}:`;
          const subjects = ids.map((id) => prefix + id);
          const keys = new Map<string, string>();
          for (const s of subjects) keys.set(s, Buffer.from(await store.createKey(s)).toString('hex'));
          expect(new Set(keys.values()).size).toBe(subjects.length);
          for (const s of subjects) expect(Buffer.from((await store.getKey(s)) as Uint8Array).toString('hex')).toBe(keys.get(s));
          const listed = (await store.subjects()).map((s) => s.subject).filter((s) => s.startsWith(prefix));
          expect(listed).toEqual([...subjects].sort(byCodePoint));
        }),
        { numRuns: 25 },
      );
    });

    it('answers like a simple model under any sequence of create, erase and read', async () => {
      const store = await openStore();
      type Op = { readonly op: 'create' | 'erase' | 'get'; readonly who: 'a' | 'b' | 'c' };
      const ops = fc.array(fc.record({ op: fc.constantFrom('create', 'erase', 'get'), who: fc.constantFrom('a', 'b', 'c') }) as fc.Arbitrary<Op>, {
        maxLength: 12,
      });
      let run = 0;
      await fc.assert(
        fc.asyncProperty(ops, async (sequence) => {
          const prefix = `model${run++}:`;
          const keys = new Map<string, string>();
          const erasures = new Map<string, ErasureRecord>();
          for (const [i, { op, who }] of sequence.entries()) {
            const subject = prefix + who;
            if (op === 'create') {
              if (erasures.has(subject)) {
                await expect(store.createKey(subject)).rejects.toMatchObject({ code: 'SUBJECT_ERASED' });
              } else {
                const key = Buffer.from(await store.createKey(subject)).toString('hex');
                expect(key).toBe(keys.get(subject) ?? key);
                keys.set(subject, key);
              }
            } else if (op === 'erase') {
              const record = await store.eraseKey(subject, { by: `admin ${i}`, reason: `request ${i}` });
              expect(record).toEqual(erasures.get(subject) ?? { subject, erasedAt: expect.any(String), by: `admin ${i}`, reason: `request ${i}` });
              erasures.set(subject, record);
            } else {
              const key = await store.getKey(subject);
              expect(key && Buffer.from(key).toString('hex')).toBe(erasures.has(subject) ? undefined : keys.get(subject));
              expect(await store.isErased(subject)).toBe(erasures.has(subject));
            }
          }
          const states = (await store.subjects()).filter((s) => s.subject.startsWith(prefix));
          const known = [...new Set([...keys.keys(), ...erasures.keys()])].sort(byCodePoint);
          expect(states.map((s) => [s.subject, s.erased])).toEqual(known.map((s) => [s, erasures.get(s)]));
        }),
        { numRuns: 25 },
      );
    });
  });
}
