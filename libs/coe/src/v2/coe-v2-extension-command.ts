import { definitelyBefore, lastDay, type InputReader, type NewEvent } from '@apo/engine';
import { phaseOf } from '../coe-model';
import { COE_RULES, ensure } from '../coe-rules';
import { monthsAfter, type CoeV2Settings } from './coe-v2-calendar';
import { ASSESSORS, coeCommand, decidersBody, decidingBody, type CoeV2Input, type CoeV2Spec } from './coe-v2-command';
import { datedFact } from './coe-v2-dates';
import { DECIDERS, type PeriodV2 } from './coe-v2-model';

const read = (r: InputReader) => {
  const decidedBy = r.oneOf('decidedBy', DECIDERS);
  return {
    decidedBy,
    decidedOn: r.businessDate('decidedOn'),
    until: r.businessDate('until'),
    reason: r.text('reason'),
    governingBody: decidersBody(r, decidedBy),
  };
};
type Extension = ReturnType<typeof read>;

/** The Secretariat's own limits: so many extensions per phase, each reaching so many months beyond the due date it moves. */
function withinSecretariatLimits(input: CoeV2Input, settings: CoeV2Settings, period: PeriodV2, until: string): void {
  const phase = phaseOf(period.key);
  const allowed = settings.secretariatExtensionsPerPhase;
  const used = input.context.extensions.filter((e) => e.decidedBy === 'secretariat' && phaseOf(e.period) === phase).length;
  ensure(
    used < allowed,
    COE_RULES.EXTENSION_ALREADY_USED,
    `${phase} already had ${used} Secretariat extension(s), the most allowed per phase (${allowed}); a further one needs a Governing Body decision`,
    {
      phase,
      used,
      allowed,
    },
  );
  const months = settings.secretariatExtensionMaxMonths;
  const limit = monthsAfter(period.dueDate, months);
  ensure(
    !definitelyBefore(limit, until),
    COE_RULES.EXTENSION_TOO_LONG,
    `a Secretariat extension reaches at most ${months} months beyond the due date ${period.dueDate} (to ${limit}); until ${until} needs a Governing Body decision`,
    { dueDate: period.dueDate, limit, until },
  );
}

/**
 * An extension decided by the Secretariat or the Governing Body, up to a stated date that
 * becomes the period's due date. The Secretariat needs an assessment recommending `extend` (the
 * machine's guard) and stays within its limits; the Governing Body may extend more than once
 * and for longer.
 */
export function extendPhase(settings: CoeV2Settings): CoeV2Spec {
  return coeCommand(
    ASSESSORS,
    'PhaseExtended',
    read,
    (input, d: Extension): NewEvent[] => {
      datedFact(input, d.decidedOn, 'decidedOn', 'extension');
      const period = input.context.period as PeriodV2;
      ensure(
        lastDay(d.until) > lastDay(period.dueDate),
        COE_RULES.EXTENSION_NOT_LATER,
        `until ${d.until} does not move the due date of ${period.key} (${period.dueDate}) any later`,
        {
          until: d.until,
          dueDate: period.dueDate,
        },
      );
      if (d.decidedBy === 'secretariat') withinSecretariatLimits(input, settings, period, d.until);
      if (d.decidedBy === 'governingBody' && settings.governingBodyExtensionNeedsAssessment) {
        ensure(
          input.context.lastAssessment?.recommendation === 'extend',
          COE_RULES.EXTEND_ASSESSMENT_REQUIRED,
          'an extension needs an assessment of the current period recommending extend',
        );
      }
      const { governingBody, ...decision } = d;
      return [
        {
          type: 'PhaseExtended',
          data: { period: period.key, ...decision, previousDueDate: period.dueDate, ...decidingBody(d.decidedBy, d.decidedOn, governingBody) },
        },
      ];
    },
    {
      path: 'extension',
      summary: 'Extend the current period up to a date, by a Secretariat or Governing Body decision',
      description:
        "Definition version 2 (every COE recorded since): `decidedBy` secretariat (on an assessment of the period recommending extend, once per phase and at most 12 months beyond the due date it moves: both configurable) or governingBody (with its meeting; more than once and for longer), `decidedOn`, `until` (the new due date, later than the current one) and `reason`. A COE recorded on version 1 (`definitionVersion` 1 in GET /coes/{id}) is still extended the version 1 way: `months` (1-12, once per phase), `reason`, `extendedOn`. Each COE refuses the other version's shape with 400 VALIDATION_FAILED naming the fields it requires. Rule codes: COE.EXTEND_ASSESSMENT_REQUIRED, COE.EXTENSION_ALREADY_USED, COE.EXTENSION_TOO_LONG, COE.EXTENSION_NOT_LATER, COE.DECISION_DATES_DIFFER, COE.DATE_OUT_OF_ORDER.",
      examples: {
        secretariat: {
          summary: 'Version 2: the Secretariat extends designation by three months',
          value: { decidedBy: 'secretariat', decidedOn: '2026-06-12', until: '2026-10-01', reason: 'pilot factories delayed' },
        },
        governingBody: {
          summary: 'Version 2: the Governing Body extends delivery by about two years',
          value: {
            decidedBy: 'governingBody',
            decidedOn: '2018-04',
            until: '2020-06',
            reason: 'pilot phase prolonged',
            governingBody: { meeting: '58th Governing Body Meeting, Tokyo' },
          },
        },
        version1: { summary: 'A COE recorded on definition version 1', value: { months: 3, reason: 'pilot factories delayed', extendedOn: '2026-06-12' } },
      },
    },
  );
}
