import { addDaysToDate, addMonthsToDate, type Command } from '@apo/engine';
import { PERIODS } from '../coe-model';
import * as f from './coe-v2-fixtures';

/**
 * A Secretariat's portfolio as it would be entered into version 2: seven COEs from 2008 to
 * 2026 covering the six real histories of issue 17 (a pilot extended by the Governing Body for
 * about two years; a host that is not an NPO; two COEs at one host; a COE designated in 2013
 * still in the network in 2025; dates known only to the month or year; a designation decided
 * months before the launch). Existing COEs are imported (`historical: true`) in two sittings,
 * then brought up to date; the newest is entered as it happens. Names are illustrative.
 */
export const SITTINGS = { 1: '2025-10-06', 2: '2025-11-17', 3: '2026-01-20' } as const;
export type Sitting = keyof typeof SITTINGS;

export interface PortfolioStep {
  readonly sitting: Sitting;
  readonly command: Command;
}

const c = (type: string, data: Record<string, unknown>): Command => ({ type, data });
const apply = (
  name: string,
  economy: string,
  npo: string,
  host: { name: string; type: 'npo' | 'other' },
  focusArea: string,
  appliedOn: string,
  historical = true,
) =>
  c('SubmitApplication', {
    name,
    memberEconomy: economy,
    nominatingNpo: npo,
    hostInstitution: host,
    focusArea,
    appliedOn,
    ...(historical ? { historical: true } : {}),
  });
const review = (startedOn: string) => c('StartReview', { startedOn });
const designate = (meeting: string, decisionDate: string, launchDate: string) => c('DesignateCoe', { governingBody: { meeting, decisionDate }, launchDate });
const upToDate = () => f.completeHistoricalEntry(SITTINGS[2]);

/**
 * Periods `from` to `to` (0 designation ... 4 replication) of a calendar whose period `from`
 * starts on `start`: each assessed two weeks before its anniversary and advanced on it, with the
 * annual proposal of every closing date (31 March) inside delivery and replication.
 */
function periods(start: string, from: number, to: number): Command[] {
  const commands: Command[] = [];
  for (let i = from; i <= to; i++) {
    const periodStart = addMonthsToDate(start, 12 * (i - from));
    const due = addMonthsToDate(periodStart, 12);
    if (i > 0) {
      for (let year = Number(periodStart.slice(0, 4)); year <= Number(due.slice(0, 4)); year++) {
        const closing = `${year}-03-31`;
        if (closing > periodStart && closing <= due) commands.push(f.submitProposal(year, `${year}-03-20`, `wp-${year}`));
      }
    }
    commands.push(f.assess('advance', addDaysToDate(due, -14), `${PERIODS[i]}-${due}`), f.advance(due));
  }
  return commands;
}
const inSitting = (sitting: Sitting, commands: Command[]): PortfolioStep[] => commands.map((command) => ({ sitting, command }));

const JPC = 'Japan Productivity Center';
const MPC = 'Malaysia Productivity Corporation';

