import { SingleBar } from 'cli-progress';

/** Shows a rebuild's progress in log positions (event counts on the SQLite store). */
export interface RebuildProgress {
  update(done: number, total: number): void;
  /** Removes nothing: leaves the bar at its last value (or the last line) before the summary. */
  finish(): void;
}

export interface ProgressOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** A bar with an ETA on a terminal; elsewhere (logs, pipes) a plain line at most every `everyMs`. */
export function rebuildProgress(label: string, out: ProgressOutput = process.stdout, everyMs = 1_000): RebuildProgress {
  return out.isTTY ? barProgress(label, out) : lineProgress(label, out, everyMs);
}

function barProgress(label: string, out: ProgressOutput): RebuildProgress {
  const bar = new SingleBar({
    stream: out as NodeJS.WritableStream,
    format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted} | {duration_formatted}`,
    hideCursor: false,
    etaBuffer: 50,
  });
  let started = false;
  return {
    update(done, total) {
      if (!started) bar.start(total, 0);
      started = true;
      bar.setTotal(total);
      bar.update(done);
    },
    finish() {
      if (started) bar.stop();
    },
  };
}

function lineProgress(label: string, out: ProgressOutput, everyMs: number): RebuildProgress {
  const startedAt = Date.now();
  let lastLineAt: number | undefined;
  return {
    update(done, total) {
      const now = Date.now();
      if (total === 0) return;
      if (lastLineAt === undefined) {
        lastLineAt = now;
        out.write(`${label}: up to position ${total}\n`);
        return;
      }
      if (now - lastLineAt < everyMs || done >= total) return;
      lastLineAt = now;
      const elapsed = (now - startedAt) / 1000;
      const eta = done > 0 ? Math.ceil((elapsed * (total - done)) / done) : undefined;
      const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
      out.write(`${label}: ${percent}% (${done}/${total}) ETA ${eta === undefined ? '?' : formatSeconds(eta)}\n`);
    },
    finish: () => undefined,
  };
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
