import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RecordedEvent } from '../port';
import { openSqliteEventStore } from './index';

/**
 * Kill -9 a writer mid-flight, several times, and check that every append it acknowledged is
 * there, whole. (SIGKILL leaves the OS page cache alone, so this proves atomicity and that
 * acknowledgement waits for COMMIT; surviving a power cut additionally relies on the fsync
 * that synchronous=FULL performs at each commit.)
 */
const REPO = resolve(__dirname, '../../../..');
const WRITER = join(__dirname, 'testing', 'crash-writer.ts');
const ROUNDS = 4;

interface Ack {
  readonly stream: string;
  readonly first: number;
  readonly last: number;
  readonly ids: string[];
}

/** Runs the writer until a random moment after it is ready, SIGKILLs it, returns its acks. */
const runAndKill = (dataDir: string): Promise<Ack[]> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', join(REPO, 'tools/register.js'), WRITER, dataDir, '8'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (!out.startsWith('ready\n') && (out + chunk).startsWith('ready\n')) setTimeout(() => child.kill('SIGKILL'), 80 + Math.random() * 320);
      out += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', fail);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return fail(new Error(`writer exited by itself (${signal ?? _code}): ${err}`));
      // A line cut by the kill has no newline yet and was not acknowledged: drop it.
      const lines = out
        .split('\n')
        .slice(0, -1)
        .filter((line) => line.startsWith('ack '));
      done(
        lines.map((line) => {
          const [, stream, first, last, ids] = line.split(' ');
          return { stream, first: Number(first), last: Number(last), ids: ids.split(',') };
        }),
      );
    });
  });

describe('SQLite event store under SIGKILL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'apo-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged append, whole, with gapless revisions and increasing positions', async () => {
    const acks: Ack[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const acked = await runAndKill(dataDir);
      expect(acked.length).toBeGreaterThan(0);
      acks.push(...acked);
    }

    const store = await openSqliteEventStore({ dataDir });
    try {
      const all: RecordedEvent[] = [];
      for await (const event of store.readAll()) all.push(event);
      expect(all.every((e, i) => i === 0 || e.position > all[i - 1].position)).toBe(true);

      const byStream = new Map<string, RecordedEvent[]>();
      for (const event of all) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
      for (const events of byStream.values()) expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));

      // Nothing partial: every append's events are all there, consecutive.
      const byAppend = new Map<string, RecordedEvent[]>();
      for (const event of all) byAppend.set(String(event.metadata.appendId), [...(byAppend.get(String(event.metadata.appendId)) ?? []), event]);
      for (const events of byAppend.values()) {
        expect(events.map((e) => e.metadata.index)).toEqual(events.map((_, i) => i));
        expect(events).toHaveLength(Number(events[0].metadata.count));
        expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => events[0].revision + i));
      }

      // Every acknowledged append is there, where it was acknowledged.
      for (const ack of acks) {
        const stored = byStream.get(ack.stream)?.slice(ack.first, ack.last + 1) ?? [];
        expect(stored.map((e) => e.eventId)).toEqual(ack.ids);
      }
      expect(all.length).toBeGreaterThanOrEqual(acks.reduce((n, a) => n + a.ids.length, 0));
    } finally {
      await store.close();
    }
  }, 60_000);
});
