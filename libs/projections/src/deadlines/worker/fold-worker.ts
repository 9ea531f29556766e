/**
 * Worker-thread entry of the deadlines rebuild (see deadlines-worker-rebuild.ts): keeps every
 * stream's folded XState state and folds the batches it is sent; the main thread asks it for
 * the changed streams' states at each write and keeps the deadline policy, the notices and the rows.
 */
import { evolve, initialState, type AnyWorkflowDefinition, type EnvelopedEvent, type WorkflowState } from '@apo/engine';
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
      if (JSON.stringify(definition.machine.toJSON()) !== wire.machine) throw new Error(`${wire.name} v${wire.version}: the worker's machine differs from the main thread's`);
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

/** Every stream's last folded state, and what changed since the last flush. */
class StreamFolder {
  private readonly states = new Map<string, WorkflowState>();
  private changed = new Set<string>();
  private watched: WireState[] = [];

  constructor(private readonly definitions: readonly AnyWorkflowDefinition[]) {}

  fold(batch: FoldBatch): number {
    const { streams, revisions, types, data, definitions, hashes, flags } = batch;
    for (let i = 0; i < streams.length; i++) {
      const streamId = streams[i];
      const revision = revisions[i];
      const held = this.states.get(streamId);
      let before: WorkflowState;
      if (revision === 0) before = initialState(this.definitions[definitions[i]]);
      else if (held !== undefined && held.revision === revision - 1) before = held;
      else throw new Error(`deadlines fold worker: stream ${streamId} at revision ${revision} after ${held?.revision ?? 'nothing'}`);
      const event = { streamId, revision, type: types[i], data: data[i], metadata: { hash: hashes[i] } } as unknown as EnvelopedEvent;
      const state = evolve(before, event);
      this.states.set(streamId, state);
      if ((flags[i] & READ_BACK) === 0) this.changed.add(streamId);
      if ((flags[i] & WATCH) !== 0) this.watched.push([state.state, state.context]);
    }
    return streams.length;
  }

  flush(): { streams: string[]; states: WireState[]; watched: WireState[] } {
    const streams = [...this.changed];
    const states = streams.map((id): WireState => {
      const state = this.states.get(id) as WorkflowState;
      return [state.state, state.context];
    });
    const watched = this.watched;
    this.changed = new Set();
    this.watched = [];
    return { streams, states, watched };
  }

  /** The last `limit` streams not done, as persisted snapshots (the live projection's cache). */
  handover(limit: number) {
    const live = [...this.states].filter(([, state]) => state.snapshot.status !== 'done').slice(-limit);
    return live.map(([streamId, state]) => ({
      streamId,
      definition: this.definitions.indexOf(state.definition),
      revision: state.revision,
      lastHash: state.lastHash,
      snapshot: state.definition.machine.getPersistedSnapshot(state.snapshot),
    }));
  }
}

void serve();
