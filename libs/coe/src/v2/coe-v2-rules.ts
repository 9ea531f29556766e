import type { GuardRule } from '@apo/engine';
import { COE_GUARD_RULES, COE_RULES } from '../coe-rules';

/** Version 2's named machine guards and the rule each enforces (codes in coe-rules.ts). */
export const COE_V2_GUARD_RULES: Record<string, GuardRule> = {
  hasAdvanceAssessment: COE_GUARD_RULES.hasAdvanceAssessment,
  terminationJustified: COE_GUARD_RULES.terminationJustified,
  extensionJustified: {
    code: COE_RULES.EXTEND_ASSESSMENT_REQUIRED,
    message: 'a Secretariat extension needs an assessment of the current period recommending extend (a Governing Body decision needs none)',
  },
  nextStageJustified: {
    code: COE_RULES.NEXT_STAGE_ASSESSMENT_REQUIRED,
    message: 'a Secretariat next-stage decision needs a status assessment recommending that stage (a Governing Body decision needs none)',
  },
  isHistorical: {
    code: COE_RULES.NOT_HISTORICAL,
    message: 'this COE is not being entered from history (or its historical entry is already complete)',
  },
};
