import { allowedEvents, initialState, isIsoDate, NotFound, ValidationError, verifyStream, type DefinitionRegistry, type FieldError, type WorkflowState } from '@apo/engine';
import type { AuditDivergence } from './audit-divergence';
import type { StoredEvent } from './check-stream';

/** As of a business date (YYYY-MM-DD) or as of a revision; neither: the current state. */
export interface AsOf {
  readonly at?: string;
  readonly revision?: number;
}

export interface StateAt {
  readonly streamId: string;
  readonly asOf: AsOf;
  readonly definition: string;
  readonly version: number;
  /** The revision of the last event replayed (-1: none yet, the instance did not exist). */
  readonly revision: number;
  readonly state: string;
  readonly context: unknown;
  readonly allowedEvents: string[];
  /** The definition's derived facts for that state (for COE: phase, period, due date, last assessment). */
  readonly details: Record<string, unknown>;
  readonly lastEvent: { readonly type: string; readonly effectiveDate: string; readonly recordedAt: string; readonly hash: string } | null;
  /** Events after the replayed ones (effective after `at`, or after `revision`). */
  readonly laterEvents: number;
  /**
   * With `at`: events dated on or before `at` that were recorded after an event dated later, so
   * stream order leaves them out (see docs/audit.md, "Time travel").
   */
  readonly backdated: readonly { readonly revision: number; readonly type: string; readonly effectiveDate: string }[];
  /** What verification found in the replayed events (empty: the state is trustworthy). */
  readonly divergences: readonly AuditDivergence[];
}

const meta = (event: StoredEvent) => event.metadata as Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Checks `at` / `revision` from a request or the command line; every bad field is named. */
export function checkAsOf(input: { at?: unknown; revision?: unknown }, lastRevision?: number): AsOf {
  const fields: FieldError[] = [];
  const { at, revision } = input;
  if (at !== undefined && !isIsoDate(at)) fields.push({ field: 'at', message: 'must be a calendar date YYYY-MM-DD' });
  if (revision !== undefined) {
    if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0) fields.push({ field: 'revision', message: 'must be an integer 0 or more' });
    else if (lastRevision !== undefined && revision > lastRevision) fields.push({ field: 'revision', message: `must be at most ${lastRevision}, the last revision of the stream` });
  }
  if (at !== undefined && revision !== undefined) {
    fields.push({ field: 'at', message: 'give at or revision, not both' }, { field: 'revision', message: 'give at or revision, not both' });
  }
  if (fields.length > 0) throw new ValidationError(fields);
  return { at: at as string | undefined, revision: revision as number | undefined };
}

/** How many leading events the rule replays: see `stateAt`. */
function replayedCount(events: readonly StoredEvent[], asOf: AsOf): number {
  if (asOf.revision !== undefined) return Math.min(events.length, asOf.revision + 1);
  if (asOf.at === undefined) return events.length;
  const at = asOf.at;
  const firstLater = events.findIndex((e) => str(meta(e).effectiveDate) > at);
  return firstLater === -1 ? events.length : firstLater;
}

/**
 * Time travel: replays a stream through the definition version it was written with, up to
 * a revision, or as of a business date: the longest run of events from the start whose
 * `effectiveDate` is on or before `at` (every state shown is one the instance really had,
 * at a revision the hash chain signs). Pure: the caller reads the stream.
 */
export function stateAt(registry: DefinitionRegistry, streamId: string, events: readonly StoredEvent[], asOf: AsOf = {}): StateAt {
  if (events.length === 0) throw new NotFound('stream', streamId);
  const checked = checkAsOf(asOf, events.length - 1);
  const count = replayedCount(events, checked);
  const replayed = events.slice(0, count);
  const first = meta(events[0]);
  const definition = registry.get(str(first.definition), typeof first.version === 'number' ? first.version : Number.NaN);
  const verified = verifyStream(registry, streamId, replayed);
  const state: WorkflowState = count === 0 ? initialState(definition) : (verified.finalState ?? initialState(definition));
  const last = replayed[count - 1];
  const at = checked.at;
  const backdated =
    at === undefined
      ? []
      : events.slice(count).flatMap((e) => (str(meta(e).effectiveDate) <= at ? [{ revision: e.revision, type: e.type, effectiveDate: str(meta(e).effectiveDate) }] : []));
  return {
    streamId,
    asOf: checked,
    definition: definition.name,
    version: definition.version,
    revision: last ? last.revision : -1,
    state: state.state,
    context: state.context,
    allowedEvents: allowedEvents(state),
    details: (definition.describe?.(state.state, state.context) ?? {}) as Record<string, unknown>,
    lastEvent: last
      ? { type: last.type, effectiveDate: str(meta(last).effectiveDate), recordedAt: str(meta(last).recordedAt), hash: str(meta(last).hash) }
      : null,
    laterEvents: events.length - count,
    backdated,
    divergences: verified.divergences,
  };
}
