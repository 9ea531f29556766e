import type { RecordedEvent } from '@apo/event-store';
import type { InMemoryRebuild } from './projection';
import type { ReadDatabase, ReadTable } from './tables';
import { insertRows } from './write-rows';

interface Held<Row> {
  readonly row: Row;
  changed: boolean;
}

/**
 * Rows an in-memory rebuild holds by key across batches, remembering which changed since they
 * were last taken for a write: each row is written once per write, however many events touched it.
 */
export class HeldRows<Row> {
  private readonly rows = new Map<string, Held<Row>>();
  private changed: Held<Row>[] = [];

  /** The row held under `key` (made by `create` if there is none yet), counted as changed: change it in place. */
  touch(key: string, create: () => Row): Row {
    let held = this.rows.get(key);
    if (held === undefined) {
      held = { row: create(), changed: false };
      this.rows.set(key, held);
    }
    if (!held.changed) {
      held.changed = true;
      this.changed.push(held);
    }
    return held.row;
  }

  /** The rows changed since the previous call, in the order they first changed. */
  takeChanged(): Row[] {
    const changed = this.changed;
    this.changed = [];
    return changed.map((held) => {
      held.changed = false;
      return held.row;
    });
  }
}

/**
 * The in-memory rebuild of a table with at most one row per event (never changed afterwards):
 * rows wait in memory until the next write inserts them.
 */
export function appendedRowsRebuild<T extends ReadTable>(table: T, rowOf: (event: RecordedEvent) => ReadDatabase[T] | undefined): InMemoryRebuild {
  let rows: ReadDatabase[T][] = [];
  return {
    fold(events) {
      for (const event of events) {
        const row = rowOf(event);
        if (row !== undefined) rows.push(row);
      }
    },
    async write(trx) {
      const taken = rows;
      rows = [];
      await insertRows(trx, table, taken);
    },
  };
}
