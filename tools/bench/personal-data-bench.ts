import { latencyFigure, throughputFigure, type LatencyRun, type Section, type ThroughputRun } from './report';
import { EXCHANGES, PARTICIPANTS, personalCommandsRound, type CommandsRound } from './personal-commands-run';
import { fieldRuns, keyStoreRuns } from './personal-primitives-run';
import { percentile } from './stats';

const median = (values: readonly number[]) => percentile(values, 50);
/** Median over rounds of each round's median latency, in µs. */
const p50Us = (runs: readonly LatencyRun[]) => median(runs.map((r) => r.p50)) * 1000;
/** Median over rounds of the time per operation, in µs. */
const perOpUs = (runs: readonly ThroughputRun[]) => 1e6 / median(runs.map((r) => r.eventsPerSecond));
const us = (value: number) => `${value >= 100 ? Math.round(value).toLocaleString('en-GB') : value.toFixed(1)} µs`;

/**
 * Issue #23's cost: a BCN ScheduleExchange of 10 virtual participants through WorkflowService on
 * the embedded durable store, sealed under per-subject keys from the SQLite key store, beside the
 * same command on a definition naming no personal data; then the primitives (a field sealed or
 * opened, an exchange view opened, a key made, read, erased) and the stored bytes.
 */
export const personalDataSection = async (repeats: number, log: (line: string) => void): Promise<Section> => {
  const rounds: CommandsRound[] = [];
  const seals: ThroughputRun[] = [];
  const opens: ThroughputRun[] = [];
  const creates: LatencyRun[] = [];
  const gets: ThroughputRun[] = [];
  const erases: LatencyRun[] = [];
  for (let r = 0; r < repeats; r++) {
    const round = await personalCommandsRound();
    rounds.push(round);
    const fields = fieldRuns();
    seals.push(fields.seal);
    opens.push(fields.open);
    const keys = await keyStoreRuns();
    creates.push(keys.create);
    gets.push(keys.get);
    erases.push(keys.erase);
    log(
      `run ${r + 1}: schedule sealed ${us(round.sealedNew.p50 * 1000)} (known people ${us(round.sealedKnown.p50 * 1000)}), clear ${us(round.clear.p50 * 1000)}; ` +
        `field seal ${us(1e6 / fields.seal.eventsPerSecond)}, open ${us(1e6 / fields.open.eventsPerSecond)}; createKey ${us(keys.create.p50 * 1000)}`,
    );
  }
  const sealedNew = p50Us(rounds.map((r) => r.sealedNew));
  const sealedKnown = p50Us(rounds.map((r) => r.sealedKnown));
  const clear = p50Us(rounds.map((r) => r.clear));
  const createKey = p50Us(creates);
  const bytes = rounds[0].bytes;
  const fieldsSealed = 2 * PARTICIPANTS;
  return {
    title: 'Personal data: sealing cost (issue 23)',
    description:
      `One caller, ${EXCHANGES} BCN exchanges per run brought to approval on two fresh durable SQLite stores (synchronous=FULL), then per exchange, alternately: ` +
      `ScheduleExchange with ${PARTICIPANTS} virtual participants through \`WorkflowService.execute\` with \`PersonalData\` over the SQLite key store ` +
      `(${PARTICIPANTS} new subjects: ${PARTICIPANTS} keys made in one key-store write, ${fieldsSealed} fields sealed with AES-256-GCM before hashing), ` +
      'the same command on the BCN definition without its personal-data policy (stored in clear: the ceiling), and the sealed reschedule of the same participants (keys exist). ' +
      'Then the primitives: a participant name sealed (`sealPersonal`) and opened (`openSealed`), 20,000 each, timed as one batch; ' +
      "`PersonalData.open` of one scheduled exchange's `details` (10 keys read, 20 fields opened); and the SQLite key store on a fresh file (journal_mode=DELETE, synchronous=FULL, secure_delete): " +
      '50 keys made one by one, 5,000 reads, 20 erasures. Command and key-store figures are per operation in sequence (rate = operations / time they took).',
    figures: [
      latencyFigure(
        'personal-schedule-new',
        `ScheduleExchange, ${PARTICIPANTS} new participants, sealed (commands/s)`,
        rounds.map((r) => r.sealedNew),
        'personal-schedule-clear',
      ),
      latencyFigure(
        'personal-schedule-known',
        `ScheduleExchange again, the same ${PARTICIPANTS} participants (keys exist), sealed`,
        rounds.map((r) => r.sealedKnown),
        'personal-schedule-clear',
      ),
      latencyFigure(
        'personal-schedule-clear',
        'the same ScheduleExchange, definition without personal data (clear)',
        rounds.map((r) => r.clear),
      ),
      latencyFigure(
        'personal-approve',
        'ApproveExchange (no personal data), service with the sealer',
        rounds.map((r) => r.approve),
      ),
      throughputFigure('personal-field-seal', 'sealPersonal, one participant name (fields/s)', seals),
      throughputFigure('personal-field-open', 'openSealed, one participant name (fields/s)', opens),
      throughputFigure(
        'personal-view-open',
        `PersonalData.open of one exchange view, ${PARTICIPANTS} participants (views/s)`,
        rounds.map((r) => r.viewOpen),
      ),
      latencyFigure('personal-key-create', 'SqliteKeyStore.createKey, new subject (keys/s)', creates),
      throughputFigure('personal-key-get', 'SqliteKeyStore.getKey (reads/s)', gets),
      latencyFigure('personal-key-erase', 'SqliteKeyStore.eraseKey (erasures/s)', erases),
    ],
    notes: [
      `Per command (median latency): ${us(sealedNew)} sealed with ${PARTICIPANTS} new participants, ${us(sealedKnown)} sealed with known ones, ${us(clear)} in clear: ` +
        `${(sealedNew / clear).toFixed(2)}× and ${(sealedKnown / clear).toFixed(2)}× the clear command (sealing adds ${us(sealedNew - clear)} and ${us(sealedKnown - clear)}).`,
      `Making a key alone is one durable transaction of the key store (journal_mode=DELETE, synchronous=FULL): ${us(createKey)} (p50); a schedule makes its ${PARTICIPANTS} new people's keys in one (createKeys); ` +
        `the gap between new and known participants is ${us((sealedNew - sealedKnown) / PARTICIPANTS)} per participant. ` +
        `Key making and erasure wait for the disk (fsync), so they move with other load on the machine: createKey p50 went from ${us(Math.min(...creates.map((c) => c.p50 * 1000)))} to ${us(Math.max(...creates.map((c) => c.p50 * 1000)))} across the runs; ` +
        'the command figures beside their ceiling ran interleaved, the key-store figures in a phase of their own.',
      `Primitives (median per operation): seal one field ${us(perOpUs(seals))}, open one field ${us(perOpUs(opens))}; open one exchange view ${us(perOpUs(rounds.map((r) => r.viewOpen)))}; ` +
        `getKey ${us(perOpUs(gets))}; eraseKey ${(p50Us(erases) / 1000).toFixed(2)} ms (p50).`,
      `Stored ExchangeScheduled data (JSON length): ${bytes.sealed.toLocaleString('en-GB')} bytes sealed, ${bytes.opened.toLocaleString('en-GB')} bytes for the same data opened (person ids kept), ` +
        `${(bytes.sealed / bytes.opened).toFixed(1)}× or ${Math.round((bytes.sealed - bytes.opened) / fieldsSealed)} bytes more per sealed field; ` +
        `${bytes.clear.toLocaleString('en-GB')} bytes from the clear definition (no person ids).`,
      'Not measured here: concurrent callers. The SQLite key store is synchronous (better-sqlite3), so a command’s key write holds the event loop through its commit; the keys of concurrent commands are not grouped as the event store groups appends (group commit).',
    ],
  };
};
