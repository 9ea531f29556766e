import { ManualClock, verifyStream, type EnvelopedEvent } from '@apo/engine';
import { COE_DEFINITION_NAME } from '@apo/coe';
import type { EventStore } from '@apo/event-store';
import { createRegistry } from '@apo/programmes';
import { WorkflowService } from '@apo/workflow';
import { coeLifeScriptV2 } from '@apo/coe/testing';

export interface DemoOutcome {
  readonly streamId: string;
  readonly finalState: string;
  readonly events: number;
  readonly divergences: number;
}

/**
 * Drives one COE through its whole life cycle on `store`, printing each accepted command and
 * then the stream's history as an auditor sees it, and verifies the stream by replay.
 */
export async function runDemo(store: EventStore, instanceId: string, print: (line: string) => void): Promise<DemoOutcome> {
  const clock = new ManualClock('2025-01-01T00:00:00Z');
  const registry = createRegistry();
  const service = new WorkflowService(store, registry, clock);

  print(`Driving COE ${instanceId} through designation, delivery and replication into the COE network...`);
  let last = { state: 'new', streamId: '' };
  for (const { on, role, command } of coeLifeScriptV2) {
    clock.set(`${on}T09:00:00Z`);
    const result = await service.execute({ definition: COE_DEFINITION_NAME, instanceId, command, actor: { id: `${role}:demo`, role } });
    print(`  ${on}  ${command.type.padEnd(18)} -> ${result.state.padEnd(22)} rev ${result.revision}  due ${String(result.details.dueDate ?? '-')}`);
    last = result;
  }

  const history = (await store.readStream(last.streamId)) as unknown as EnvelopedEvent[];
  print('');
  print(`History of ${last.streamId} (${history.length} events):`);
  for (const e of history) {
    const m = e.metadata;
    print(`  #${String(e.revision).padStart(2)}  ${m.effectiveDate}  ${e.type.padEnd(26)} ${m.from} -> ${m.to}  by ${m.actor.id}  ${m.hash.slice(0, 12)}`);
  }
  const verification = verifyStream(registry, last.streamId, history);
  print('');
  print(
    verification.divergences.length === 0
      ? `Verified: ${history.length} events replay to the recorded states and the hash chain is intact.`
      : `VERIFY FAILED: ${verification.divergences.length} divergence(s), first at revision ${verification.divergences[0].revision}`,
  );
  return { streamId: last.streamId, finalState: last.state, events: history.length, divergences: verification.divergences.length };
}
