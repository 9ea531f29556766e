/**
 * Worker-thread entry of a rebuild that folds whole streams (see worker-fold-rebuild.ts: the
 * deadlines, the COE overview): keeps every stream's folded XState state and folds the batches it
 * is sent; the main thread asks it for the changed streams' states at each write and keeps what
 * its rows need (the deadline policy and notices, the overview's description).
 */
import { initialState, machineStep, stateToString, toMachineEvent, type AnyWorkflowDefinition, type MachineStep } from '@apo/engine';
import type { AnyMachineSnapshot } from 'xstate';
import { parentPort, workerData } from 'node:worker_threads';
import { loadRegistry } from './fold-registry';
import { READ_BACK, WATCH, type FoldBatch, type FoldReply, type FoldRequest, type FoldWorkerData, type WireState } from './fold-wire';

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('fold-worker must run in a worker thread');
  const reply = (message: FoldReply) => port.postMessage(message);
  try {
    const data = workerData as FoldWorkerData;
    const registry = await loadRegistry(data.registry);
    const definitions = data.definitions.map((wire) => {
      const definition = registry.get(wire.name, wire.version);
      if (JSON.stringify(definition.machine.toJSON()) !== wire.machine)
        throw new Error(`${wire.name} v${wire.version}: the worker's machine differs from the main thread's`);
      return definition;
    });
    const folder = new StreamFolder(definitions);
    port.on('message', (request: FoldRequest) => {
      try {
        if (request.kind === 'fold') reply({ kind: 'folded', events: folder.fold(request) });
        else if (request.kind === 'flush') reply({ kind: 'flushed', ...folder.flush() });
        else reply({ kind: 'handover', states: folder.handover(request.limit) });
      } catch (error) {
        reply({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    });
    reply({ kind: 'ready' });
  } catch (error) {
    reply({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
}

/** One stream's folded machine, changed in place event by event (no wrapper object per event). */
interface Folded {
  definition: number;
  snapshot: AnyMachineSnapshot;
  revision: number;
  lastHash: string;
}

/**
 * Every stream's last folded state, and what changed since the last flush. The same steps as
 * `evolve` (one `machineStep` per event), without building a `WorkflowState` per event: its state
 * string is made only when the main thread asks for it. The initial snapshot is made once per
 * definition (XState's initial transition builds an actor each time; snapshots are immutable).
 */
class StreamFolder {
  private readonly states = new Map<string, Folded>();
  private readonly steps: MachineStep[];
  private readonly initial: AnyMachineSnapshot[];
  private changed = new Set<string>();
  private watched: WireState[] = [];

  constructor(private readonly definitions: readonly AnyWorkflowDefinition[]) {
    this.steps = definitions.map((d) => machineStep(d.machine));
    this.initial = definitions.map((d) => initialState(d).snapshot);
  }

  fold(batch: FoldBatch): number {
    const { streams, revisions, types, data, definitions, hashes, flags } = batch;
    for (let i = 0; i < streams.length; i++) {
      const streamId = streams[i];
      const revision = revisions[i];
      let held = this.states.get(streamId);
      if (revision === 0) {
        const definition = definitions[i];
        if (held === undefined) this.states.set(streamId, (held = { definition, snapshot: this.initial[definition], revision: -1, lastHash: '' }));
        else held.definition = definition;
        held.snapshot = this.initial[definition];
      } else if (held === undefined || held.revision !== revision - 1) {
        throw new Error(`fold worker: stream ${streamId} at revision ${revision} after ${held?.revision ?? 'nothing'}`);
      }
      held.snapshot = this.steps[held.definition](held.snapshot, toMachineEvent({ type: types[i], data: data[i] as object }));
      held.revision = revision;
      held.lastHash = hashes[i];
      if ((flags[i] & READ_BACK) === 0) this.changed.add(streamId);
      if ((flags[i] & WATCH) !== 0) this.watched.push([stateToString(held.snapshot.value), held.snapshot.context]);
    }
    return streams.length;
  }

  flush(): { streams: string[]; states: WireState[]; watched: WireState[] } {
    const streams = [...this.changed];
    const states = streams.map((id): WireState => {
      const { snapshot } = this.states.get(id) as Folded;
      return [stateToString(snapshot.value), snapshot.context];
    });
    const watched = this.watched;
    this.changed = new Set();
    this.watched = [];
    return { streams, states, watched };
  }

  /** The last `limit` streams not done, as persisted snapshots (the live projection's cache). */
  handover(limit: number) {
    const live = [...this.states].filter(([, held]) => held.snapshot.status !== 'done').slice(-limit);
    return live.map(([streamId, held]) => ({
      streamId,
      definition: held.definition,
      revision: held.revision,
      lastHash: held.lastHash,
      snapshot: this.definitions[held.definition].machine.getPersistedSnapshot(held.snapshot),
    }));
  }
}

void serve();
