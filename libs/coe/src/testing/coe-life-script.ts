import type { Command } from '@apo/engine';

/** One COE's whole life, as an assessor and an admin would record it, with the day they do. */
export interface LifeStep {
  readonly on: string;
  readonly role: 'assessor' | 'admin';
  readonly command: Command;
}

const step = (on: string, role: LifeStep['role'], type: string, data: Record<string, unknown>): LifeStep => ({ on, role, command: { type, data } });
const scores = (impact: number) => ({ competency: 4, dissemination: 4, collaboration: 4, outputs: 4, impact });
const assess = (on: string, recommendation: string, impact = 4) =>
  step(on, 'assessor', 'RecordAssessment', { assessmentId: `as-${on}`, assessedOn: on, scores: scores(impact), recommendation });

export const coeLifeScript: LifeStep[] = [
  step('2025-01-10', 'assessor', 'SubmitApplication', {
    name: 'COE on Digital Transformation for SMEs',
    memberEconomy: 'TH',
    nominatingNpo: 'Foundation for Thailand Productivity Institute',
    hostInstitution: { name: 'Foundation for Thailand Productivity Institute', type: 'npo' },
    focusArea: 'digital transformation',
    appliedOn: '2025-01-10',
  }),
  step('2025-02-03', 'assessor', 'StartReview', { startedOn: '2025-02-03' }),
  step('2025-04-16', 'admin', 'DesignateCoe', {
    governingBody: { meeting: '65th Governing Body Meeting, Manila', decisionDate: '2025-04-16' },
    launchDate: '2025-07-01',
  }),
  step('2025-10-20', 'assessor', 'RecordActivity', {
    activityId: 'act-1',
    kind: 'training',
    title: 'Digital maturity bootcamp',
    date: '2025-10-20',
    participants: [
      { economy: 'TH', count: 25 },
      { economy: 'VN', count: 4 },
    ],
    outputs: ['maturity toolkit'],
  }),
  assess('2026-06-10', 'extend', 3),
  step('2026-06-12', 'assessor', 'ExtendPhase', { months: 3, reason: 'pilot factories delayed', extendedOn: '2026-06-12' }),
  assess('2026-09-20', 'advance'),
  step('2026-10-01', 'assessor', 'AdvanceCoe', { advancedOn: '2026-10-01' }),
  step('2027-03-15', 'assessor', 'SubmitProposal', { proposalId: 'wp-2027', programmeYear: 2027, title: 'Work plan 2027', submittedOn: '2027-03-15' }),
  step('2027-04-20', 'assessor', 'ApproveProposal', { proposalId: 'wp-2027', approvedOn: '2027-04-20' }),
  step('2027-05-10', 'assessor', 'RecordPublication', { publicationId: 'pub-1', kind: 'caseStudy', title: 'Digital SMEs in Thailand', date: '2027-05-10' }),
  assess('2027-09-15', 'advance'),
  step('2027-10-01', 'assessor', 'AdvanceCoe', { advancedOn: '2027-10-01' }),
  step('2028-01-15', 'admin', 'SuspendCoe', { reason: 'host institution restructuring', suspendedOn: '2028-01-15' }),
  step('2028-03-01', 'admin', 'ReinstateCoe', { reinstatedOn: '2028-03-01' }),
  step('2028-04-02', 'admin', 'WaiveClosingDate', { programmeYear: 2028, reason: 'suspension overlapped the window', waivedOn: '2028-04-02' }),
  step('2028-04-10', 'assessor', 'SubmitProposal', { proposalId: 'wp-2028', programmeYear: 2028, title: 'Work plan 2028', submittedOn: '2028-04-10' }),
  step('2028-05-02', 'assessor', 'ApproveProposal', { proposalId: 'wp-2028', approvedOn: '2028-05-02' }),
  assess('2028-09-15', 'advance'),
  step('2028-10-01', 'assessor', 'AdvanceCoe', { advancedOn: '2028-10-01' }),
  assess('2029-09-15', 'advance', 5),
  step('2029-10-01', 'assessor', 'AdvanceCoe', { advancedOn: '2029-10-01' }),
  step('2030-02-12', 'assessor', 'RecordReplication', {
    replicationId: 'rep-1',
    targetEconomy: 'LA',
    description: 'Digital maturity toolkit adopted by the Lao NPO',
    date: '2030-02-12',
    bcnExchangeId: 'bcn-2030-th-la',
  }),
  assess('2030-09-15', 'advance', 5),
  step('2030-10-01', 'assessor', 'AdvanceCoe', { advancedOn: '2030-10-01' }),
];
