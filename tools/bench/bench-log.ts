import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { recordedOnVersion2 } from '@apo/coe/testing';
import { hashEvent } from '@apo/engine';
import type { EventToAppend, JsonObject, RecordedEvent } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { generatePortfolio, runSteps } from '@apo/projections/testing';
import { removeDir } from './workload';

const TEMPLATE_COES = 500;

/** Real COE events (the test portfolio through WorkflowService), in log order. */
export async function templateEvents(dir: string): Promise<RecordedEvent[]> {
  const templateDir = join(dir, 'template');
  const template = await openSqliteEventStore({ dataDir: templateDir, synchronous: 'NORMAL' });
  await runSteps(template, recordedOnVersion2(generatePortfolio({ count: TEMPLATE_COES, seed: 2026, idPrefix: 'tpl' })));
  const events: RecordedEvent[] = [];
  for await (const event of template.readAll()) events.push(event);
  await template.close();
  removeDir(templateDir);
  return events;
}

/**
 * A store of at least `target` events under `dir/events`: the template's COE histories copied
 * under new stream ids and re-sealed (new event ids, hash chains recomputed), so every event
 * verifies; chunk by chunk, copy by copy, so the log interleaves tens of thousands of COEs.
 * Built with synchronous NORMAL (a bench fixture, not data to keep). Returns the event count.
 */
export async function buildBenchLog(dir: string, template: readonly RecordedEvent[], target: number, log: (line: string) => void): Promise<number> {
  const copies = Math.ceil(target / template.length);
  log(`log: ${template.length} template events from ${TEMPLATE_COES} COEs, ${copies} copies`);
  const store = await openSqliteEventStore({ dataDir: join(dir, 'events'), synchronous: 'NORMAL' });
  const heads = new Map<string, { revision: number; hash: string }>();
  let total = 0;
  let lastLog = Date.now();
  for (let from = 0; from < template.length; from += 1_000) {
    const chunk = template.slice(from, from + 1_000);
    for (let copy = 0; copy < copies; copy++) {
      const byStream = new Map<string, EventToAppend[]>();
      for (const event of chunk) {
        const streamId = `${event.streamId}-c${copy}`;
        const head = heads.get(streamId) ?? { revision: -1, hash: '0'.repeat(64) };
        const eventId = randomUUID();
        const metadata: JsonObject = { ...event.metadata, prevHash: head.hash };
        delete metadata.hash;
        const hash = hashEvent({ streamId, revision: head.revision + 1, eventId, type: event.type, data: event.data, metadata });
        heads.set(streamId, { revision: head.revision + 1, hash });
        const list = byStream.get(streamId) ?? [];
        list.push({ eventId, type: event.type, data: event.data, metadata: { ...metadata, hash } });
        byStream.set(streamId, list);
      }
      await Promise.all([...byStream].map(([streamId, list]) => store.appendToStream(streamId, list, 'any')));
      total += chunk.length;
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(`log: ${total.toLocaleString('en-GB')} events written`);
      }
    }
  }
  await store.close();
  return total;
}
