import { NOTE_DEADLINE, noteDeadlineCommand, type WorkflowDefinition } from '@apo/engine';
import { isOverdue, type CoeConfig } from './coe-calendar';
import { coeDeadlinePolicy } from './coe-deadlines';
import { COE_EVENT_TYPES } from './coe-events';
import { lifecycleCommands } from './coe-lifecycle-commands';
import { coeMachine } from './coe-machine';
import { phaseOf, type CoeContext } from './coe-model';
import { recordCommands } from './coe-record-commands';
import { COE_GUARD_RULES } from './coe-rules';

export const COE_DEFINITION_NAME = 'coe-lifecycle';

/** The business date each command states; it becomes the events' `effectiveDate`. */
export const COE_EFFECTIVE_DATE_FIELDS: Record<string, string> = {
  SubmitApplication: 'appliedOn',
  StartReview: 'startedOn',
  RejectApplication: 'decidedOn',
  DesignateCoe: 'launchDate',
  RecordAssessment: 'assessedOn',
  AdvanceCoe: 'advancedOn',
  ExtendPhase: 'extendedOn',
  TerminateCoe: 'terminatedOn',
  SuspendCoe: 'suspendedOn',
  ReinstateCoe: 'reinstatedOn',
  WithdrawCoe: 'withdrawnOn',
  SubmitProposal: 'submittedOn',
  ApproveProposal: 'approvedOn',
  ReturnProposal: 'returnedOn',
  WaiveClosingDate: 'waivedOn',
  RecordActivity: 'date',
  RecordPublication: 'date',
  RecordReplication: 'date',
};

/** Version 1 of the COE life cycle; `config` sets per-year proposal closing dates. */
export function createCoeDefinition(config: CoeConfig = {}): WorkflowDefinition<CoeContext> {
  const deadlines = coeDeadlinePolicy(config);
  return {
    name: COE_DEFINITION_NAME,
    version: 1,
    streamPrefix: 'coe',
    machine: coeMachine,
    eventTypes: COE_EVENT_TYPES,
    commands: { ...lifecycleCommands, ...recordCommands(config), [NOTE_DEADLINE]: noteDeadlineCommand(deadlines) },
    guardRules: COE_GUARD_RULES,
    effectiveDateFields: COE_EFFECTIVE_DATE_FIELDS,
    describe: (state, context) => describeCoe(state, context),
    deadlines,
  };
}

/** What a reader of one COE wants at a glance; `overdueOn` lets callers test any date. */
export function describeCoe(state: string, context: CoeContext) {
  const period = context.period;
  const active = state.startsWith('active.');
  return {
    name: context.name ?? null,
    memberEconomy: context.memberEconomy ?? null,
    focusArea: context.focusArea ?? null,
    phase: active && period ? phaseOf(period.key) : state === 'suspended' ? 'suspended' : state,
    period: period?.key ?? null,
    periodStart: period?.start ?? null,
    dueDate: (active || state === 'suspended') && period ? period.dueDate : null,
    suspended: state === 'suspended',
    lastAssessment: context.lastAssessment ?? null,
    records: context.records,
  };
}

export const coeIsOverdue = isOverdue;
