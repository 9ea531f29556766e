import { RuleViolation, type GuardRule, type MachineEvent } from '@apo/engine';
import { isEligible, PARTICIPANT_LIMITS, type Modality } from './bcn-model';

/** Stable error codes of the BCN exchange: HTTP `code`, CLI output and docs use these. */
export const BCN_RULES = {
  SAME_NPO: 'BCN.SAME_NPO',
  UNKNOWN_ECONOMY: 'BCN.UNKNOWN_ECONOMY',
  TOO_MANY_PARTICIPANTS: 'BCN.TOO_MANY_PARTICIPANTS',
  PARTICIPANT_NOT_ELIGIBLE: 'BCN.PARTICIPANT_NOT_ELIGIBLE',
  CLOSING_DATE_PASSED: 'BCN.CLOSING_DATE_PASSED',
  DATE_IN_FUTURE: 'BCN.DATE_IN_FUTURE',
  DATE_OUT_OF_ORDER: 'BCN.DATE_OUT_OF_ORDER',
  END_BEFORE_START: 'BCN.END_BEFORE_START',
  FOLLOW_UP_ID_TAKEN: 'BCN.FOLLOW_UP_ID_TAKEN',
} as const;

/**
 * Named machine guards and the rule each enforces (the engine reports the failing one). These
 * rules read facts the event carries, so replay and verify re-check them on every stored event.
 */
export const BCN_GUARD_RULES: Record<string, GuardRule> = {
  withinClosingDate: {
    code: BCN_RULES.CLOSING_DATE_PASSED,
    message:
      'applications close on the programme year’s closing dates (31 March and 30 June unless configured); the Secretariat may propose the exchange instead',
    explain: ({ event }) => {
      const { submittedOn, closingDate } = event.data as { submittedOn?: unknown; closingDate?: unknown };
      if (typeof submittedOn !== 'string' || typeof closingDate !== 'string') return undefined;
      return {
        message: `the application is dated ${submittedOn}, after ${closingDate}, the closing date of its window; the Secretariat may propose the exchange instead`,
        details: { submittedOn, closingDate },
      };
    },
  },
  differentNpos: {
    code: BCN_RULES.SAME_NPO,
    message: 'the sending and hosting NPO must be different APO members',
  },
  withinParticipantLimit: {
    code: BCN_RULES.TOO_MANY_PARTICIPANTS,
    message: 'a virtual exchange takes up to 10 overseas participants, a face-to-face one up to 4',
    explain: ({ event }) => {
      const { modality, participants } = event.data as { modality?: Modality; participants?: unknown };
      if (!Array.isArray(participants) || modality === undefined || !Object.hasOwn(PARTICIPANT_LIMITS, modality)) return undefined;
      const limit = PARTICIPANT_LIMITS[modality];
      const kind = modality === 'virtual' ? 'a virtual exchange' : 'a face-to-face exchange';
      return {
        message: `${participants.length} participants are listed; ${kind} takes up to ${limit}`,
        details: { field: 'participants', listed: participants.length, limit, modality },
      };
    },
  },
  participantsEligible: {
    code: BCN_RULES.PARTICIPANT_NOT_ELIGIBLE,
    message: 'participants are high-level officials, policymakers or NPO officials',
    explain: ({ event }) => {
      const ineligible = participantsOf(event).filter((p) => !isEligible(p.category));
      if (ineligible.length === 0) return undefined;
      const named = ineligible.map((p) => `${p.name} (${p.category})`).join(', ');
      return {
        message: `not eligible: ${named}; participants are high-level officials, policymakers or NPO officials`,
        details: { field: 'participants', ineligible: ineligible.map((p) => ({ name: p.name, category: p.category })) },
      };
    },
  },
};

function participantsOf(event: MachineEvent): { name: string; category: string }[] {
  const roster = (event.data as { participants?: unknown }).participants;
  if (!Array.isArray(roster)) return [];
  return roster.map((p: { name?: unknown; category?: unknown } | null) => ({
    name: String(p?.name ?? '(unnamed)'),
    category: String(p?.category ?? '(none)'),
  }));
}

/** A decide-time rule: throws the RuleViolation when `holds` is false. */
export function ensure(holds: boolean, code: string, message: string, details?: Record<string, unknown>): void {
  if (!holds) throw new RuleViolation(code, message, details);
}
