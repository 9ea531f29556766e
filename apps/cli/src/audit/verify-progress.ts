import { SingleBar } from 'cli-progress';
import type { VerifyProgress } from '@apo/audit';

export interface ProgressOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Progress of a whole-store verify on stderr (stdout keeps the report): on a terminal a running
 * count while the log is scanned, then a bar with an ETA; elsewhere a line every `everyMs`.
 */
export function verifyProgress(out: ProgressOutput = process.stderr, everyMs = 5_000): { update(p: VerifyProgress): void; stop(): void } {
  if (!out.isTTY) {
    let last = Date.now();
    return {
      update(p) {
        if (Date.now() - last < everyMs) return;
        last = Date.now();
        out.write(
          p.phase === 'scan'
            ? `verify: reading the log, ${p.events} events\n`
            : `verify: ${Math.floor((100 * p.events) / Math.max(1, p.totalEvents ?? 0))}% (${p.events}/${p.totalEvents} events)\n`,
        );
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    stream: out as NodeJS.WritableStream,
    format: 'verifying [{bar}] {percentage}% | {value}/{total} events | {streams}/{totalStreams} streams | ETA {eta_formatted} | {duration_formatted}',
    hideCursor: true,
    etaBuffer: 50,
  });
  let started = false;
  return {
    update(p) {
      if (p.phase === 'scan') {
        out.write(`\rreading the log: ${p.events} events`);
        return;
      }
      if (!started) {
        out.write('\n');
        bar.start(p.totalEvents ?? 0, 0, { streams: 0, totalStreams: p.totalStreams ?? 0 });
        started = true;
      }
      bar.update(p.events, { streams: p.streams, totalStreams: p.totalStreams ?? 0 });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
