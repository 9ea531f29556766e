import {
  allowedEvents,
  correctedFacts,
  initialState,
  isIsoDate,
  machineStep,
  NotFound,
  stateToString,
  toMachineEvent,
  ValidationError,
  verifyStream,
  type AnyWorkflowDefinition,
  type CorrectedFact,
  type DefinitionRegistry,
  type FieldError,
  type JsonObject,
  type WorkflowState,
} from '@apo/engine';
import type { AuditDivergence } from './audit-divergence';
import type { StoredEvent } from './check-stream';

/** A stored event as a fact in effect from its business date, with any correction applied. */
type Fact = CorrectedFact<StoredEvent>;

/**
 * Which state to show (docs/audit.md, "Time travel"). Two axes: `at`, a business date (what was
 * in effect on that day), and `asAt`, a recorded time (what the system knew then); or a
 * `revision` of the stream. None: the current state.
 */
export interface AsOf {
  /** Business date YYYY-MM-DD (or YYYY-MM, YYYY: from its first day). */
  readonly at?: string;
  /** Recorded time: an ISO 8601 instant, or a date YYYY-MM-DD meaning the end of that day (UTC). */
  readonly asAt?: string;
  readonly revision?: number;
}

interface Listed {
  readonly revision: number;
  readonly type: string;
  readonly effectiveDate: string;
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
  /** Events of the stream not replayed: recorded after `asAt`, after `revision`, or not in effect on `at`. */
  readonly laterEvents: number;
  /** Events the system had recorded by `asAt` (all of them without it). */
  readonly knownEvents: number;
  /** With `at`: replayed events recorded after an event dated later (entered out of business-date order). */
  readonly enteredLate: readonly Listed[];
  /** With `at`: facts replayed as a later correction (recorded by `asAt`) put them; `recorded` is what the fact said before. */
  readonly corrected: readonly (Listed & { readonly correctedBy: number; readonly recorded: { readonly effectiveDate: string; readonly data: JsonObject } })[];
  /** With `at`: facts in effect by then that the machine refused in the state the dated replay had reached. */
  readonly notReplayable: readonly (Listed & { readonly state: string })[];
  /** What verification found in the events known (empty: the state is trustworthy). */
  readonly divergences: readonly AuditDivergence[];
}

const meta = (event: StoredEvent) => event.metadata as Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const BUSINESS_DATE = /^\d{4}(-\d{2})?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `asAt` as an instant to compare recordedAt with (ISO, UTC, milliseconds); a date is the end of that day. */
function recordedBound(asAt: string): string {
  if (isIsoDate(asAt)) return `${asAt}T23:59:59.999Z`;
  return new Date(Date.parse(asAt)).toISOString();
}

/** A business date to travel to: YYYY-MM-DD, or YYYY-MM / YYYY (from its first day). */
export const isBusinessDateQuery = (value: unknown): value is string => isIsoDate(value) || (typeof value === 'string' && BUSINESS_DATE.test(value));

/** A recorded time: an ISO 8601 instant with its offset, or a date YYYY-MM-DD (the end of that day, UTC). */
export const isRecordedTime = (value: unknown): value is string =>
  isIsoDate(value) || (typeof value === 'string' && INSTANT.test(value) && Number.isFinite(Date.parse(value)));

export const BUSINESS_DATE_MESSAGE = 'must be a business date YYYY-MM-DD (or YYYY-MM, YYYY)';
export const RECORDED_TIME_MESSAGE = 'must be a recorded time: an ISO 8601 instant (2026-03-03T12:00:00Z) or a date YYYY-MM-DD (the end of that day, UTC)';

/** Checks `at` / `asAt` / `revision` from a request or the command line; every bad field is named. */
export function checkAsOf(input: { at?: unknown; asAt?: unknown; revision?: unknown }, lastRevision?: number): AsOf {
  const fields: FieldError[] = [];
  const { at, asAt, revision } = input;
  if (at !== undefined && !isBusinessDateQuery(at)) fields.push({ field: 'at', message: BUSINESS_DATE_MESSAGE });
  if (asAt !== undefined && !isRecordedTime(asAt)) fields.push({ field: 'asAt', message: RECORDED_TIME_MESSAGE });
  if (revision !== undefined) {
    if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0)
      fields.push({ field: 'revision', message: 'must be an integer 0 or more' });
    else if (lastRevision !== undefined && revision > lastRevision)
      fields.push({ field: 'revision', message: `must be at most ${lastRevision}, the last revision of the stream` });
    for (const other of ['at', 'asAt'] as const) {
      if (input[other] !== undefined)
        fields.push(
          { field: other, message: `give revision alone, not with ${other}` },
          { field: 'revision', message: `give revision alone, not with ${other}` },
        );
    }
  }
  if (fields.length > 0) throw new ValidationError(fields);
  return {
    ...(at !== undefined ? { at: at as string } : {}),
    ...(asAt !== undefined ? { asAt: asAt as string } : {}),
    ...(revision !== undefined ? { revision: revision as number } : {}),
  };
}

