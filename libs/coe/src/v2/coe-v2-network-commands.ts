import { type InputReader } from '@apo/engine';
import { COE_RULES, ensure } from '../coe-rules';
import { ADMINS, ASSESSORS, coeCommand, decidersBody, decidingBody, meanScore, readScores, type CoeV2Spec } from './coe-v2-command';
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
  return { stage: r.oneOf('stage', NEXT_STAGES), decidedBy, decidedOn: r.businessDate('decidedOn'), reason: r.text('reason'), governingBody: decidersBody(r, decidedBy) };
};

/** Life in the COE network after the 1-3-1 cycle, and the end of a historical entry. */
export const networkCommandsV2: Record<string, CoeV2Spec> = {
  /** The periodic assessment of a COE in the network: the five criteria and the next stage it recommends. */
  RecordStatusAssessment: coeCommand(ASSESSORS, 'StatusAssessmentRecorded', statusAssessment, (input, d) => {
    datedFact(input, d.assessedOn, 'assessedOn', 'statusAssessment');
    ensure(!Object.hasOwn(input.context.assessments, d.assessmentId), COE_RULES.ASSESSMENT_ID_TAKEN, `assessment ${d.assessmentId} is already recorded; correct it with CorrectRecord`, {
      assessmentId: d.assessmentId,
    });
    return [{ type: 'StatusAssessmentRecorded', data: { ...d, overall: d.overall ?? meanScore(d.scores) } }];
  }),
  /** Continued support, network member without APO funding, or the designation retired (final). */
  DecideNextStage: coeCommand(ADMINS, 'NextStageDecided', nextStage, (input, d) => {
    datedFact(input, d.decidedOn, 'decidedOn', 'nextStageDecision');
    const { governingBody, ...decision } = d;
    return [{ type: 'NextStageDecided', data: { ...decision, ...decidingBody(d.decidedBy, d.decidedOn, governingBody) } }];
  }),
  /** An instance entered from history is brought up to date: from now on its deadlines open. */
  CompleteHistoricalEntry: coeCommand(ASSESSORS, 'HistoricalEntryCompleted', (r) => ({ upToDate: r.businessDate('upToDate') }), (input, d) => {
    notInFuture(input, d.upToDate, 'upToDate');
    notBeforeFact(d.upToDate, 'upToDate', 'historicalEntry', latestFact(input.context.timeline));
    return [{ type: 'HistoricalEntryCompleted', data: d }];
  }),
};
