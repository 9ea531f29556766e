import {
  readInput,
  type CommandRoute,
  type CommandSpec,
  type FieldProse,
  type DecideInput,
  type InputReader,
  type JsonObject,
  type NewEvent,
} from '@apo/engine';
import { CRITERIA, type Scores } from '../coe-model';
import { COE_RULES, ensure } from '../coe-rules';
import { acceptsInStateV2 } from './coe-v2-machine';
import type { CoeV2Context, GoverningBodyDecision } from './coe-v2-model';

export type CoeV2Input = DecideInput<CoeV2Context>;
export type CoeV2Spec = CommandSpec<CoeV2Context>;

export const ASSESSORS = ['assessor', 'admin'];
export const ADMINS = ['admin'];

/**
 * A version 2 COE command: read and validate the input (every bad field named), then, only if
 * the machine has a transition for one of its event types in this state, apply the decide-time
 * rules. In the wrong state the event goes to the machine as read, which refuses it naming the
 * events allowed now (ILLEGAL_TRANSITION), not a rule about facts that do not exist yet.
 * `http`: the route people issue it by (the API derives its POST route from it).
 */
export function coeCommand<T extends object>(
  roles: readonly string[],
  eventTypes: string | readonly string[],
  read: (r: InputReader) => T,
  decide: (input: CoeV2Input, d: T) => NewEvent[],
  http?: CommandRoute,
): CoeV2Spec {
  const types = [eventTypes].flat();
  return {
    roles,
    http,
    emits: types,
    input: read,
    decide: (input, data): NewEvent[] => {
      const d = readInput(data, read);
      if (!types.some((type) => acceptsInStateV2(input.state, type))) return [{ type: types[0], data: d as JsonObject }];
      return decide(input, d);
    },
  };
}

/** The Governing Body decision of a designation or termination: meeting and decision date. */
export const governingBody = (r: InputReader): GoverningBodyDecision => ({
  meeting: r.string('meeting', { max: 200 }),
  decisionDate: r.businessDate('decisionDate'),
});

/** A Governing Body decision stated with `decidedOn`: the meeting, and its date if given (which must be `decidedOn`). */
export const meeting = (r: InputReader) => ({ meeting: r.string('meeting', { max: 200 }), decisionDate: r.businessDate('decisionDate', { optional: true }) });

/** The Governing Body of an extension or next-stage decision, dated `decidedOn`; required exactly when it decided. */
export function decidingBody(
  decidedBy: string,
  decidedOn: string,
  body: { meeting: string; decisionDate?: string } | undefined,
): { governingBody?: GoverningBodyDecision } {
  if (decidedBy !== 'governingBody' || body === undefined) return {};
  ensure(
    body.decisionDate === undefined || body.decisionDate === decidedOn,
    COE_RULES.DECISION_DATES_DIFFER,
    `a Governing Body decision is dated at its meeting: decidedOn ${decidedOn} and governingBody.decisionDate ${body.decisionDate} differ`,
    { decidedOn, decisionDate: body.decisionDate },
  );
  return { governingBody: { meeting: body.meeting, decisionDate: decidedOn } };
}

/** The API documentation's words on `governingBody` read by `governingBody` (a designation, a termination). */
export const GOVERNING_BODY_FIELDS: Readonly<Record<string, FieldProse>> = {
  'governingBody.meeting': { example: '65th Governing Body Meeting, Manila' },
  'governingBody.decisionDate': { description: 'The date of the meeting that decided', example: '2025-04-16' },
};

/** The API documentation's words on `governingBody` read by `meeting` (an extension, a next-stage decision). */
export const MEETING_FIELDS: Readonly<Record<string, FieldProse>> = {
  governingBody: { description: 'A Governing Body decision only: its meeting' },
  'governingBody.meeting': { example: '58th Governing Body Meeting, Tokyo' },
  'governingBody.decisionDate': { description: 'When given, equal to decidedOn (COE.DECISION_DATES_DIFFER otherwise)', example: '2018-04-12' },
};

/** Reads `governingBody` when `decidedBy` is the Governing Body; refuses one given with a Secretariat decision. */
export function decidersBody(r: InputReader, decidedBy: string): { meeting: string; decisionDate?: string } | undefined {
  if (decidedBy === 'governingBody') return r.object('governingBody', meeting);
  if (decidedBy === 'secretariat') r.absent('governingBody', 'is only for decisions of the Governing Body (decidedBy governingBody)');
  return undefined;
}

export const readScores = (r: InputReader): Scores => r.object('scores', (s) => Object.fromEntries(CRITERIA.map((c) => [c, s.integer(c, 1, 5)])) as Scores);

/** The mean of the five criteria, to two decimals: the overall score when the assessor states none. */
export const meanScore = (scores: Scores): number => Math.round((CRITERIA.reduce((sum, c) => sum + scores[c], 0) / CRITERIA.length) * 100) / 100;

/** An event with its own business date (see NewEvent.effectiveDate). */
export const dated = (type: string, data: object, effectiveDate: string): NewEvent => ({ type, data: data as JsonObject, effectiveDate });