/** The stream as known at `asAt`: the events recorded by then (appends are in recorded order). */
function knownAt(events: readonly StoredEvent[], asAt: string | undefined): readonly StoredEvent[] {
  if (asAt === undefined) return events;
  const bound = recordedBound(asAt);
  const firstLater = events.findIndex((e) => str(meta(e).recordedAt) > bound);
  return firstLater === -1 ? events : events.slice(0, firstLater);
}

interface Replay {
  readonly state: WorkflowState;
  readonly replayed: readonly Fact[];
  readonly notReplayable: StateAt['notReplayable'];
}

/**
 * As of business date `at`: the facts in effect on that day (business date on or before it; a
 * partial date from its first day), as corrected by what is known, folded in stream order. A
 * later-recorded fact dated earlier is in; a fact dated later (a notice, the next phase) is out;
 * a correction counts in the fact it corrects, not on its own.
 */
function replayAsOf(definition: AnyWorkflowDefinition, facts: readonly Fact[], at: string): Replay {
  const step = machineStep(definition.machine);
  const corrections = new Set(definition.corrections?.eventTypes ?? []);
  let state = initialState(definition);
  const replayed: Fact[] = [];
  const notReplayable: (Listed & { state: string })[] = [];
  // A fact known only to its month or year counts from its first day, but not before the fact
  // recorded just before it when that one lies inside the same month or year: entered after it,
  // it is dated after it (the definitions keep life-cycle facts in date order).
  let previous = '';
  for (const fact of facts) {
    if (corrections.has(fact.type)) continue;
    const known = fact.effectiveDate;
    const from = known.length < 10 && previous > known && previous.startsWith(known) ? previous : known;
    previous = from;
    if (from > at) continue;
    const event = toMachineEvent(fact);
    if (!state.snapshot.can(event)) {
      notReplayable.push({ revision: fact.event.revision, type: fact.type, effectiveDate: fact.effectiveDate, state: state.state });
      continue;
    }
    const snapshot = step(state.snapshot, event);
    state = {
      ...state,
      snapshot,
      state: stateToString(snapshot.value),
      context: snapshot.context,
      revision: fact.event.revision,
      lastHash: str(meta(fact.event).hash),
    };
    replayed.push(fact);
  }
  return { state, replayed, notReplayable };
}

/** The replayed facts recorded after a fact (replayed or not) dated later than themselves. */
function enteredLate(facts: readonly Fact[], replayed: readonly Fact[]): Listed[] {
  const late = new Set<number>();
  let latest = '';
  for (const fact of facts) {
    if (fact.effectiveDate < latest) late.add(fact.event.revision);
    else latest = fact.effectiveDate;
  }
  return replayed.filter((f) => late.has(f.event.revision)).map((f) => ({ revision: f.event.revision, type: f.type, effectiveDate: f.effectiveDate }));
}

/**
 * Time travel, on both axes of time. `revision`: the stream up to it. `asAt`: only what was
 * recorded by then (without `at`: the state the system showed then). `at`: the facts in effect on
 * that business date, as corrected by what is known (now, or at `asAt`), replayed through the
 * definition version the stream was written with. Verification covers every event known. Pure:
 * the caller reads the stream.
 */
export function stateAt(registry: DefinitionRegistry, streamId: string, events: readonly StoredEvent[], asOf: AsOf = {}): StateAt {
  if (events.length === 0) throw new NotFound('stream', streamId);
  const checked = checkAsOf(asOf, events.length - 1);
  const first = meta(events[0]);
  const definition = registry.get(str(first.definition), typeof first.version === 'number' ? first.version : Number.NaN);
  const known = knownAt(events, checked.asAt);
  const prefix = checked.revision !== undefined ? known.slice(0, checked.revision + 1) : known;
  const verified = verifyStream(registry, streamId, prefix);
  let state: WorkflowState;
  let replayed: readonly StoredEvent[];
  let dated: Pick<StateAt, 'enteredLate' | 'corrected' | 'notReplayable'> = { enteredLate: [], corrected: [], notReplayable: [] };
  if (checked.at === undefined) {
    state = prefix.length === 0 ? initialState(definition) : (verified.finalState ?? initialState(definition));
    replayed = prefix;
  } else {
    const facts = correctedFacts(definition, known);
    const replay = replayAsOf(definition, facts, checked.at);
    state = replay.state;
    replayed = replay.replayed.map((f) => f.event);
    dated = {
      enteredLate: enteredLate(facts, replay.replayed),
      corrected: replay.replayed.flatMap((f) =>
        f.correctedBy === undefined
          ? []
          : [{ revision: f.event.revision, type: f.type, effectiveDate: f.effectiveDate, correctedBy: f.correctedBy, recorded: f.recorded }],
      ),
      notReplayable: replay.notReplayable,
    };
  }
  const last = replayed[replayed.length - 1];
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
    laterEvents: events.length - replayed.length,
    knownEvents: known.length,
    ...dated,
    divergences: verified.divergences,
  };
}
