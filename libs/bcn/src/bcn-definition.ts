import { NOTE_DEADLINE, noteDeadlineCommand, type WorkflowDefinition } from '@apo/engine';
import { applicationCommands } from './bcn-application-commands';
import type { BcnConfig } from './bcn-calendar';
import { bcnDeadlinePolicy } from './bcn-deadlines';
import { deliveryCommands } from './bcn-delivery-commands';
import { BCN_EVENT_TYPES } from './bcn-events';
import { bcnMachine } from './bcn-machine';
import { PARTICIPANT_LIMITS, type BcnContext } from './bcn-model';
import { BCN_GUARD_RULES } from './bcn-rules';

export const BCN_DEFINITION_NAME = 'bcn-exchange';
export const BCN_STREAM_PREFIX = 'bcn';

/** The business date each command states; it becomes the events' `effectiveDate`. */
export const BCN_EFFECTIVE_DATE_FIELDS: Record<string, string> = {
  DraftExchange: 'draftedOn',
  SubmitExchange: 'submittedOn',
  ProposeExchange: 'proposedOn',
  ApproveExchange: 'approvedOn',
  RejectExchange: 'rejectedOn',
  WithdrawExchange: 'withdrawnOn',
  ScheduleExchange: 'scheduledOn',
  RecordImplementation: 'implementedOn',
  SubmitReport: 'reportedOn',
  RecordFollowUp: 'date',
  CloseExchange: 'closedOn',
};

/**
 * A participant's name and position are personal data, sealed under the participant's own key
 * (`personId`: the NPO's id for the person, or one the engine makes up); the category is not.
 */
export const BCN_PERSONAL_DATA = {
  ExchangeScheduled: { fields: ['participants[*].name', 'participants[*].position'], subject: 'participants[*].personId' },
} as const;

/** Version 1 of the BCN exchange; `config` sets per-year application closing dates. */
export function createBcnDefinition(config: BcnConfig = {}): WorkflowDefinition<BcnContext> {
  const deadlines = bcnDeadlinePolicy(config);
  return {
    name: BCN_DEFINITION_NAME,
    version: 1,
    streamPrefix: BCN_STREAM_PREFIX,
    machine: bcnMachine,
    eventTypes: BCN_EVENT_TYPES,
    commands: { ...applicationCommands(config), ...deliveryCommands, [NOTE_DEADLINE]: noteDeadlineCommand(deadlines) },
    guardRules: BCN_GUARD_RULES,
    effectiveDateFields: BCN_EFFECTIVE_DATE_FIELDS,
    describe: (state, context) => describeBcn(state, context),
    deadlines,
    personalData: BCN_PERSONAL_DATA,
  };
}

/** What a reader of one exchange wants at a glance (GET /bcn-exchanges/:id, time travel). */
export function describeBcn(_state: string, context: BcnContext) {
  const schedule = context.schedule;
  return {
    title: context.title ?? null,
    topic: context.topic ?? null,
    programmeYear: context.programmeYear ?? null,
    origin: context.origin ?? null,
    sendingNpo: context.sendingNpo ?? null,
    hostingNpo: context.hostingNpo ?? null,
    window: context.window ?? null,
    closingDate: context.closingDate ?? null,
    draftedOn: context.draftedOn ?? null,
    appliedOn: context.appliedOn ?? null,
    decidedOn: context.decidedOn ?? null,
    schedule: schedule
      ? {
          startDate: schedule.startDate,
          endDate: schedule.endDate,
          modality: schedule.modality,
          venue: schedule.venue ?? null,
          participantLimit: PARTICIPANT_LIMITS[schedule.modality],
          participants: schedule.participants,
        }
      : null,
    implementedOn: context.implementedOn ?? null,
    reportedOn: context.reportedOn ?? null,
    followUps: context.followUps.length,
    lastFollowUpOn: context.lastFollowUpOn ?? null,
    closedOn: context.closedOn ?? null,
    withdrawnOn: context.withdrawnOn ?? null,
  };
}
