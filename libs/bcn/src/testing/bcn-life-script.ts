import type { Command } from '@apo/engine';

/** One step of an exchange's life, as an assessor or admin records it, with the day they do. */
export interface BcnLifeStep {
  readonly on: string;
  readonly role: 'assessor' | 'admin';
  readonly command: Command;
}

const step = (on: string, role: BcnLifeStep['role'], type: string, data: Record<string, unknown>): BcnLifeStep => ({ on, role, command: { type, data } });
const people = [
  { name: 'Somphone Keola', position: 'Director General', category: 'highLevelOfficial' },
  { name: 'Vilay Phommachanh', position: 'Deputy Director, SME Promotion', category: 'npoOfficial' },
  { name: 'Khamla Sisavath', position: 'Policy Adviser, Ministry of Industry and Commerce', category: 'policymaker' },
];

/**
 * A whole exchange: the Lao NPO applies in the first 2030 window to learn the Thai NPO's digital
 * maturity toolkit (the COE life script's replication cites it: BCN_LIFE_SCRIPT_ID),
 * moves from face to face to virtual when travel is cut, reports and follows up.
 */
export const bcnLifeScript: BcnLifeStep[] = [
  step('2030-01-20', 'assessor', 'DraftExchange', {
    title: 'Digital maturity toolkit for Lao SMEs',
    topic: 'digital transformation of SMEs',
    programmeYear: 2030,
    sendingNpo: 'LA',
    hostingNpo: 'TH',
    draftedOn: '2030-01-20',
  }),
  step('2030-03-28', 'assessor', 'SubmitExchange', { submittedOn: '2030-03-28' }),
  step('2030-04-15', 'admin', 'ApproveExchange', { approvedOn: '2030-04-15' }),
  step('2030-05-02', 'assessor', 'ScheduleExchange', {
    scheduledOn: '2030-05-02',
    startDate: '2030-06-10',
    endDate: '2030-06-13',
    modality: 'faceToFace',
    hostingNpo: 'TH',
    venue: 'Bangkok',
    participants: people,
  }),
  step('2030-05-20', 'assessor', 'ScheduleExchange', {
    scheduledOn: '2030-05-20',
    startDate: '2030-06-10',
    endDate: '2030-06-12',
    modality: 'virtual',
    hostingNpo: 'TH',
    participants: [...people, { name: 'Bounmy Inthavong', position: 'Head of Training', category: 'npoOfficial' }],
  }),
  step('2030-06-12', 'assessor', 'RecordImplementation', { implementedOn: '2030-06-12', participantsAttended: 4 }),
  step('2030-07-05', 'assessor', 'SubmitReport', {
    reportedOn: '2030-07-05',
    summary: 'Toolkit walkthrough; two pilot firms chosen',
    outcomes: ['toolkit licence', 'pilot plan'],
  }),
  step('2030-09-01', 'assessor', 'RecordFollowUp', { followUpId: 'fu-1', kind: 'jointProject', title: 'Toolkit pilot in two Lao SMEs', date: '2030-09-01' }),
  step('2030-11-15', 'assessor', 'RecordFollowUp', { followUpId: 'fu-2', kind: 'training', title: 'Trainer certification', date: '2030-11-15' }),
  step('2030-12-20', 'assessor', 'CloseExchange', { closedOn: '2030-12-20' }),
];

/**
 * The exchange's id (GET /bcn-exchanges/bcn-2030-th-la; stream `bcn-bcn-2030-th-la`): the COE
 * life script's replication cites it as `bcnExchangeId`.
 */
export const BCN_LIFE_SCRIPT_ID = 'bcn-2030-th-la';
