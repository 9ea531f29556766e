import { assertEvent, assign, setup } from 'xstate';
import { allOf, noticeTransitions, type JsonObject } from '@apo/engine';
import type { BcnEvent } from './bcn-events';
import { BCN_DEADLINE_KINDS } from './bcn-deadlines';
import { initialBcnContext, isEligible, PARTICIPANT_LIMITS, type BcnContext, type Modality, type NpoRef } from './bcn-model';

type Kinds = typeof BCN_DEADLINE_KINDS;
/** A scheduler's notice (report due soon, ...): the machine notes it, nothing more. */
type BcnNotice = { readonly type: { [K in keyof Kinds]: Kinds[K][keyof Kinds[K]] }[keyof Kinds]; readonly data: JsonObject };
type BcnMachineEvent = BcnEvent | BcnNotice;

type Args = { context: BcnContext; event: BcnMachineEvent };

/** A fact the event names, if any: guards pass when it is absent, so `can({ type })` means "possible now". */
const fact = <T>(event: BcnMachineEvent, key: string): T | undefined => (event.data as Record<string, unknown> | undefined)?.[key] as T | undefined;

const scheduleGuards = allOf(['differentNpos', 'withinParticipantLimit', 'participantsEligible']);

/**
 * A Bilateral Cooperation between NPOs exchange, from draft to closure. Pure: named guards read
 * the context and the facts decide put in the event (closing date, roster, NPOs), and accept an
 * event without those facts, so `can()` answers "is this possible now" for the allowed-events list.
 */
