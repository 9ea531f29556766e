import type { FormObject, FormValue } from './form-values';

/**
 * Overseas participants per BCN exchange by modality: libs/bcn's PARTICIPANT_LIMITS (the rule
 * BCN.TOO_MANY_PARTICIPANTS, which the API applies). The schema's maxItems (50) is only the edge's
 * bound; the console repeats the rule's numbers to count as the person types.
 */
export const PARTICIPANT_LIMITS: Readonly<Record<string, number>> = { virtual: 10, faceToFace: 4 };

const MODALITY_WORDS: Readonly<Record<string, string>> = { virtual: 'virtual', faceToFace: 'face-to-face' };

/** "4 of 5 participants" under a roster, and whether it is over the modality's limit. */
export function rosterNote(values: FormObject): string | undefined {
  const roster = values.participants;
  if (!Array.isArray(roster)) return undefined;
  const modality = typeof values.modality === 'string' ? values.modality : '';
  const limit = PARTICIPANT_LIMITS[modality];
  if (limit === undefined) return `${roster.length} participant${roster.length === 1 ? '' : 's'} listed; choose the modality to see the limit.`;
  const over = roster.length - limit;
  const words = `${roster.length} of ${limit} participants (the ${MODALITY_WORDS[modality]} limit)`;
  return over > 0 ? `${words}: ${over} over the limit. Remove ${over === 1 ? 'one' : over} before recording.` : `${words}.`;
}

/** The mean of five criterion scores as typed, the overall score the API records when none is given. */
export function scoresNote(scores: FormValue | undefined): string | undefined {
  if (!scores || typeof scores !== 'object' || Array.isArray(scores)) return undefined;
  const typed = Object.values(scores).map((v) => Number(v));
  if (typed.length === 0 || typed.some((n) => !Number.isInteger(n) || n < 1 || n > 5) || Object.values(scores).some((v) => v === '')) {
    return `Score each criterion from 1 (weak) to 5 (strong).`;
  }
  const mean = Math.round((typed.reduce((a, b) => a + b, 0) / typed.length) * 100) / 100;
  return `Mean of the ${typed.length} criteria: ${mean} (the overall score when none is given).`;
}

/** The note under a command form's field, by its path: the roster count, the scores' mean. */
export function commandNote(values: FormObject, path: string): string | undefined {
  if (path === 'participants') return rosterNote(values);
  if (path === 'scores') return scoresNote(values.scores);
  return undefined;
}
