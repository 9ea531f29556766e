import { RuleViolation, type GuardRule } from '@apo/engine';

/** Stable error codes of the COE life cycle: HTTP `code`, CLI output and docs use these. */
export const COE_RULES = {
  ADVANCE_ASSESSMENT_REQUIRED: 'COE.ADVANCE_ASSESSMENT_REQUIRED',
  EXTEND_ASSESSMENT_REQUIRED: 'COE.EXTEND_ASSESSMENT_REQUIRED',
  EXTENSION_ALREADY_USED: 'COE.EXTENSION_ALREADY_USED',
  TERMINATE_ASSESSMENT_REQUIRED: 'COE.TERMINATE_ASSESSMENT_REQUIRED',
  LAUNCH_BEFORE_DECISION: 'COE.LAUNCH_BEFORE_DECISION',
  ASSESSMENT_BEFORE_PERIOD: 'COE.ASSESSMENT_BEFORE_PERIOD',
  DATE_IN_FUTURE: 'COE.DATE_IN_FUTURE',
  DATE_BEFORE_LAUNCH: 'COE.DATE_BEFORE_LAUNCH',
  PROPOSAL_CLOSING_DATE_PASSED: 'COE.PROPOSAL_CLOSING_DATE_PASSED',
  PROPOSAL_ALREADY_SUBMITTED: 'COE.PROPOSAL_ALREADY_SUBMITTED',
  PROPOSAL_ID_TAKEN: 'COE.PROPOSAL_ID_TAKEN',
  PROPOSAL_NOT_FOUND: 'COE.PROPOSAL_NOT_FOUND',
  PROPOSAL_NOT_PENDING: 'COE.PROPOSAL_NOT_PENDING',
  WAIVER_ALREADY_RECORDED: 'COE.WAIVER_ALREADY_RECORDED',
  REPLICATION_SAME_ECONOMY: 'COE.REPLICATION_SAME_ECONOMY',
  // Version 2 (coe-lifecycle@2) adds these; version 1 never raises them.
  DATE_OUT_OF_ORDER: 'COE.DATE_OUT_OF_ORDER',
  EXTENSION_NOT_LATER: 'COE.EXTENSION_NOT_LATER',
  EXTENSION_TOO_LONG: 'COE.EXTENSION_TOO_LONG',
  DECISION_DATES_DIFFER: 'COE.DECISION_DATES_DIFFER',
  NEXT_STAGE_ASSESSMENT_REQUIRED: 'COE.NEXT_STAGE_ASSESSMENT_REQUIRED',
  NOT_HISTORICAL: 'COE.NOT_HISTORICAL',
  ASSESSMENT_ID_TAKEN: 'COE.ASSESSMENT_ID_TAKEN',
  RECORD_ID_TAKEN: 'COE.RECORD_ID_TAKEN',
  CORRECTION_TARGET_NOT_FOUND: 'COE.CORRECTION_TARGET_NOT_FOUND',
  CORRECTION_TARGET_AMBIGUOUS: 'COE.CORRECTION_TARGET_AMBIGUOUS',
  CORRECTION_CHANGES_NOTHING: 'COE.CORRECTION_CHANGES_NOTHING',
  CORRECTION_RELIED_ON: 'COE.CORRECTION_RELIED_ON',
  CORRECTION_WOULD_REANCHOR: 'COE.CORRECTION_WOULD_REANCHOR',
} as const;

/** Named machine guards and the rule each enforces (the engine reports the failing one). */
export const COE_GUARD_RULES: Record<string, GuardRule> = {
  hasAdvanceAssessment: {
    code: COE_RULES.ADVANCE_ASSESSMENT_REQUIRED,
    message: 'advancing needs an assessment of the current period recommending advance',
  },
  hasExtendAssessment: {
    code: COE_RULES.EXTEND_ASSESSMENT_REQUIRED,
    message: 'an extension needs an assessment of the current period recommending extend',
  },
  extensionAvailable: {
    code: COE_RULES.EXTENSION_ALREADY_USED,
    message: 'this phase already used its one extension',
  },
  terminationJustified: {
    code: COE_RULES.TERMINATE_ASSESSMENT_REQUIRED,
    message: 'termination needs an assessment recommending terminate or a Governing Body decision',
  },
};

/** A decide-time rule: throws the RuleViolation when `holds` is false. */
export function ensure(holds: boolean, code: string, message: string, details?: Record<string, unknown>): void {
  if (!holds) throw new RuleViolation(code, message, details);
}