export const bcnMachine = setup({
  types: { context: {} as BcnContext, events: {} as BcnMachineEvent },
  guards: {
    /** An application is dated on or before the closing date of its window. */
    withinClosingDate: ({ event }: Args) => {
      const submittedOn = fact<string>(event, 'submittedOn');
      const closingDate = fact<string>(event, 'closingDate');
      return submittedOn === undefined || closingDate === undefined || submittedOn <= closingDate;
    },
    /** The hosting NPO is not the sending NPO. */
    differentNpos: ({ context, event }: Args) => {
      const host = fact<NpoRef>(event, 'hostingNpo')?.economy;
      const sender = fact<NpoRef>(event, 'sendingNpo')?.economy ?? context.sendingNpo?.economy;
      return host === undefined || host !== sender;
    },
    /** Up to 10 overseas participants for a virtual exchange, 4 face to face. */
    withinParticipantLimit: ({ event }: Args) => {
      const modality = fact<Modality>(event, 'modality');
      const roster = fact<unknown[]>(event, 'participants') ?? [];
      return modality === undefined || roster.length <= PARTICIPANT_LIMITS[modality];
    },
    /** Every participant is a high-level official, a policymaker or an NPO official. */
    participantsEligible: ({ event }: Args) => (fact<{ category?: unknown }[]>(event, 'participants') ?? []).every((p) => isEligible(p?.category)),
  },
  actions: {
    recordDraft: assign(({ event }) => {
      assertEvent(event, 'ExchangeDrafted');
      const d = event.data;
      return {
        title: d.title,
        topic: d.topic,
        programmeYear: d.programmeYear,
        sendingNpo: d.sendingNpo,
        hostingNpo: d.hostingNpo,
        draftedOn: d.draftedOn,
        lastStepOn: d.draftedOn,
      };
    }),
    recordSubmission: assign(({ event }) => {
      assertEvent(event, 'ExchangeSubmitted');
      const d = event.data;
      return { origin: 'application' as const, window: d.window ?? undefined, closingDate: d.closingDate, appliedOn: d.submittedOn, lastStepOn: d.submittedOn };
    }),
    recordProposal: assign(({ event }) => {
      const proposedOn = fact<string>(event, 'proposedOn');
      return { origin: 'secretariat' as const, appliedOn: proposedOn, lastStepOn: proposedOn };
    }),
    recordApproval: assign(({ event }) => ({ decidedOn: fact<string>(event, 'approvedOn'), lastStepOn: fact<string>(event, 'approvedOn') })),
    recordRejection: assign(({ event }) => ({ decidedOn: fact<string>(event, 'rejectedOn'), lastStepOn: fact<string>(event, 'rejectedOn') })),
    recordSchedule: assign(({ event }) => {
      assertEvent(event, 'ExchangeScheduled');
      const d = event.data;
      const schedule = {
        startDate: d.startDate,
        endDate: d.endDate,
        modality: d.modality,
        hostingNpo: d.hostingNpo,
        venue: d.venue,
        participants: d.participants,
      };
      return { schedule, hostingNpo: d.hostingNpo, lastStepOn: d.scheduledOn };
    }),
    // A scheduler's notice changes nothing the machine decides on: the deadlines read model and
    // the webhooks are its readers. An action is still needed for XState to take the transition.
    noteDeadline: () => undefined,
    recordImplementation: assign(({ event }) => {
      assertEvent(event, 'ExchangeImplemented');
      return { implementedOn: event.data.implementedOn, lastStepOn: event.data.implementedOn };
    }),
    recordReport: assign(({ event }) => {
      assertEvent(event, 'ExchangeReported');
      return { reportedOn: event.data.reportedOn, lastStepOn: event.data.reportedOn };
    }),
    recordFollowUp: assign(({ context, event }) => {
      assertEvent(event, 'FollowUpRecorded');
      const d = event.data;
      const latest = context.lastFollowUpOn === undefined || d.date > context.lastFollowUpOn ? d.date : context.lastFollowUpOn;
      return { followUps: [...context.followUps, d.followUpId], lastFollowUpOn: latest };
    }),
    recordClosure: assign(({ event }) => ({ closedOn: fact<string>(event, 'closedOn'), lastStepOn: fact<string>(event, 'closedOn') })),
    recordWithdrawal: assign(({ event }) => ({ withdrawnOn: fact<string>(event, 'withdrawnOn'), lastStepOn: fact<string>(event, 'withdrawnOn') })),
  },
}).createMachine({
  id: 'bcn',
  initial: 'new',
  context: initialBcnContext,
  states: {
    /** No draft yet: the stream does not exist. */
    new: { on: { ExchangeDrafted: { target: 'draft', guard: 'differentNpos', actions: 'recordDraft' } } },
    /** Topic, programme year and sending NPO written down; not yet in front of the Secretariat. */
    draft: {
      on: {
        ExchangeSubmitted: { target: 'submitted', guard: 'withinClosingDate', actions: 'recordSubmission' },
        ExchangeProposed: { target: 'proposed', actions: 'recordProposal' },
        ExchangeWithdrawn: { target: 'withdrawn', actions: 'recordWithdrawal' },
        ...noticeTransitions(BCN_DEADLINE_KINDS.applicationWindow),
      },
    },
    /** Applied for by the sending NPO within a window (31 March or 30 June); awaits a decision. */
    submitted: {
      on: {
        ExchangeApproved: { target: 'approved', actions: 'recordApproval' },
        ExchangeRejected: { target: 'rejected', actions: 'recordRejection' },
        ExchangeWithdrawn: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    /** Proposed proactively by the Secretariat (no window); awaits a decision. */
    proposed: {
      on: {
        ExchangeApproved: { target: 'approved', actions: 'recordApproval' },
        ExchangeRejected: { target: 'rejected', actions: 'recordRejection' },
        ExchangeWithdrawn: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    /** Approved; dates, modality, hosting NPO and roster still to be agreed. */
    approved: {
      on: {
        ExchangeScheduled: { target: 'scheduled', guard: scheduleGuards, actions: 'recordSchedule' },
        ExchangeWithdrawn: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    /** Dates, modality, hosting NPO and participant roster agreed; may be rescheduled. */
    scheduled: {
      on: {
        ExchangeScheduled: { guard: scheduleGuards, actions: 'recordSchedule' },
        ExchangeImplemented: { target: 'implemented', actions: 'recordImplementation' },
        ExchangeWithdrawn: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    /** The exchange took place; the report is due. It can no longer be withdrawn. */
    implemented: { on: { ExchangeReported: { target: 'reported', actions: 'recordReport' }, ...noticeTransitions(BCN_DEADLINE_KINDS.report) } },
    /** Reported; follow-up activities may now be recorded, or the exchange closed. */
    reported: {
      on: {
        FollowUpRecorded: { target: 'followUp', actions: 'recordFollowUp' },
        ExchangeClosed: { target: 'closed', actions: 'recordClosure' },
        ...noticeTransitions(BCN_DEADLINE_KINDS.followUp),
      },
    },
    /** Long-term collaboration under way: follow-up activities recorded until closure. */
    followUp: {
      on: {
        FollowUpRecorded: { actions: 'recordFollowUp' },
        ExchangeClosed: { target: 'closed', actions: 'recordClosure' },
      },
    },
    rejected: { type: 'final' },
    closed: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});

/** Whether `state` has a transition for `eventType` at all (guards aside): decide checks this first. */
export function acceptsInState(state: string, eventType: string): boolean {
  return bcnMachine.root.states[state]?.transitions.has(eventType) ?? false;
}
