import { join } from 'node:path';
import { BCN_DEFINITION_NAME, createBcnDefinition } from '@apo/bcn';
import * as bcn from '@apo/bcn/testing';
import { DefinitionRegistry, ManualClock, type Command } from '@apo/engine';
import type { EventStore, JsonObject } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { PersonalData, SqliteKeyStore } from '@apo/personal-data';
import { createRegistry } from '@apo/programmes';
import { WorkflowService } from '@apo/workflow';
import type { LatencyRun, ThroughputRun } from './report';
import { sequentialRun } from './personal-primitives-run';
import { collectGarbage, msSince, RssSampler } from './stats';
import { removeDir, scratchDir } from './workload';

/** Exchanges per round: each is scheduled once with new participants and once again with the same ones. */
export const EXCHANGES = Number(process.env.BENCH_PERSONAL_EXCHANGES ?? 30);
export const PARTICIPANTS = 10;
/** Exchange views opened per round. */
const VIEW_OPENS = 500;

const admin = { id: 'bench:admin', role: 'admin' };

/** What one round of commands measured, and what it leaves for the other figures. */
export interface CommandsRound {
  /** ScheduleExchange, 10 participants new to the key store (10 keys made in one write), sealed. */
  readonly sealedNew: LatencyRun;
  /** The same exchange rescheduled with the same 10 participants (their keys exist), sealed. */
  readonly sealedKnown: LatencyRun;
  /** The same ScheduleExchange on a BCN definition naming no personal data: stored in clear. */
  readonly clear: LatencyRun;
  /** ApproveExchange (no personal data) on the service with the sealer, from the seeding. */
  readonly approve: LatencyRun;
  /** `PersonalData.open` of one scheduled exchange's `details` as the command answered it (10 keys read, 20 fields opened). */
  readonly viewOpen: ThroughputRun;
  /** JSON length of one stored ExchangeScheduled event's data: sealed; the same opened (person ids kept); stored by the clear definition. */
  readonly bytes: { readonly sealed: number; readonly opened: number; readonly clear: number };
}

/** Ten participants for a virtual exchange; with `personIds`, the people already known. */
const scheduleOf = (personIds?: readonly string[]): Command =>
  bcn.schedule({
    modality: 'virtual',
    venue: undefined,
    participants: bcn.roster(PARTICIPANTS).map((p, k) => (personIds ? { ...p, personId: personIds[k] } : p)),
  });

/** The BCN definition without its personal-data policy: the command path with nothing to seal. */
const clearRegistry = (): DefinitionRegistry => new DefinitionRegistry([{ ...createBcnDefinition(), personalData: undefined }]);

const timed = async <T>(latencies: number[], run: () => Promise<T>): Promise<T> => {
  const start = process.hrtime.bigint();
  const result = await run();
  latencies.push(msSince(start));
  return result;
};

/** The data of the first ExchangeScheduled event the exchange's stream stores. */
const storedSchedule = async (store: EventStore, instanceId: string): Promise<JsonObject> => {
  const scheduled = (await store.readStream(`bcn-${instanceId}`)).find((e) => e.type === 'ExchangeScheduled');
  if (scheduled === undefined) throw new Error(`bcn-${instanceId} has no ExchangeScheduled event`);
  return scheduled.data;
};

/** VIEW_OPENS opens of one exchange view; refuses a view that does not open to the clear names. */
const viewOpenRun = async (personalData: PersonalData, details: JsonObject): Promise<ThroughputRun> => {
  const opened = JSON.stringify(await personalData.open(details));
  if (opened.includes('$personal') || !opened.includes(`Participant ${PARTICIPANTS}`)) throw new Error('the exchange view did not open');
  collectGarbage();
  const rss = new RssSampler();
  const start = process.hrtime.bigint();
  for (let i = 0; i < VIEW_OPENS; i++) await personalData.open(details);
  return { eventsPerSecond: VIEW_OPENS / (msSince(start) / 1000), peakRssMiB: rss.stop() };
};

/**
 * One round, one caller: EXCHANGES exchanges brought to approval on two fresh durable stores
 * (one service with the SQLite key store and sealer, one on the clear definition), then per
 * exchange, alternately so other load on the machine hits all alike: a sealed schedule of new
 * participants, the clear schedule, and the sealed reschedule of the same participants.
 */
export const personalCommandsRound = async (): Promise<CommandsRound> => {
  const dir = scratchDir();
  const sealedStore = await openSqliteEventStore({ dataDir: join(dir, 'sealed') });
  const clearStore = await openSqliteEventStore({ dataDir: join(dir, 'clear') });
  const personalData = new PersonalData(SqliteKeyStore.open({ dataDir: join(dir, 'sealed') }));
  const sealed = new WorkflowService(sealedStore, createRegistry(), new ManualClock(bcn.NOW), { personalData });
  const clear = new WorkflowService(clearStore, clearRegistry(), new ManualClock(bcn.NOW));
  const on = (service: WorkflowService, instanceId: string, command: Command) =>
    service.execute({ definition: BCN_DEFINITION_NAME, instanceId, command, actor: admin });
  try {
    const approve: number[] = [];
    for (let i = 0; i < EXCHANGES; i++) {
      for (const command of bcn.history.submitted()) {
        await on(sealed, `x-${i}`, command);
        await on(clear, `x-${i}`, command);
      }
      await timed(approve, () => on(sealed, `x-${i}`, bcn.approve()));
      await on(clear, `x-${i}`, bcn.approve());
    }
    const sealedNew: number[] = [];
    const sealedKnown: number[] = [];
    const clearSchedule: number[] = [];
    let sealedDetails: JsonObject = {};
    collectGarbage();
    const rss = new RssSampler();
    for (let i = 0; i < EXCHANGES; i++) {
      const first = await timed(sealedNew, () => on(sealed, `x-${i}`, scheduleOf()));
      await timed(clearSchedule, () => on(clear, `x-${i}`, scheduleOf()));
      const personIds = (first.events[0].data as { participants: { personId: string }[] }).participants.map((p) => p.personId);
      sealedDetails = (await timed(sealedKnown, () => on(sealed, `x-${i}`, scheduleOf(personIds)))).details;
    }
    const peak = rss.stop();
    const sealedData = await storedSchedule(sealedStore, 'x-0');
    const bytes = {
      sealed: JSON.stringify(sealedData).length,
      opened: JSON.stringify(await personalData.open(sealedData)).length,
      clear: JSON.stringify(await storedSchedule(clearStore, 'x-0')).length,
    };
    return {
      sealedNew: sequentialRun(sealedNew, peak),
      sealedKnown: sequentialRun(sealedKnown, peak),
      clear: sequentialRun(clearSchedule, peak),
      approve: sequentialRun(approve, peak),
      viewOpen: await viewOpenRun(personalData, sealedDetails),
      bytes,
    };
  } finally {
    await sealedStore.close();
    await clearStore.close();
    await personalData.keys.close();
    removeDir(dir);
  }
};
