import type { RecordedEvent } from '@apo/event-store';
import type { Kysely } from 'kysely';
import { correctedEvents, isCorrection, type StreamDependencies, distinct, positionOf } from '@apo/stream-folding';
import { type CoePhaseHistoryTable, type ReadDatabase, keyLookup, chunked, upsertRows, type Projection } from '@apo/read-store';
import { coeIdOf, isCoeEvent } from './coe-event';
import { foldPhase, noPhases, PHASE_EVENT_TYPES, rebuiltPhases, type CoePhases } from './coe-phase-rows';

type Row = CoePhaseHistoryTable;

const keyOf = (row: Row) => `${row.coe_id}\u0000${row.period}`;

async function loadPhases(trx: Kysely<ReadDatabase>, ids: readonly string[]): Promise<Map<string, CoePhases>> {
  const phases = new Map<string, CoePhases>();
  const keys = keyLookup(ids);
  for (const chunk of chunked(keys.stored)) {
    for (const row of await trx.selectFrom('coe_phase_history').selectAll().where('coe_id', 'in', chunk).execute()) {
      const id = keys.raw(row.coe_id);
      const held = phases.get(id) ?? noPhases();
      held.keys.add(row.period);
      if (row.ended_on === null) held.open = { ...row, coe_id: id, duration_days: null, on_schedule: null, position: String(row.position) };
      phases.set(id, held);
    }
  }
  return phases;
}

/**
 * One row per period (or, in version 2, designation awaiting launch and network stage) a COE
 * entered: when it really started (the entering event's business date, as given) against the
 * calendar, when and how it ended, and whether that was by the (extended) due date. A
 * suspension does not end a period: the COE returns to it. A correction (version 2's
 * RecordCorrected) builds the COE's rows again from its stream as corrected.
 */
export function coePhaseHistoryProjection(options: StreamDependencies): Projection {
  /** The COE's phases and rows after a correction: its stream read back up to it, corrected, folded from the start. */
  async function afterCorrection(event: RecordedEvent): Promise<{ phases: CoePhases; rows: Row[] }> {
    const earlier = await options.store.readStream(event.streamId, { fromRevision: 0, maxCount: event.revision });
    const meta = event.metadata as { definition: string; version: number };
    return rebuiltPhases(correctedEvents(options.registry.get(meta.definition, meta.version), [...earlier, event]), positionOf(event));
  }

  const corrects = (event: RecordedEvent): boolean => {
    const meta = event.metadata as { definition: string; version: number };
    return isCorrection(options.registry.get(meta.definition, meta.version), event);
  };

  /** Folds `events` into `held` (by COE id), handing each row created or changed to `keep`. */
  async function fold(held: Map<string, CoePhases>, events: readonly RecordedEvent[], keep: (row: Row) => void): Promise<void> {
    for (const event of events) {
      const id = coeIdOf(event);
      if (event.type === 'RecordCorrected' && corrects(event)) {
        const { phases, rows } = await afterCorrection(event);
        held.set(id, phases);
        rows.forEach(keep);
        continue;
      }
      let phases = held.get(id);
      if (phases === undefined) held.set(id, (phases = noPhases()));
      foldPhase(phases, event, keep);
    }
  }

  return {
    name: 'coe-phase-history',
    version: 2,
    tables: ['coe_phase_history'],
    handles: (event) => PHASE_EVENT_TYPES.has(event.type) && isCoeEvent(event),
    async apply(trx, events) {
      const held = await loadPhases(trx, distinct(events.map(coeIdOf)));
      const changed = new Map<string, Row>();
      await fold(held, events, (row) => changed.set(keyOf(row), row));
      await upsertRows(trx, 'coe_phase_history', ['coe_id', 'period'], [...changed.values()]);
    },
    rebuildInMemory() {
      // Each COE's open row and the keys it used; ended rows are let go once written.
      const held = new Map<string, CoePhases>();
      let changed = new Map<string, Row>();
      return {
        fold: (events) => fold(held, events, (row) => changed.set(keyOf(row), row)),
        async write(trx) {
          const rows = [...changed.values()];
          changed = new Map();
          await upsertRows(trx, 'coe_phase_history', ['coe_id', 'period'], rows);
        },
      };
    },
  };
}
