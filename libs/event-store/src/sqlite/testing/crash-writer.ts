/**
 * Child process for crash.int.spec.ts: appends forever with several concurrent writers (so group
 * commit batches them) and prints one line per append AFTER its promise resolved:
 *   ack <stream> <firstRevision> <lastRevision> <eventId,eventId,...>
 * The parent SIGKILLs it at random moments; every printed append must survive.
 *
 * Usage: node -r tools/register.js crash-writer.ts <dataDir> [writers]
 */
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from '../index';

const [dataDir, writersArg] = process.argv.slice(2);
const WRITERS = Number(writersArg ?? 8);

const main = async () => {
  const store = await openSqliteEventStore({ dataDir });
  process.stdout.write('ready\n');
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const stream = `crash-${w}`;
      const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      let revision = last ? last.revision : -1;
      for (;;) {
        const appendId = randomUUID();
        const count = 1 + Math.floor(Math.random() * 4);
        const events = Array.from({ length: count }, (_, index) => ({
          eventId: randomUUID(),
          type: 'CrashTested',
          data: { w, pad: 'x'.repeat(200) },
          metadata: { appendId, count, index },
        }));
        const result = await store.appendToStream(stream, events, revision < 0 ? 'no_stream' : revision);
        // stdout to a pipe is synchronous on Linux: once written, the parent will see the line.
        process.stdout.write(`ack ${stream} ${revision + 1} ${result.nextExpectedRevision} ${events.map((e) => e.eventId).join(',')}\n`);
        revision = result.nextExpectedRevision;
      }
    }),
  );
};

main().catch((error) => {
  process.stderr.write(`crash-writer failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
