import type { Command } from '@apo/engine';
import type { Recommendation } from '../coe-model';

/**
 * A COE's calendar used across the specifications: launched 2025-07-01, so designation is due
 * 2026-07-01, delivery years 2027/2028/2029-07-01 and replication 2030-07-01.
 */
export const NOW = new Date('2031-01-15T09:00:00Z');

const c = (type: string, data: Record<string, unknown>): Command => ({ type, data });

export const submitApplication = (overrides: Record<string, unknown> = {}) =>
  c('SubmitApplication', {
    name: 'COE on Smart Manufacturing',
    memberEconomy: 'MY',
    nominatingNpo: 'Malaysia Productivity Corporation',
    hostInstitution: { name: 'Malaysia Productivity Corporation', type: 'npo' },
    focusArea: 'smart manufacturing',
    appliedOn: '2025-01-10',
    ...overrides,
  });
export const startReview = () => c('StartReview', { startedOn: '2025-02-01' });
export const designate = (launchDate = '2025-07-01') =>
  c('DesignateCoe', { governingBody: { meeting: '65th Governing Body Meeting, Manila', decisionDate: '2025-04-15' }, launchDate });
export const assess = (recommendation: Recommendation, assessedOn: string, id = `a-${assessedOn}-${recommendation}`) =>
  c('RecordAssessment', {
    assessmentId: id,
    assessedOn,
    scores: { competency: 4, dissemination: 4, collaboration: 3, outputs: 5, impact: 4 },
    recommendation,
  });
export const advance = (advancedOn: string) => c('AdvanceCoe', { advancedOn });
export const extend = (months: number, extendedOn: string) => c('ExtendPhase', { months, reason: 'pilot delayed', extendedOn });
export const suspend = (suspendedOn: string) => c('SuspendCoe', { reason: 'host restructuring', suspendedOn });
export const reinstate = (reinstatedOn: string) => c('ReinstateCoe', { reinstatedOn });
export const withdraw = (withdrawnOn: string) => c('WithdrawCoe', { reason: 'host withdrew', withdrawnOn });
export const submitProposal = (programmeYear: number, submittedOn: string, proposalId = `p-${programmeYear}`) =>
  c('SubmitProposal', { proposalId, programmeYear, title: `Work plan ${programmeYear}`, submittedOn });
export const waive = (programmeYear: number, waivedOn: string) => c('WaiveClosingDate', { programmeYear, reason: 'floods', waivedOn });
export const approveProposal = (proposalId: string, approvedOn: string) => c('ApproveProposal', { proposalId, approvedOn });
export const returnProposal = (proposalId: string, returnedOn: string) => c('ReturnProposal', { proposalId, returnedOn, reason: 'budget unclear' });
export const recordActivity = (date: string, overrides: Record<string, unknown> = {}) =>
  c('RecordActivity', {
    activityId: `act-${date}`,
    kind: 'training',
    title: 'Smart factory bootcamp',
    date,
    participants: [
      { economy: 'MY', count: 12 },
      { economy: 'TH', count: 3 },
    ],
    outputs: ['training kit draft'],
    ...overrides,
  });
export const recordPublication = (date: string, kind = 'caseStudy') =>
  c('RecordPublication', { publicationId: `pub-${date}`, kind, title: 'Lean in SMEs', date });
export const recordReplication = (date: string, targetEconomy = 'VN', bcnExchangeId?: string) =>
  c('RecordReplication', {
    replicationId: `rep-${date}`,
    targetEconomy,
    description: 'Model factory replicated',
    date,
    ...(bcnExchangeId ? { bcnExchangeId } : {}),
  });

/** Histories that bring a COE to a given point of its life. */
export const history = {
  applied: () => [submitApplication()],
  underReview: () => [submitApplication(), startReview()],
  designation: () => [submitApplication(), startReview(), designate()],
  year1: () => [...history.designation(), assess('advance', '2026-06-15'), advance('2026-07-01')],
  year2: () => [...history.year1(), assess('advance', '2027-06-15'), advance('2027-07-01')],
  year3: () => [...history.year2(), assess('advance', '2028-06-15'), advance('2028-07-01')],
  replication: () => [...history.year3(), assess('advance', '2029-06-15'), advance('2029-07-01')],
  graduated: () => [...history.replication(), assess('advance', '2030-06-15'), advance('2030-07-01')],
};
