import type { AnyStateMachine } from 'xstate';
import type { DeadlinePolicy } from './deadlines';
import type { DomainError } from './errors';
import type { InputReader } from './input';

/** Plain JSON object: what event data and metadata carry (ISO date strings, no Date or Map). */
export type JsonObject = { [key: string]: unknown };

/** What a command asks for. Data is validated by the definition's decide. */
export interface Command {
  readonly type: string;
  readonly data: JsonObject;
}

/** An event decided but not yet stored. */
export interface NewEvent {
  readonly type: string;
  readonly data: JsonObject;
  /**
   * This event's business date, when a command appends events of different dates (a decision and
   * the launch it schedules) or its date is not one top-level field: `seal` prefers it over the
   * command's `effectiveDate`. Metadata only, never part of `data`.
   */
  readonly effectiveDate?: string;
}

/** A programme's events as a discriminated union, one member per type, from its map of event type to data. */
export type EventUnion<TData, TType extends keyof TData = keyof TData> = { [T in TType]: { readonly type: T; readonly data: TData[T] } }[TType];

/** The XState event an event becomes when it is folded: `{ type, data }`. */
export interface MachineEvent {
  readonly type: string;
  readonly data: JsonObject;
}

/** What decide sees: the folded state plus the command's moment. */
export interface DecideInput<TContext> {
  readonly state: string;
  readonly context: TContext;
  /** The instant the command is handled (ISO 8601), from the Clock port. */
  readonly now: string;
  /** `now` as a calendar date (YYYY-MM-DD, UTC). */
  readonly today: string;
}

export interface CommandSpec<TContext = unknown> {
  /** Roles allowed to issue the command (checked by the application layer). */
  readonly roles: readonly string[];
  /** Pure: the events this command produces, or throws a DomainError. */
  readonly decide: (input: DecideInput<TContext>, data: JsonObject) => readonly NewEvent[];
  /** How people issue the command over HTTP; absent for a command only the system issues (NoteDeadline). */
  readonly http?: CommandRoute;
  /**
   * Every event type `decide` may append (each one of the definition's event types): what links a
   * command to the `allowedEvents` of an instance. Required of a command with an `http` route (the
   * API refuses to start without it and publishes it as the operation's `x-emits`).
   */
  readonly emits?: readonly string[];
  /**
   * The reader `decide` validates the command's data with (the same function, not a copy): the
   * HTTP edge derives its request DTO and OpenAPI schema from it (input-schema.ts).
   */
  readonly input?: (r: InputReader) => object;
}

/**
 * A command's route, as documentation data (no framework type): the API derives one POST route
 * per command from it, at `<programme's collection>/:id/<path>`.
 */
export interface CommandRoute {
  /** The route under the instance, e.g. `assessments` or `proposals/approval`. */
  readonly path: string;
  /** 201 for the command that creates the instance; 200 otherwise. */
  readonly status?: 201;
  readonly summary: string;
  readonly description?: string;
  /** Named example bodies for the API documentation. */
  readonly examples?: Readonly<Record<string, { readonly summary: string; readonly value: JsonObject }>>;
  /**
   * Prose for the request body's fields in the API documentation, by field path
   * (`governingBody.meeting`; `participants.name` for a list's items): what the field means, an
   * example. Never a limit: the command's reader (`input`) states those.
   */
  readonly fields?: Readonly<Record<string, FieldProse>>;
}

/** What the API documentation says of one request field besides its limits. */
export interface FieldProse {
  readonly description?: string;
  readonly example?: unknown;
}

/** Maps a named guard to the rule it enforces, so a refusal names the rule's stable code. */
export interface GuardRule {
  readonly code: string;
  readonly message: string;
  /**
   * The refusal as the reader of this case needs it (the count listed, the person, the date
   * compared), from the state and the refused event; `message` when absent or undefined.
   */
  readonly explain?: (args: {
    readonly context: unknown;
    readonly event: MachineEvent;
  }) => { readonly message: string; readonly details?: JsonObject } | undefined;
}

/**
 * A versioned workflow: an XState machine (pure: guards and assign only) plus the commands
 * that produce its events. Released versions are never edited; add a new version beside them.
 */
export interface WorkflowDefinition<TContext = unknown> {
  readonly name: string;
  readonly version: number;
  /** Stream ids are `<streamPrefix>-<instanceId>`. */
  readonly streamPrefix: string;
  readonly machine: AnyStateMachine;
  /** Every event type the machine accepts. */
  readonly eventTypes: readonly string[];
  readonly commands: Readonly<Record<string, CommandSpec<TContext>>>;
  readonly guardRules: Readonly<Record<string, GuardRule>>;
  /** Per command, the data field holding the business date that becomes `effectiveDate`. */
  readonly effectiveDateFields?: Readonly<Record<string, string>>;
  /** Derived facts for read models and responses (e.g. due date), computed from the state. */
  readonly describe?: (state: string, context: TContext) => JsonObject;
  /** Due dates the state implies, and the system events that notice them (see deadlines.ts). */
  readonly deadlines?: DeadlinePolicy<TContext>;
  /** Events that correct a fact recorded earlier (bitemporal time: see docs/audit.md). */
  readonly corrections?: CorrectionPolicy;
  /**
   * Which fields of which events are personal data, and whose (docs/privacy.md): stored sealed
   * under a key per data subject, erasable by destroying the key. Paths are property names
   * joined by '.', each optionally followed by `[*]`: `participants[*].name`; `subject` is the
   * path of the subject's id (`participants[*].personId`), made up where the command gives none.
   */
  readonly personalData?: PersonalDataFields;
}

/** Per event type, its personal fields and the field naming their data subject. */
export interface PersonalDataFields {
  readonly [eventType: string]: { readonly fields: readonly string[]; readonly subject: string };
}

/** A stored event as a correction policy reads it: its type, data and business date. */
export interface DatedFact {
  readonly type: string;
  readonly data: JsonObject;
  readonly effectiveDate: string;
}

/**
 * Corrections: a new event that supersedes a fact recorded earlier (a wrong date or score),
 * nothing edited. Answers "as of a business date by what is known now" replay the corrected
 * facts; "as at a recorded time" show what was shown then, before the correction.
 */
export interface CorrectionPolicy {
  /** The event types that correct an earlier fact. */
  readonly eventTypes: readonly string[];
  /** Index in `earlier` (stream order) of the fact `correction` supersedes; undefined if none. */
  target(correction: DatedFact, earlier: readonly DatedFact[]): number | undefined;
  /** The superseded fact as corrected: its data patched, its business date moved if the correction says so. */
  apply(fact: DatedFact, correction: DatedFact): DatedFact;
}

export type AnyWorkflowDefinition = WorkflowDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type Decision = { readonly ok: true; readonly events: readonly DecidedEvent[] } | { readonly ok: false; readonly error: DomainError };

/** An event with the states it moves between, ready to be sealed into an envelope. */
export interface DecidedEvent extends NewEvent {
  readonly from: string;
  readonly to: string;
}
