import type { Command } from '@apo/engine';
import type { Recommendation } from '../coe-model';
import type { NextStage } from '../v2/coe-v2-model';
import * as v1 from './coe-fixtures';

/**
 * Version 2 command builders. Commands whose shape did not change are version 1's (same
 * calendar: applied 2025-01-10, decided 2025-04-15, launched 2025-07-01, designation due
 * 2026-07-01, delivery years 2027/2028/2029-07-01, replication 2030-07-01).
 */
export const NOW = v1.NOW;
const c = (type: string, data: Record<string, unknown>): Command => ({ type, data });
const GB = '65th Governing Body Meeting, Manila';

export const {
  submitApplication,
  startReview,
  assess,
  advance,
  suspend,
  reinstate,
  withdraw,
  submitProposal,
  waive,
  approveProposal,
  returnProposal,
  recordActivity,
  recordPublication,
  recordReplication,
} = v1;

export const designate = (launchDate = '2025-07-01', decisionDate = '2025-04-15', meeting = GB) =>
  c('DesignateCoe', { governingBody: { meeting, decisionDate }, launchDate });
export const launch = (launchedOn: string) => c('LaunchCoe', { launchedOn });
export const reject = (decidedOn: string) => c('RejectApplication', { reason: 'out of scope', decidedOn });
export const extendBySecretariat = (decidedOn: string, until: string) =>
  c('ExtendPhase', { decidedBy: 'secretariat', decidedOn, until, reason: 'pilot factories delayed' });
export const extendByGoverningBody = (decidedOn: string, until: string, meeting = '58th Governing Body Meeting, Tokyo') =>
  c('ExtendPhase', { decidedBy: 'governingBody', decidedOn, until, reason: 'pilot phase prolonged', governingBody: { meeting } });
export const terminate = (terminatedOn: string, basis: 'assessment' | 'governingBody' = 'assessment') =>
  c('TerminateCoe', {
    basis,
    reason: 'no longer performing',
    terminatedOn,
    ...(basis === 'governingBody' ? { governingBody: { meeting: GB, decisionDate: terminatedOn } } : {}),
  });
export const assessStatus = (recommendedStage: NextStage, assessedOn: string, id = `s-${assessedOn}`) =>
  c('RecordStatusAssessment', {
    assessmentId: id,
    assessedOn,
    scores: { competency: 4, dissemination: 4, collaboration: 4, outputs: 4, impact: 4 },
    recommendedStage,
  });
export const decideStage = (stage: NextStage, decidedOn: string, decidedBy: 'secretariat' | 'governingBody' = 'secretariat') =>
  c('DecideNextStage', {
    stage,
    decidedBy,
    decidedOn,
    reason: 'status assessment',
    ...(decidedBy === 'governingBody' ? { governingBody: { meeting: '70th Governing Body Meeting, Bangkok' } } : {}),
  });
export const completeHistoricalEntry = (upToDate: string) => c('CompleteHistoricalEntry', { upToDate });
export const correct = (corrects: Record<string, unknown>, changes: Record<string, unknown>, reason = 'typed from the wrong file') =>
  c('CorrectRecord', { corrects, changes, reason });
export const assessAs = (recommendation: Recommendation, assessedOn: string, id: string) => assess(recommendation, assessedOn, id);

/** Histories that bring a version 2 COE to a given point of its life. */
export const history = {
  applied: () => [submitApplication()],
  underReview: () => [submitApplication(), startReview()],
  designated: () => [submitApplication(), startReview(), designate('2031-03-01')],
  designation: () => [submitApplication(), startReview(), designate()],
  year1: () => [...history.designation(), assess('advance', '2026-06-15'), advance('2026-07-01')],
  year2: () => [...history.year1(), assess('advance', '2027-06-15'), advance('2027-07-01')],
  year3: () => [...history.year2(), assess('advance', '2028-06-15'), advance('2028-07-01')],
  replication: () => [...history.year3(), assess('advance', '2029-06-15'), advance('2029-07-01')],
  network: () => [...history.replication(), assess('advance', '2030-06-15'), advance('2030-07-01')],
};