export const PORTFOLIO: Readonly<Record<string, readonly PortfolioStep[]>> = {
  /** The pilot: delivery year 2 extended by the Governing Body from July 2012 to July 2014; retired in 2023. */
  'jp-pilot': [
    ...inSitting(1, [
      apply('COE on Productivity Measurement (pilot)', 'JP', JPC, { name: JPC, type: 'npo' }, 'productivity measurement', '2008-10'),
      review('2008-11'),
      designate('50th Governing Body Meeting', '2009-04', '2009-07'),
      f.assess('advance', '2010-06', 'pilot-d'),
      f.advance('2010-07'),
      f.submitProposal(2011, '2011-03', 'wp-2011'),
      f.assess('advance', '2011-06', 'pilot-y1'),
      f.advance('2011-07'),
      f.submitProposal(2012, '2012-03', 'wp-2012'),
      f.assess('extend', '2012-05', 'pilot-y2'),
      f.extendByGoverningBody('2012-06', '2014-07', '54th Governing Body Meeting'),
    ]),
    ...inSitting(2, [
      f.submitProposal(2013, '2013-03', 'wp-2013'),
      f.submitProposal(2014, '2014-03', 'wp-2014'),
      f.assess('advance', '2014-06', 'pilot-y2b'),
      f.advance('2014-07'),
      f.submitProposal(2015, '2015-03', 'wp-2015'),
      f.assess('advance', '2015-06', 'pilot-y3'),
      f.advance('2015-07'),
      f.submitProposal(2016, '2016-03', 'wp-2016'),
      f.assess('advance', '2016-06', 'pilot-r'),
      f.advance('2016-07'),
      f.assessStatus('continuedSupport', '2018-09', 'pilot-s1'),
      f.assessStatus('networkMember', '2020-11', 'pilot-s2'),
      c('DecideNextStage', {
        stage: 'networkMember',
        decidedBy: 'governingBody',
        decidedOn: '2021-04',
        reason: 'no further APO funding',
        governingBody: { meeting: '61st Governing Body Meeting' },
      }),
      f.assessStatus('retired', '2023-02', 'pilot-s3'),
      f.decideStage('retired', '2023-04'),
      upToDate(),
    ]),
  ],
  /** Hosted by a research institute, not an NPO; its replication extension ran out on 2025-06-30. */
  'th-food-safety': [
    ...inSitting(1, [
      apply(
        'COE on Food Safety',
        'TH',
        'Foundation for Thailand Productivity Institute',
        { name: 'National Food Institute', type: 'other' },
        'food safety',
        '2018-11-05',
      ),
      review('2019-01-10'),
      designate('59th Governing Body Meeting', '2019-04-15', '2019-09-01'),
      ...periods('2019-09-01', 0, 1),
    ]),
    ...inSitting(2, [
      ...periods('2021-09-01', 2, 3),
      f.submitProposal(2024, '2024-03-20', 'wp-2024'),
      f.assess('extend', '2024-08-15', 'food-r'),
      f.extendBySecretariat('2024-08-20', '2025-06-30'),
      f.submitProposal(2025, '2025-03-20', 'wp-2025'),
      upToDate(),
    ]),
  ],
  /** One host, two COEs: completed its cycle in July 2021 and has had no status assessment since. */
  'my-lean-health': [
    ...inSitting(1, [
      apply('COE on Lean Healthcare', 'MY', MPC, { name: MPC, type: 'npo' }, 'lean healthcare', '2015-10-12'),
      review('2015-12-01'),
      designate('57th Governing Body Meeting', '2016-04-22', '2016-07-01'),
      ...periods('2016-07-01', 0, 4),
    ]),
    ...inSitting(2, [upToDate()]),
  ],
  /** One host, two COEs: the second, in delivery year 3 in 2025. */
  'my-digital': [
    ...inSitting(2, [
      apply('COE on Digital Transformation', 'MY', MPC, { name: MPC, type: 'npo' }, 'digital transformation', '2022-02-10'),
      review('2022-03-01'),
      designate('63rd Governing Body Meeting', '2022-04-20', '2022-08-01'),
      ...periods('2022-08-01', 0, 2),
      upToDate(),
    ]),
  ],
  /** Designated 2013, designation extended a year, cycle completed 2019, assessed in the network in 2021 and 2023. */
  'sg-business-excellence': [
    ...inSitting(1, [
      apply('COE on Business Excellence', 'SG', 'Enterprise Singapore', { name: 'Enterprise Singapore', type: 'npo' }, 'business excellence', '2012-09-14'),
      review('2012-11-01'),
      designate('54th Governing Body Meeting', '2013-04-17', '2013-07-01'),
      f.assess('extend', '2014-06-10', 'be-d'),
      f.extendBySecretariat('2014-06-20', '2015-07-01'),
      f.assess('advance', '2015-06-15', 'be-d2'),
      f.advance('2015-07-01'),
    ]),
    ...inSitting(2, [
      ...periods('2015-07-01', 1, 4),
      f.assessStatus('continuedSupport', '2021-08-20', 'be-s1'),
      f.assessStatus('continuedSupport', '2023-12-04', 'be-s2'),
      upToDate(),
    ]),
  ],
  /** Known to the month or the year only; terminated in 2018 on a terminate assessment. */
  'ph-agri': [
    ...inSitting(1, [
      apply(
        'COE on Agricultural Value Chains',
        'PH',
        'Development Academy of the Philippines',
        { name: 'Development Academy of the Philippines', type: 'npo' },
        'agricultural value chains',
        '2014',
      ),
      review('2014'),
      designate('55th Governing Body Meeting', '2015-02', '2015-04'),
      f.assess('advance', '2016-03', 'agri-d'),
      f.advance('2016-04'),
      f.assess('advance', '2017', 'agri-y1'),
      f.advance('2017'),
      f.assess('terminate', '2018-02', 'agri-y2'),
      f.terminate('2018'),
    ]),
    ...inSitting(2, [upToDate()]),
  ],
  /** Entered as it happens: designated in June 2025, launching on 15 January 2026, launched on the 20th. */
  'vn-green': [
    ...inSitting(2, [
      apply(
        'COE on Green Productivity',
        'VN',
        'Vietnam Productivity Institute',
        { name: 'Vietnam Productivity Institute', type: 'npo' },
        'green productivity',
        '2025-03-03',
        false,
      ),
      review('2025-04-01'),
      designate('66th Governing Body Meeting', '2025-06-12', '2026-01-15'),
    ]),
    ...inSitting(3, [f.launch('2026-01-20')]),
  ],
};
