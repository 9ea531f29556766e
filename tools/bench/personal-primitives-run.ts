import { generatePersonalKey, openSealed, sealPersonal, SqliteKeyStore, type PersonalContext, type SealedPersonal } from '@apo/personal-data';
import type { LatencyRun, ThroughputRun } from './report';
import { collectGarbage, msSince, percentile, RssSampler } from './stats';
import { removeDir, scratchDir } from './workload';

const FIELDS = 20_000;
const KEYS = 50;
const GETS = 5_000;
const ERASES = 20;

/** Where a participant's name stands in a scheduled exchange (all of it bound into the GCM associated data). */
const NAME_CONTEXT: PersonalContext = {
  subject: 'p-4f1c2a9e-0b7d-4d3e-9a51-6c2f8e1d7b30',
  streamId: 'bcn-x-0',
  eventType: 'ExchangeScheduled',
  path: 'participants[*].name',
};

/** Rate of `count` calls of `run`, timed as one batch (per-call timers would weigh on a few µs). */
const batchRun = (count: number, run: (i: number) => void): ThroughputRun => {
  collectGarbage();
  const rss = new RssSampler();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) run(i);
  return { eventsPerSecond: count / (msSince(start) / 1000), peakRssMiB: rss.stop() };
};

/** FIELDS participant names sealed with sealPersonal, then the same opened with openSealed. */
export const fieldRuns = (): { seal: ThroughputRun; open: ThroughputRun } => {
  const key = generatePersonalKey();
  const sealed: SealedPersonal[] = new Array<SealedPersonal>(FIELDS);
  const seal = batchRun(FIELDS, (i) => {
    sealed[i] = sealPersonal(`Somphone Keola ${i}`, key, NAME_CONTEXT);
  });
  let last: unknown;
  const open = batchRun(FIELDS, (i) => {
    last = openSealed(sealed[i], key);
  });
  if (last !== `Somphone Keola ${FIELDS - 1}`) throw new Error('openSealed did not give the sealed name back');
  return { seal, open };
};

/** Operations timed one by one, back to back: their rate over the time they took, p50 and p99 in ms. */
export const sequentialRun = (latencies: readonly number[], peakRssMiB: number): LatencyRun => ({
  eventsPerSecond: latencies.length / (latencies.reduce((sum, ms) => sum + ms, 0) / 1000),
  p50: percentile(latencies, 50),
  p99: percentile(latencies, 99),
  peakRssMiB,
});

/**
 * The embedded key store on a fresh file (journal_mode=DELETE, synchronous=FULL, secure_delete):
 * KEYS keys made for new subjects one by one, GETS reads of them, ERASES of them erased one by one.
 */
export const keyStoreRuns = async (): Promise<{ create: LatencyRun; get: ThroughputRun; erase: LatencyRun }> => {
  const dir = scratchDir();
  const keys = SqliteKeyStore.open({ dataDir: dir });
  try {
    const subject = (i: number) => `p-bench-${i}`;
    collectGarbage();
    const rss = new RssSampler();
    const created: number[] = [];
    for (let i = 0; i < KEYS; i++) {
      const start = process.hrtime.bigint();
      await keys.createKey(subject(i));
      created.push(msSince(start));
    }
    const createPeak = rss.stop();
    const getRss = new RssSampler();
    const getStart = process.hrtime.bigint();
    let found = 0;
    for (let i = 0; i < GETS; i++) if ((await keys.getKey(subject((i * 7) % KEYS))) !== undefined) found++;
    const get = { eventsPerSecond: GETS / (msSince(getStart) / 1000), peakRssMiB: getRss.stop() };
    if (found !== GETS) throw new Error('getKey missed keys it had made');
    const eraseRss = new RssSampler();
    const erased: number[] = [];
    for (let i = 0; i < ERASES; i++) {
      const start = process.hrtime.bigint();
      await keys.eraseKey(subject(i), { by: 'bench:admin', reason: 'bench erasure' });
      erased.push(msSince(start));
    }
    return { create: sequentialRun(created, createPeak), get, erase: sequentialRun(erased, eraseRss.stop()) };
  } finally {
    await keys.close();
    removeDir(dir);
  }
};
