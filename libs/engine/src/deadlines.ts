import type { CommandSpec, JsonObject, NewEvent } from './definition';
import { addDaysToDate } from './calendar';
import { rule, ValidationError } from './errors';
import { readInput } from './input';

/**
 * Deadlines: due dates a definition implies (an assessment at each anniversary, a closing date),
 * computed purely from an instance's state. XState's own delays do not survive a restart, so a
 * durable scheduler outside the machine notices them and issues the `NoteDeadline` command,
 * which appends one system event per notice stage: a lead reminder some days before, the due
 * date itself, and overdue the day after.
 */
export interface Deadline {
  /** Stable within the instance, e.g. `assessment:delivery.year2`, `proposal:2027`. */
  readonly key: string;
  /** A kind the policy names event types for, e.g. `assessment`. */
  readonly kind: string;
  /** YYYY-MM-DD: the last day on which it is met in time. */
  readonly dueDate: string;
  /** For people: "Assessment of delivery year 2". */
  readonly label: string;
}

/** The event types one kind of deadline writes: before, on and after its due date. */
export interface DeadlineEventTypes {
  readonly lead: string;
  readonly due: string;
  readonly overdue: string;
}

export interface DeadlinePolicy<TContext = unknown> {
  readonly kinds: Readonly<Record<string, DeadlineEventTypes>>;
  /** Deadlines open in this state: not yet met, not moot. Pure. */
  readonly open: (state: string, context: TContext) => readonly Deadline[];
  /**
   * What the instance owed in this state in business time, however and whenever it was entered
   * (an as-of view of a past date: "was it overdue then?"); `open` when absent. A definition
   * that opens nothing while a history is being entered still owed its deadlines back then.
   */
  readonly owed?: (state: string, context: TContext) => readonly Deadline[];
}

/** `lead-30` (30 days before), `due` (on the due date), `overdue` (the day after). */
export type NoticeStage = `lead-${number}` | 'due' | 'overdue';

export const NOTE_DEADLINE = 'NoteDeadline';
/** The role the scheduler acts in; no person holds it. */
export const SYSTEM_ROLE = 'system';
export const SCHEDULER_ACTOR = { id: 'system:scheduler', role: SYSTEM_ROLE } as const;

export const DEADLINE_RULES = {
  NOT_OPEN: 'DEADLINE.NOT_OPEN',
  NOT_YET: 'DEADLINE.NOT_YET',
} as const;

const LEAD = /^lead-([1-9]\d{0,2})$/;

/** The day a stage of a deadline due on `dueDate` is noticed; undefined for a malformed stage. */
export function noticeDate(dueDate: string, stage: string): string | undefined {
  if (stage === 'due') return dueDate;
  if (stage === 'overdue') return addDaysToDate(dueDate, 1);
  const lead = LEAD.exec(stage);
  return lead ? addDaysToDate(dueDate, -Number(lead[1])) : undefined;
}

/** The id that makes a notice idempotent: one per stream, deadline, due date and stage. */
export const noticeCommandId = (streamId: string, deadline: Pick<Deadline, 'key' | 'dueDate'>, stage: NoticeStage): string =>
  `deadline:${streamId}:${deadline.key}:${deadline.dueDate}:${stage}`;

/**
 * The system command behind every notice. It refuses a deadline that is no longer open (met,
 * moved by an extension, or the instance ended) and a notice before its day, so a scheduler
 * working from a lagging read model can never write a wrong one.
 */
export function noteDeadlineCommand<TContext>(policy: DeadlinePolicy<TContext>): CommandSpec<TContext> {
  return {
    roles: [SYSTEM_ROLE],
    emits: noticeEventTypes(policy as DeadlinePolicy<never>),
    decide: (input, data): NewEvent[] => {
      const d = readInput(data, (r) => ({ deadline: r.string('deadline', { max: 200 }), dueDate: r.date('dueDate'), stage: r.string('stage', { max: 20 }) }));
      const on = noticeDate(d.dueDate, d.stage);
      if (on === undefined) throw new ValidationError([{ field: 'stage', message: `must be lead-<days>, due or overdue, not ${d.stage}` }]);
      const deadline = policy.open(input.state, input.context).find((open) => open.key === d.deadline);
      if (!deadline || deadline.dueDate !== d.dueDate) {
        throw rule(DEADLINE_RULES.NOT_OPEN, `deadline ${d.deadline} due ${d.dueDate} is not open`, { open: deadline?.dueDate ?? null });
      }
      if (input.today < on) throw rule(DEADLINE_RULES.NOT_YET, `the ${d.stage} notice of ${d.deadline} is due on ${on}`, { noticeDate: on });
      const types = policy.kinds[deadline.kind];
      const lead = LEAD.exec(d.stage);
      const event: JsonObject = {
        deadline: deadline.key,
        kind: deadline.kind,
        label: deadline.label,
        dueDate: deadline.dueDate,
        stage: d.stage,
        noticeDate: on,
      };
      if (lead) event.daysBefore = Number(lead[1]);
      // Dated the day the notice concerns (its business date), not the day the scheduler wrote it:
      // a notice written late, after a history was entered, must not stand in a replay as of an
      // earlier business date as if nothing dated before it could follow (docs/audit.md).
      return [{ type: lead ? types.lead : types[d.stage as 'due' | 'overdue'], data: event, effectiveDate: on }];
    },
  };
}

/**
 * The machine transitions that accept one kind's notices where that deadline can be open: they
 * change nothing (a named no-op action `noteDeadline`, which the machine must define, since XState
 * ignores a transition with neither target nor actions).
 */
export function noticeTransitions(kind: DeadlineEventTypes) {
  const note = { actions: 'noteDeadline' } as const;
  return { [kind.lead]: note, [kind.due]: note, [kind.overdue]: note };
}

/** Every system event type a policy can write (the machine must accept each where it applies). */
export const noticeEventTypes = (policy: DeadlinePolicy<never>): string[] => Object.values(policy.kinds).flatMap((kind) => [kind.lead, kind.due, kind.overdue]);

/**
 * The one definition of overdue, shared by every reader (state, lists, deadlines, reports): some
 * deadline the definition holds open in this state fell due before `day` (YYYY-MM-DD); `owed`:
 * of those it owed in business time (an as-of view of a past date). A due date
 * known only to the month or year (YYYY-MM, YYYY) falls due at the end of that month or year.
 */
export function isOverdueOn(
  definition: { readonly deadlines?: DeadlinePolicy<never> },
  state: string,
  context: unknown,
  day: string,
  view: 'open' | 'owed' = 'open',
): boolean {
  const policy = definition.deadlines;
  const deadlines = (view === 'owed' ? (policy?.owed ?? policy?.open) : policy?.open)?.(state, context as never) ?? [];
  return deadlines.some((deadline) => pastDue(deadline.dueDate, day));
}

/** `day` is after the last day of `dueDate` (a partial date's month or year runs to its end). */
export function pastDue(dueDate: string, day: string): boolean {
  if (dueDate.length === 10) return day > dueDate;
  // '2016-04' ends before '2016-05', '2016' before '2017': compare the day's same-length prefix.
  return day.slice(0, dueDate.length) > dueDate;
}
