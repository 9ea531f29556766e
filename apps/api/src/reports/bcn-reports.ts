import { type BcnExchangeItem, type BcnFollowUpCountRow, bcnFollowUpCounts, type BcnWindowRow, bcnWindowStatistics, listBcnExchanges } from '@apo/read-queries';
import { ListBcnExchangesReportRequestDto, GetBcnWindowStatisticsRequestDto, ListBcnFollowUpCountsRequestDto } from './bcn-report-requests';
import { pagedInMemory, type AnyReportDefinition, type ReportDefinition } from './report-routes';

export const BCN_EXCHANGES_REPORT: ReportDefinition<ListBcnExchangesReportRequestDto, BcnExchangeItem> = {
  path: 'bcn-exchanges',
  nullable: ['title', 'topic', 'programmeYear', 'origin', 'window', 'closingDate', 'sendingEconomy', 'sendingNpo', 'hostingEconomy', 'hostingNpo', 'draftedOn', 'appliedOn', 'decidedOn', 'modality', 'startDate', 'endDate', 'implementedOn', 'reportedOn', 'lastFollowUpOn', 'closedOn', 'withdrawnOn'],
  summary: 'BCN exchanges by state, window, modality, sending or hosting member economy',
  description: 'One row per exchange (drafts included, origin null); ordered by id, or by position with sincePosition.',
  request: ListBcnExchangesReportRequestDto,
  read: listBcnExchanges,
  example: {
    id: 'bcn-2030-th-la',
    title: 'Digital maturity toolkit for Lao SMEs',
    topic: 'digital transformation of SMEs',
    programmeYear: 2030,
    origin: 'application',
    window: 1,
    closingDate: '2030-03-31',
    sendingEconomy: 'LA',
    sendingNpo: 'Department of SME Promotion, Ministry of Industry and Commerce',
    hostingEconomy: 'TH',
    hostingNpo: 'Foundation for Thailand Productivity Institute',
    state: 'closed',
    draftedOn: '2030-01-20',
    appliedOn: '2030-03-28',
    decidedOn: '2030-04-15',
    modality: 'virtual',
    startDate: '2030-06-10',
    endDate: '2030-06-12',
    participants: 4,
    reschedules: 1,
    implementedOn: '2030-06-12',
    reportedOn: '2030-07-05',
    followUps: 2,
    lastFollowUpOn: '2030-11-15',
    closedOn: '2030-12-20',
    withdrawnOn: null,
    revision: 9,
    updatedAt: '2030-12-20T09:00:00.000Z',
    position: '42',
  },
};

export const BCN_WINDOWS_REPORT: ReportDefinition<GetBcnWindowStatisticsRequestDto, BcnWindowRow> = {
  path: 'bcn-windows',
  nullable: ['programmeYear', 'window', 'closingDate'],
  summary: 'BCN window statistics: applications per programme year and window (and Secretariat proposals) by current state and modality',
  description: 'Grouped from the exchanges read model, so it always agrees with it; drafts are not applications and are left out.',
  request: GetBcnWindowStatisticsRequestDto,
  read: pagedInMemory(bcnWindowStatistics),
  example: {
    programmeYear: 2030,
    origin: 'application',
    window: 1,
    closingDate: '2030-03-31',
    exchanges: 12,
    submitted: 1,
    proposed: 0,
    approved: 2,
    rejected: 2,
    scheduled: 2,
    implemented: 1,
    reported: 1,
    followUp: 1,
    closed: 1,
    withdrawn: 1,
    virtual: 4,
    faceToFace: 3,
    participants: 31,
  },
};

export const BCN_FOLLOW_UPS_REPORT: ReportDefinition<ListBcnFollowUpCountsRequestDto, BcnFollowUpCountRow> = {
  path: 'bcn-follow-ups',
  nullable: ['sendingEconomy', 'hostingEconomy'],
  summary: 'BCN follow-up activities counted by year, kind, sending and hosting member economy',
  description: 'Counts follow-up activities (and the distinct exchanges they belong to) by the year of their date; per exchange, see followUps in /reports/bcn-exchanges.',
  request: ListBcnFollowUpCountsRequestDto,
  read: pagedInMemory(bcnFollowUpCounts),
  example: { year: 2030, kind: 'jointProject', sendingEconomy: 'LA', hostingEconomy: 'TH', followUps: 3, exchanges: 2 },
};

/** The BCN reports, in the order they are served and documented. */
export const BCN_REPORTS: readonly AnyReportDefinition[] = [BCN_EXCHANGES_REPORT, BCN_WINDOWS_REPORT, BCN_FOLLOW_UPS_REPORT];
