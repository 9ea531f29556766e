import { type InputReader } from '@apo/engine';
import { COE_RULES, ensure } from '../coe-rules';
import { ADMINS, ASSESSORS, coeCommand, decidersBody, decidingBody, meanScore, MEETING_FIELDS, readScores, type CoeV2Spec } from './coe-v2-command';
import { datedFact, latestFact, notBeforeFact, notInFuture } from './coe-v2-dates';
import { DECIDERS, NEXT_STAGES } from './coe-v2-model';

const statusAssessment = (r: InputReader) => ({
  assessmentId: r.string('assessmentId', { max: 100 }),
  assessedOn: r.businessDate('assessedOn'),
  scores: readScores(r),
  overall: r.number('overall', 1, 5, { optional: true }),
  recommendedStage: r.oneOf('recommendedStage', NEXT_STAGES),
  notes: r.text('notes', { optional: true, max: 5000 }),
});

const nextStage = (r: InputReader) => {
  const decidedBy = r.oneOf('decidedBy', DECIDERS);
  return {
    stage: r.oneOf('stage', NEXT_STAGES),
    decidedBy,
    decidedOn: r.businessDate('decidedOn'),
    reason: r.text('reason'),
    governingBody: decidersBody(r, decidedBy),
  };
};

/** Life in the COE network after the 1-3-1 cycle, and the end of a historical entry. */
export const networkCommandsV2: Record<string, CoeV2Spec> = {
  /** The periodic assessment of a COE in the network: the five criteria and the next stage it recommends. */
  RecordStatusAssessment: coeCommand(
    ASSESSORS,
    'StatusAssessmentRecorded',
    statusAssessment,
    (input, d) => {
      datedFact(input, d.assessedOn, 'assessedOn', 'statusAssessment');
      ensure(
        !Object.hasOwn(input.context.assessments, d.assessmentId),
        COE_RULES.ASSESSMENT_ID_TAKEN,
        `assessment ${d.assessmentId} is already recorded; correct it with CorrectRecord`,
        {
          assessmentId: d.assessmentId,
        },
      );
      return [{ type: 'StatusAssessmentRecorded', data: { ...d, overall: d.overall ?? meanScore(d.scores) } }];
    },
    {
      path: 'status-assessments',
      summary: 'Record a status assessment of a COE in the COE network',
      description:
        "After the 1-3-1 cycle a COE is assessed every 24 months (configurable: COE_STATUS_ASSESSMENT_MONTHS) from the cycle's end or its last status assessment: the five criteria (1-5), an overall score (the mean when not given) and the next stage it recommends. Rule codes: COE.ASSESSMENT_ID_TAKEN, COE.DATE_OUT_OF_ORDER, COE.DATE_IN_FUTURE. A COE recorded on definition version 1 does not take this command (400 VALIDATION_FAILED naming the commands of its version).",
      examples: {
        example: {
          summary: 'Recommends continued support',
          value: {
            assessmentId: 'status-2032',
            assessedOn: '2032-06',
            scores: { competency: 4, dissemination: 4, collaboration: 3, outputs: 4, impact: 5 },
            recommendedStage: 'continuedSupport',
          },
        },
      },
      fields: {
        assessmentId: { description: 'Unique within the COE (period and status assessments alike); corrections name it' },
        assessedOn: { example: '2032-06' },
        overall: { description: 'The mean of the five criteria when not given' },
        recommendedStage: { description: 'The next stage the assessment recommends' },
      },
    },
  ),
  /** Continued support, network member without APO funding, or the designation retired (final). */
  DecideNextStage: coeCommand(
    ADMINS,
    'NextStageDecided',
    nextStage,
    (input, d) => {
      datedFact(input, d.decidedOn, 'decidedOn', 'nextStageDecision');
      const { governingBody, ...decision } = d;
      return [{ type: 'NextStageDecided', data: { ...decision, ...decidingBody(d.decidedBy, d.decidedOn, governingBody) } }];
    },
    {
      path: 'next-stage',
      summary: 'Decide the next stage of a COE in the network (continued support, network member, retired)',
      description:
        'The Secretariat decides the stage the latest status assessment recommends; the Governing Body any stage (with its meeting). `retired` ends the designation (final). Rule codes: COE.NEXT_STAGE_ASSESSMENT_REQUIRED, COE.DECISION_DATES_DIFFER, COE.DATE_OUT_OF_ORDER. A COE recorded on definition version 1 does not take this command (400 VALIDATION_FAILED naming the commands of its version).',
      examples: {
        example: {
          summary: 'The Governing Body keeps the COE in the network without APO funding',
          value: {
            stage: 'networkMember',
            decidedBy: 'governingBody',
            decidedOn: '2032-04-16',
            reason: 'self-sustaining since 2031',
            governingBody: { meeting: '72nd Governing Body Meeting, Tokyo' },
          },
        },
      },
      fields: {
        stage: {
          description:
            'continuedSupport (APO support continues), networkMember (in the network without APO funding) or retired (the designation retired: final)',
        },
        decidedBy: { description: 'The Secretariat decides the stage the latest status assessment recommends; the Governing Body any stage' },
        decidedOn: { example: '2032-04-16' },
        ...MEETING_FIELDS,
      },
    },
  ),
  /** An instance entered from history is brought up to date: from now on its deadlines open. */
  CompleteHistoricalEntry: coeCommand(
    ASSESSORS,
    'HistoricalEntryCompleted',
    (r) => ({ upToDate: r.businessDate('upToDate') }),
    (input, d) => {
      notInFuture(input, d.upToDate, 'upToDate');
      notBeforeFact(d.upToDate, 'upToDate', 'historicalEntry', latestFact(input.context.timeline));
      return [{ type: 'HistoricalEntryCompleted', data: d }];
    },
    {
      path: 'historical-entry-completion',
      summary: 'Mark a COE entered from history as brought up to date (its deadlines open)',
      description:
        'A COE submitted with `historical: true` owes no deadline while its past is entered, so the scheduler writes no notice for deadlines long met by steps not yet entered. `upToDate` is the date the records were brought up to; from then on its deadlines open as for any COE, and one already past due is overdue. Rule codes: COE.NOT_HISTORICAL, COE.DATE_OUT_OF_ORDER, COE.DATE_IN_FUTURE. A COE recorded on definition version 1 does not take this command (400 VALIDATION_FAILED naming the commands of its version).',
      examples: { example: { summary: 'Records entered up to today', value: { upToDate: '2026-12-01' } } },
      fields: {
        upToDate: { description: 'The date the records were brought up to: not before the latest fact recorded, not in the future', example: '2026-12-01' },
      },
    },
  ),
};
