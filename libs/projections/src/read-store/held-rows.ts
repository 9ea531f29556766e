import type { RecordedEvent } from '@apo/event-store';
import type { InMemoryRebuild } from '../runner/projection';
import type { ReadDatabase, ReadTable } from './tables';
import { insertRows } from './write-rows';

/**
 * Rows an in-memory rebuild holds by key across batches, remembering which changed since they
 * were last taken for a write: each row is written once per write, however many events touched it.
 */
export class HeldRows<Row> {
  private readonly rows = new Map<string, Row>();
  private changed = new Set<string>();

  get(key: string): Row | undefined {
    return this.rows.get(key);
  }

  /** Holds `row` under `key` (it may be the object `get` returned, changed in place) as changed. */
  set(key: string, row: Row): void {
    this.rows.set(key, row);
    this.changed.add(key);
  }

  /** The rows changed since the previous call, in the order they first changed. */
  takeChanged(): Row[] {
    const changed = [...this.changed].map((key) => this.rows.get(key) as Row);
    this.changed = new Set();
    return changed;
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
