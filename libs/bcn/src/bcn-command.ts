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
import { npoOf } from '@apo/reference';
import { acceptsInState } from './bcn-machine';
import type { BcnContext, NpoRef } from './bcn-model';
import { BCN_RULES, ensure } from './bcn-rules';

export type BcnInput = DecideInput<BcnContext>;

export const ASSESSORS = ['assessor', 'admin'];
export const ADMINS = ['admin'];

/**
 * A BCN command: read and validate the input (every bad field named), then, only if the machine
 * has a transition for the event in this state, apply the decide-time rules and compute the
 * event's facts. In the wrong state the event goes to the machine as read, which refuses it
 * naming the events allowed now: a misplaced command is ILLEGAL_TRANSITION, not a rule about
 * facts that do not exist yet. `http`: the route people issue it by (the API derives its POST route from it).
 */
export function bcnCommand<T extends object>(
  roles: readonly string[],
  eventType: string,
  read: (r: InputReader) => T,
  decide: (input: BcnInput, d: T) => JsonObject = (_input, d) => d as JsonObject,
  http?: CommandRoute,
): CommandSpec<BcnContext> {
  return {
    roles,
    http,
    emits: [eventType],
    input: read,
    decide: (input, data): NewEvent[] => {
      const d = readInput(data, read);
      if (!acceptsInState(input.state, eventType)) return [{ type: eventType, data: d as JsonObject }];
      return [{ type: eventType, data: decide(input, d) }];
    },
  };
}

/** A business date may not lie in the future of the moment the command is handled. */
export function notInFuture(input: BcnInput, date: string, field: string): void {
  ensure(date <= input.today, BCN_RULES.DATE_IN_FUTURE, `${field} ${date} is after today (${input.today})`, { field });
}

/** The life cycle moves forward in business time: a step is not dated before `earliest`. */
export function notBefore(date: string, earliest: string | undefined, field: string, what: string): void {
  if (earliest === undefined) return;
  ensure(date >= earliest, BCN_RULES.DATE_OUT_OF_ORDER, `${field} ${date} is before ${what} (${earliest})`, { field, earliest });
}

/** A dated step of the life cycle: not in the future, not before the previous step. */
export function datedStep(input: BcnInput, date: string, field: string): void {
  notInFuture(input, date, field);
  notBefore(date, input.context.lastStepOn, field, 'the previous step of the exchange');
}

/**
 * An NPO named by its member economy's ISO 3166-1 alpha-2 code: the shape is read here (400);
 * whether the code names an APO member is the rule `npo` applies (409 BCN.UNKNOWN_ECONOMY).
 */
export const npoCode = (r: InputReader, field: string, options: { optional?: boolean } = {}): string =>
  r.code(field, /^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals, e.g. TH', options);

/** The API documentation's words on an NPO field read by `npoCode`: which NPO it is, an example. */
export const npoProse = (which: string): FieldProse => ({
  description: `${which}: named by its APO member economy (409 BCN.UNKNOWN_ECONOMY for a non-member)`,
  example: 'TH',
});

/** The NPO of the member economy `code` names, as the event records it; BCN.UNKNOWN_ECONOMY otherwise. */
export function npo(code: string, field: string): NpoRef {
  const found = npoOf(code);
  ensure(found !== undefined, BCN_RULES.UNKNOWN_ECONOMY, `${field} ${JSON.stringify(code)} is not an APO member economy (ISO 3166-1 alpha-2, e.g. MY)`, {
    field,
    value: code,
  });
  return { economy: code, name: (found as NonNullable<typeof found>).name };
}
