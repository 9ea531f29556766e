import { Logger } from '@nestjs/common';
import type { DefinitionRegistry, StreamIntegrityError } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { checkNewestChains, type NewestChainsReport, type WorkflowService } from '@apo/workflow';
import type { ApiMetrics } from './metrics';

export interface StartupCheckStatus {
  /** off (INTEGRITY_CHECK_EVENTS=0), running, intact, broken (some streams refused), failed (the check itself could not run). */
  readonly state: 'off' | 'running' | 'intact' | 'broken' | 'failed';
  readonly events?: number;
  readonly streams?: number;
}

export interface StreamIntegrityOptions {
  readonly workflow: WorkflowService;
  readonly store: EventStore;
  readonly registry: DefinitionRegistry;
  readonly metrics: ApiMetrics;
  /** The newest events the start-up check reads (INTEGRITY_CHECK_EVENTS; 0: no check). */
  readonly maxEvents: number;
}

const n = (value: number) => value.toLocaleString('en-GB');
const LISTED = 10;

/**
 * The server's side of the hash chain: the start-up check of the log's newest events, the log
 * line and counter for every stream found broken, and /health's summary. The check runs in the
 * background, from before the server listens; meanwhile cold loads check streams from their first
 * event (no snapshots), so a command on a stream the check has not reached yet is refused by its
 * own load if the check would refuse it.
 */
export class StreamIntegrity {
  private readonly logger = new Logger('StreamIntegrity');
  private status: StartupCheckStatus = { state: 'off' };
  private running: Promise<void> | undefined;
  private readonly abort = new AbortController();

  constructor(private readonly options: StreamIntegrityOptions) {}

  /** WorkflowService's `onIntegrityFailure`: once per broken stream. */
  failed(error: StreamIntegrityError, definition: string): void {
    this.options.metrics.integrityFailures.inc({ definition });
    this.logger.error(error.message);
  }

  /** Starts the start-up check in the background; `settled` resolves when it is over. */
  start(): void {
    if (this.options.maxEvents === 0 || this.running) return;
    this.status = { state: 'running' };
    this.running = this.check().catch((error: unknown) => {
      if (this.abort.signal.aborted) return;
      this.status = { state: 'failed' };
      this.logger.warn(`the start-up hash chain check failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.options.workflow.checkFromGenesisUntil(this.running);
  }

  /** Stops a start-up check still running (before the stores close) and waits for it. */
  async stop(): Promise<void> {
    this.abort.abort(new Error('the server is closing'));
    await this.running;
  }

  /** The start-up check's outcome, when it has one (tests). */
  async settled(): Promise<StartupCheckStatus> {
    await this.running;
    return this.status;
  }

  health(): { brokenStreams: number; startupCheck: StartupCheckStatus } {
    return { brokenStreams: this.options.workflow.brokenStreams().length, startupCheck: this.status };
  }

  private async check(): Promise<void> {
    const { workflow, store, registry, maxEvents } = this.options;
    const started = performance.now();
    const report = await checkNewestChains(store, registry, maxEvents, { signal: this.abort.signal });
    // Refused before the line is written: from here on (if not already) their commands answer 409.
    const refused = report.broken.map((error) => workflow.refuse(error));
    this.status = { state: refused.length === 0 ? 'intact' : 'broken', events: report.events, streams: report.streams };
    const line = `${checked(report)} in ${Math.round(performance.now() - started)} ms`;
    if (refused.length === 0) {
      this.logger.log(`${line}: intact`);
      return;
    }
    const listed = refused.slice(0, LISTED).map((e) => `${e.streamId} at revision ${e.revision} (${e.reason})`);
    const more = refused.length > LISTED ? `, and ${n(refused.length - LISTED)} more` : '';
    this.logger.error(
      `${line}: ${n(refused.length)} stream${refused.length === 1 ? '' : 's'} broken: ${listed.join(', ')}${more}; commands on ${refused.length === 1 ? 'it' : 'them'} answer 409 STREAM_INTEGRITY`,
    );
  }
}

/** "checked the hash chain of the newest 10,000 events (1,234 streams)" (or "of all 12 events"). */
function checked({ events, streams, wholeLog }: NewestChainsReport): string {
  const which = wholeLog ? `all ${n(events)} event${events === 1 ? '' : 's'} of the log` : `the newest ${n(events)} events`;
  return `checked the hash chain of ${which} (${n(streams)} stream${streams === 1 ? '' : 's'})`;
}
