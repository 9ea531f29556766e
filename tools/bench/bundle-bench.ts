import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleFromStore, longInstanceSteps, LONG_COE, VERIFY_BUNDLE_SCRIPT, writeBundle } from '@apo/audit/testing';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { runSteps } from '@apo/projections/testing';
import { generateNoteKeys } from '@apo/transparency-log';
import { latencyFigure, type LatencyRun, type Section } from './report';
import { msSince, percentile, RssSampler } from './stats';
import { removeDir, scratchDir } from './workload';

const EVENTS = 1_000;
const RUNS_PER_REPEAT = 5;
const ORIGIN = 'bench.apo-tokyo.org/log';
const run = promisify(execFile);

/** `RUNS_PER_REPEAT` runs of `node <args>`, timed from spawn to exit; events/s is 1,000 events over the median. */
async function timedRuns(args: readonly string[]): Promise<LatencyRun> {
  const rss = new RssSampler();
  const times: number[] = [];
  for (let i = 0; i < RUNS_PER_REPEAT; i++) {
    const start = process.hrtime.bigint();
    await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
    times.push(msSince(start));
  }
  const p50 = percentile(times, 50);
  return { eventsPerSecond: EVENTS / (p50 / 1000), p50, p99: percentile(times, 99), peakRssMiB: rss.stop() };
}

/**
 * The offline verifier (tools/audit/verify-bundle.mjs) on the evidence bundle of a 1,000-event
 * COE, as an auditor runs it: a new `node` process each time, its start included. Ceiling: a
 * bare `node -e ""` (what the script cannot beat).
 */
export const bundleSection = async (repeats: number, log: (line: string) => void): Promise<Section> => {
  const dir = scratchDir();
  try {
    const keys = { ...generateNoteKeys(ORIGIN), origin: ORIGIN };
    const store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
    let file: string;
    try {
      await runSteps(store, longInstanceSteps(LONG_COE, EVENTS));
      const bundle = await bundleFromStore(store, { programme: 'coe', id: LONG_COE, streamId: `coe-${LONG_COE}`, initialState: 'new' }, keys);
      file = writeBundle(dir, 'bundle.json', bundle);
    } finally {
      await store.close();
    }
    const verifies: LatencyRun[] = [];
    const bare: LatencyRun[] = [];
    await run(process.execPath, [VERIFY_BUNDLE_SCRIPT, file, '--key', keys.verifierKey]); // refuses (throws) unless it verifies
    for (let i = 0; i < repeats; i++) {
      verifies.push(await timedRuns([VERIFY_BUNDLE_SCRIPT, file, '--key', keys.verifierKey]));
      bare.push(await timedRuns(['-e', '']));
      log(
        `bundle verifier: ${verifies[i].p50.toFixed(0)} ms for ${EVENTS} events; bare node start ${bare[i].p50.toFixed(0)} ms (medians of ${RUNS_PER_REPEAT})`,
      );
    }
    return {
      title: 'Offline evidence-bundle verifier',
      description:
        `\`node tools/audit/verify-bundle.mjs bundle.json --key …\` on the bundle of one ${EVENTS.toLocaleString('en-GB')}-event COE (its checkpoint, envelope hashes, hash chain, ` +
        `inclusion proofs and recorded transitions), a new process each run, median of ${RUNS_PER_REPEAT} runs per repeat. Events/s is ${EVENTS.toLocaleString('en-GB')} events over the median run; ` +
        'the latency columns are the whole run (node start included). Ceiling: a bare `node -e ""`.',
      figures: [
        latencyFigure('bundle-verify-1000', `verify-bundle.mjs, ${EVENTS.toLocaleString('en-GB')}-event instance`, verifies, 'bundle-node-start'),
        latencyFigure('bundle-node-start', 'raw: node start and exit (node -e "")', bare),
      ],
      notes: [
        `The bundle file is ${join('…', 'bundle.json')} of the instance's events with their inclusion proofs in a tree of ${EVENTS} leaves.`,
        'Peak RSS is the bench process, not the verifier child.',
      ],
    };
  } finally {
    removeDir(dir);
  }
};
