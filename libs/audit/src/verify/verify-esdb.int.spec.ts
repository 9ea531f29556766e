import { PassThrough } from 'node:stream';
import { coeLifeScriptV2, recordedOnVersion2 } from '@apo/coe/testing';
import { openEsdbEventStore } from '@apo/event-store/esdb';
import type { EventStore } from '@apo/event-store';
import { startEsdbWireServer, type EsdbWireServer } from '@apo/event-store/testing';
import { generatePortfolio, lifeScriptSteps, runSteps } from '@apo/projections/testing';
import { auditRegistry, sealStore, stateAt, verifyInstance, verifyStore, writeExport } from '../index';

/** The same audit over the EventStoreDB adapter (against the wire test server). */
describe('audit on EventStoreDB (wire test server)', () => {
  let server: EsdbWireServer;
  let store: EventStore;
  const registry = auditRegistry();

  beforeAll(async () => {
    server = await startEsdbWireServer();
    store = await openEsdbEventStore(server.connectionString);
    await runSteps(store, lifeScriptSteps('th-digital', coeLifeScriptV2));
    await runSteps(store, recordedOnVersion2(generatePortfolio({ count: 6, seed: 3 })));
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it('verifies every stream in worker threads as in one thread, seals, travels in time and exports', async () => {
    const threaded = await verifyStore(store, { registry, workers: 2, batchEvents: 40 });
    const single = await verifyStore(store, { registry, workers: 0 });
    expect(threaded).toMatchObject({ ok: true, streams: 7, divergenceCount: 0, workers: 2 });
    expect(threaded).toEqual({ ...single, workers: 2 });
    // EventStoreDB has no copy of its log to hand to worker threads: they are fed from the log.
    expect(store.copyForReading).toBeUndefined();
    expect(threaded.read).toBe('log');
    await expect(verifyStore(store, { registry, workers: 2, read: 'copy' })).rejects.toThrow(/copyForReading/);
    const seal = await sealStore(store, '2031-01-01T00:00:00.000Z');
    expect(seal).toMatchObject({ digest: threaded.digest, streams: 7, events: threaded.events });
    expect(await verifyInstance(store, registry, 'coe-th-digital')).toMatchObject({ ok: true, events: 26 });
    expect(stateAt(registry, 'coe-th-digital', await store.readStream('coe-th-digital'), { at: '2028-02-01' })).toMatchObject({ state: 'suspended' });
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    expect(await writeExport(store.readAll(), 'jsonl', out)).toEqual({ events: threaded.events });
    expect(text.trimEnd().split('\n')).toHaveLength(threaded.events);
  }, 60_000);

  it('reads on past events another writer appended that this store cannot read: malformed in every reader', async () => {
    server.appendForeign('coe-th-digital', { type: 'Foreign', json: false, data: new Uint8Array([0xff, 0x00, 0x7b]) });
    server.appendForeign('coe-th-digital', { type: 'Foreign', json: true, data: '{"n":1}', metadata: '[1,2]' });
    const threaded = await verifyStore(store, { registry, workers: 2, batchEvents: 40 });
    const single = await verifyStore(store, { registry, workers: 0 });
    expect(threaded).toEqual({ ...single, workers: 2 });
    const malformed = single.divergences.filter((d) => d.kind === 'malformed');
    expect(malformed).toEqual([
      expect.objectContaining({ streamId: 'coe-th-digital', revision: 26, part: 'data', actual: expect.stringMatching(/not written as JSON/) }),
      expect.objectContaining({ streamId: 'coe-th-digital', revision: 27, part: 'metadata', actual: 'unreadable metadata: a JSON array' }),
    ]);
    const one = await verifyInstance(store, registry, 'coe-th-digital');
    expect(one).toMatchObject({ ok: false, events: 28, head: { revision: 27, hash: '' } });
    expect(one.divergences).toEqual(single.divergences);
    expect(await sealStore(store, '2031-01-01T00:00:00.000Z')).toMatchObject({ digest: single.digest, events: single.events });
  }, 60_000);
});
