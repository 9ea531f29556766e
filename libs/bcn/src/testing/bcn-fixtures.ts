import type { Command } from '@apo/engine';

/**
 * One exchange's calendar across the specifications: the Lao NPO (LA) learns from the Thai NPO
 * (TH) in programme year 2023; windows close 2023-03-31 and 2023-06-30.
 */
export const NOW = new Date('2024-06-01T09:00:00Z');

const c = (type: string, data: Record<string, unknown>): Command => ({ type, data });

/** `count` participants of one category (all eligible by default). */
export const roster = (count: number, category = 'npoOfficial') =>
  Array.from({ length: count }, (_, i) => ({ name: `Participant ${i + 1}`, position: 'Deputy Director', category }));

export const draft = (overrides: Record<string, unknown> = {}) =>
  c('DraftExchange', {
    title: 'Lean management in public services',
    topic: 'public-sector productivity',
    programmeYear: 2023,
    sendingNpo: 'LA',
    hostingNpo: 'TH',
    objectives: 'Learn how FTPI runs its lean programme for ministries',
    draftedOn: '2023-02-01',
    ...overrides,
  });
export const submit = (submittedOn = '2023-03-15') => c('SubmitExchange', { submittedOn });
export const propose = (proposedOn = '2023-03-01') => c('ProposeExchange', { proposedOn, rationale: 'Regional push on public-sector productivity' });
export const approve = (approvedOn = '2023-04-20') => c('ApproveExchange', { approvedOn });
export const reject = (rejectedOn = '2023-04-20') => c('RejectExchange', { rejectedOn, reason: 'topic covered by a multicountry project' });
export const schedule = (overrides: Record<string, unknown> = {}) =>
  c('ScheduleExchange', {
    scheduledOn: '2023-05-10',
    startDate: '2023-09-04',
    endDate: '2023-09-08',
    modality: 'faceToFace',
    hostingNpo: 'TH',
    venue: 'Bangkok',
    participants: roster(4),
    ...overrides,
  });
export const implement = (implementedOn = '2023-09-08') => c('RecordImplementation', { implementedOn, participantsAttended: 4 });
export const report = (reportedOn = '2023-10-15') =>
  c('SubmitReport', { reportedOn, summary: 'Lean toolkit adapted for two ministries', outcomes: ['lean toolkit (Lao)'] });
export const followUp = (date = '2024-01-20', followUpId = `fu-${date}`, kind = 'jointProject') =>
  c('RecordFollowUp', { followUpId, kind, title: 'Joint lean pilot in Vientiane', date });
export const close = (closedOn = '2024-03-31') => c('CloseExchange', { closedOn });
export const withdraw = (withdrawnOn: string) => c('WithdrawExchange', { withdrawnOn, reason: 'sending NPO reorganised', requestedBy: 'sendingNpo' });

/** Histories that bring an exchange to a given point of its life. */
export const history = {
  draft: () => [draft()],
  submitted: () => [draft(), submit()],
  proposed: () => [draft(), propose()],
  approved: () => [...history.submitted(), approve()],
  rejected: () => [...history.submitted(), reject()],
  scheduled: () => [...history.approved(), schedule()],
  implemented: () => [...history.scheduled(), implement()],
  reported: () => [...history.implemented(), report()],
  followUp: () => [...history.reported(), followUp()],
  closed: () => [...history.followUp(), close()],
};
