import { NOTE_DEADLINE, noteDeadlineCommand, noticeEventTypes, type DeadlinePolicy, type JsonObject, type WorkflowDefinition } from '@apo/engine';
import { COE_DEFINITION_NAME } from '../coe-definition';
import { coeV2Settings, type CoeV2Config } from './coe-v2-calendar';
import { correctRecord } from './coe-v2-correction-command';
import { coeV2Corrections } from './coe-v2-correction-target';
import { coeV2DeadlinePolicy } from './coe-v2-deadlines';
import { describeCoeV2 } from './coe-v2-describe';
import { COE_V2_EVENT_TYPES } from './coe-v2-events';
import { lifecycleCommandsV2 } from './coe-v2-lifecycle-commands';
import { coeMachineV2 } from './coe-v2-machine';
import type { CoeV2Context } from './coe-v2-model';
import { networkCommandsV2 } from './coe-v2-network-commands';
import { recordCommandsV2 } from './coe-v2-record-commands';
import { COE_V2_GUARD_RULES } from './coe-v2-rules';

/**
 * The business date each command states, which becomes its events' `effectiveDate`.
 * DesignateCoe and CorrectRecord are not here: each of their events carries its own
 * (`NewEvent.effectiveDate`: the decision date and the launch date; the corrected fact's date).
 */
export const COE_V2_EFFECTIVE_DATE_FIELDS: Record<string, string> = {
  SubmitApplication: 'appliedOn',
  StartReview: 'startedOn',
  RejectApplication: 'decidedOn',
  LaunchCoe: 'launchedOn',
  RecordAssessment: 'assessedOn',
  AdvanceCoe: 'advancedOn',
  ExtendPhase: 'decidedOn',
  TerminateCoe: 'terminatedOn',
  SuspendCoe: 'suspendedOn',
  ReinstateCoe: 'reinstatedOn',
  WithdrawCoe: 'withdrawnOn',
  RecordStatusAssessment: 'assessedOn',
  DecideNextStage: 'decidedOn',
  CompleteHistoricalEntry: 'upToDate',
  SubmitProposal: 'submittedOn',
  ApproveProposal: 'approvedOn',
  ReturnProposal: 'returnedOn',
  WaiveClosingDate: 'waivedOn',
  RecordActivity: 'date',
  RecordPublication: 'date',
  RecordReplication: 'date',
};

/** Version 2 of the COE life cycle (see docs/coe-rules.md); `config` sets closing dates and the rules to confirm. */
export function createCoeDefinitionV2(config: CoeV2Config = {}): WorkflowDefinition<CoeV2Context> {
  const settings = coeV2Settings(config);
  const deadlines = coeV2DeadlinePolicy(config);
  // The events people cause (what allowedEvents offers); the machine also takes the scheduler's notices, as version 1 does.
  const notices = new Set(noticeEventTypes(deadlines as DeadlinePolicy<never>));
  return {
    name: COE_DEFINITION_NAME,
    version: 2,
    streamPrefix: 'coe',
    machine: coeMachineV2,
    eventTypes: COE_V2_EVENT_TYPES.filter((type) => !notices.has(type)),
    commands: {
      ...lifecycleCommandsV2(settings),
      ...networkCommandsV2,
      ...recordCommandsV2(config),
      CorrectRecord: correctRecord,
      [NOTE_DEADLINE]: noteDeadlineCommand(deadlines),
    },
    guardRules: COE_V2_GUARD_RULES,
    effectiveDateFields: COE_V2_EFFECTIVE_DATE_FIELDS,
    describe: (state, context) => describeCoeV2(config, state, context) as unknown as JsonObject,
    deadlines,
    corrections: coeV2Corrections,
  };
}
