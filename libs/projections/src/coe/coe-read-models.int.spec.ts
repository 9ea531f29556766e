import { coeLifeScript } from '@apo/coe/testing';
import type { EventStore } from '@apo/event-store';
import type { ReadStore } from '@apo/read-store';
import type { ProjectionRunner } from '../runner/projection-runner';
import {
  listActivityCounts,
  listActivityParticipants,
  listAssessments,
  listPhaseHistory,
  listReplications,
  listCoeOverview,
  portfolioSummary,
  toCsv,
} from '@apo/read-queries';
import { coeV1Registry, lifeScriptSteps, runSteps, LiveProjections } from '../testing';
import { testTargets } from '@apo/read-store/testing';
import { coeProjections } from '@apo/coe-read-models';

const steps = lifeScriptSteps('th-digital', coeLifeScript);
/** The life script is in version 1's commands. */
const registry = coeV1Registry();
const at = (day: string) => `${day}T10:00:00.000Z`;

describe.each(testTargets('coe read models'))('COE read models for the life script (%s)', (_dialect, makeTarget) => {
  const live = new LiveProjections(makeTarget, { prefix: 'coe-read-models-', projections: (store) => coeProjections({ registry, store }) });
  let store: EventStore;
  let readStore: ReadStore;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    ({ store, readStore, runner } = await live.start());
    // Up to the suspension in delivery year 2 (steps 0-13), then the rest of the life.
    await runSteps(store, steps.slice(0, 14), registry);
    await runner.catchUp();
  });
  afterAll(() => live.stop());

  it('lists a suspended COE with its host, Governing Body decision, period and due date; overdue as /deadlines says (the assessment stays owed while suspended)', async () => {
    const page = await listCoeOverview(readStore, { today: '2028-12-01' });
    expect(page.position).toBe('14');
    const npo = 'Foundation for Thailand Productivity Institute';
    const designation = { decision: 'designationDecision', meeting: '65th Governing Body Meeting, Manila', decisionDate: '2025-04-16' };
    expect(page.items).toEqual([
      {
        id: 'th-digital',
        name: 'COE on Digital Transformation for SMEs',
        memberEconomy: 'TH',
        focusArea: 'digital transformation',
        nominatingNpo: npo,
        hostInstitution: npo,
        hostType: 'npo',
        appliedOn: '2025-01-10',
        designationMeeting: designation.meeting,
        designationDecisionDate: designation.decisionDate,
        plannedLaunchDate: null,
        launchDate: '2025-07-01',
        state: 'suspended',
        phase: 'suspended',
        stage: null,
        status: 'suspended since 2028-01-15',
        deliveryYear: null,
        period: 'delivery.year2',
        phaseStart: '2027-10-01',
        periodDueDate: '2028-10-01',
        dueDate: '2028-10-01',
        nextDueDate: '2028-10-01',
        nextDueKind: 'assessment',
        nextDueLabel: 'Assessment of delivery year 2',
        openDeadlines: 1,
        overdue: true,
        suspended: true,
        historical: false,
        lastAssessmentId: null,
        lastAssessmentDate: null,
        lastAssessmentRecommendation: null,
        lastAssessmentOverall: null,
        lastStatusAssessmentDate: null,
        lastStatusAssessmentStage: null,
        activities: 1,
        publications: 1,
        replications: 0,
        governingBodyDecisions: [designation],
        definitionVersion: 1,
        revision: 13,
        updatedAt: at('2028-01-15'),
        position: '14',
      },
    ]);
    expect((await listCoeOverview(readStore, { today: '2028-10-01' })).items[0].overdue).toBe(false);
    expect((await listPhaseHistory(readStore, { outcome: 'open' })).items).toEqual([
      {
        coeId: 'th-digital',
        period: 'delivery.year2',
        phase: 'delivery',
        startedOn: '2027-10-01',
        scheduledStart: '2027-10-01',
        dueDate: '2028-10-01',
        endedOn: null,
        durationDays: null,
        outcome: 'open',
        onSchedule: null,
        position: '13',
      },
    ]);
  });

  it('after graduation, keeps exact rows in every read model', async () => {
    await runSteps(store, steps.slice(14), registry);
    await runner.catchUp();

    const overview = await listCoeOverview(readStore, { today: '2031-01-01' });
    expect(overview.items).toEqual([
      expect.objectContaining({
        state: 'graduated',
        phase: 'graduated',
        status: 'graduated',
        deliveryYear: null,
        period: 'replication',
        phaseStart: '2029-10-01',
        dueDate: null,
        nextDueDate: null,
        openDeadlines: 0,
        overdue: false,
        suspended: false,
        lastAssessmentId: 'as-2030-09-15',
        lastAssessmentDate: '2030-09-15',
        lastAssessmentRecommendation: 'advance',
        lastAssessmentOverall: 4.2,
        activities: 1,
        publications: 1,
        replications: 1,
        revision: 24,
        updatedAt: at('2030-10-01'),
        position: '25',
      }),
    ]);

    const assessments = await listAssessments(readStore, { coeId: 'th-digital' });
    expect(assessments.total).toBe(6);
    expect(assessments.items.map((a) => [a.position, a.assessmentId, a.period, a.recommendation, a.overall, a.impact])).toEqual([
      ['5', 'as-2026-06-10', 'designation', 'extend', 3.8, 3],
      ['7', 'as-2026-09-20', 'designation', 'advance', 4, 4],
      ['12', 'as-2027-09-15', 'delivery.year1', 'advance', 4, 4],
      ['19', 'as-2028-09-15', 'delivery.year2', 'advance', 4, 4],
      ['21', 'as-2029-09-15', 'delivery.year3', 'advance', 4.2, 5],
      ['24', 'as-2030-09-15', 'replication', 'advance', 4.2, 5],
    ]);
    expect(assessments.items[0]).toEqual({
      coeId: 'th-digital',
      assessmentId: 'as-2026-06-10',
      period: 'designation',
      assessedOn: '2026-06-10',
      competency: 4,
      dissemination: 4,
      collaboration: 4,
      outputs: 4,
      impact: 3,
      overall: 3.8,
      recommendation: 'extend',
      kind: 'period',
      actor: 'assessor:test',
      recordedAt: at('2026-06-10'),
      correctedBy: null,
      position: '5',
    });

    expect((await listActivityCounts(readStore)).items).toEqual([
      { coeId: 'th-digital', year: 2025, category: 'activity', kind: 'training', count: 1, position: '4' },
      { coeId: 'th-digital', year: 2027, category: 'publication', kind: 'caseStudy', count: 1, position: '11' },
    ]);
    expect((await listActivityParticipants(readStore)).items).toEqual([
      { coeId: 'th-digital', year: 2025, economy: 'TH', participants: 25, activities: 1, position: '4' },
      { coeId: 'th-digital', year: 2025, economy: 'VN', participants: 4, activities: 1, position: '4' },
    ]);

    const history = await listPhaseHistory(readStore, { coeId: 'th-digital' });
    const row = (period: string, phase: string, start: string, due: string, end: string, days: number, outcome: string, position: string) => ({
      coeId: 'th-digital',
      period,
      phase,
      startedOn: start,
      scheduledStart: start,
      dueDate: due,
      endedOn: end,
      durationDays: days,
      outcome,
      onSchedule: true,
      position,
    });
    expect(history.items).toEqual([
      row('designation', 'designation', '2025-07-01', '2026-10-01', '2026-10-01', 457, 'advanced', '8'),
      row('delivery.year1', 'delivery', '2026-10-01', '2027-10-01', '2027-10-01', 365, 'advanced', '13'),
      row('delivery.year2', 'delivery', '2027-10-01', '2028-10-01', '2028-10-01', 366, 'advanced', '20'),
      row('delivery.year3', 'delivery', '2028-10-01', '2029-10-01', '2029-10-01', 365, 'advanced', '22'),
      row('replication', 'replication', '2029-10-01', '2030-10-01', '2030-10-01', 365, 'graduated', '25'),
    ]);

    expect((await listReplications(readStore)).items).toEqual([
      {
        coeId: 'th-digital',
        replicationId: 'rep-1',
        targetEconomy: 'LA',
        description: 'Digital maturity toolkit adopted by the Lao NPO',
        date: '2030-02-12',
        bcnExchangeId: 'bcn-2030-th-la',
        correctedBy: null,
        position: '23',
      },
    ]);

    const portfolio = await portfolioSummary(readStore);
    expect(portfolio).toEqual({
      items: [
        {
          memberEconomy: 'TH',
          nominatingNpo: 'Foundation for Thailand Productivity Institute',
          hostInstitution: 'Foundation for Thailand Productivity Institute',
          hostType: 'npo',
          focusArea: 'digital transformation',
          total: 1,
          ...{
            applied: 0,
            underReview: 0,
            designated: 0,
            designation: 0,
            delivery: 0,
            replication: 0,
            network: 0,
            suspended: 0,
            graduated: 1,
            retired: 0,
            rejected: 0,
            terminated: 0,
            withdrawn: 0,
          },
        },
      ],
      total: 1,
      position: '25',
    });
  });

  it('serves the incremental feed: rows changed after a position, in position order', async () => {
    const changed = await listPhaseHistory(readStore, { sincePosition: '20' });
    expect(changed.items.map((r) => [r.period, r.position])).toEqual([
      ['delivery.year3', '22'],
      ['replication', '25'],
    ]);
    expect((await listAssessments(readStore, { sincePosition: 21n, limit: 1 })).items.map((a) => a.position)).toEqual(['24']);
    expect((await listCoeOverview(readStore, { today: '2031-01-01', sincePosition: '25' })).total).toBe(0);
  });

  it('exports rows as CSV in the column order of the query', async () => {
    const csv = toCsv((await listActivityCounts(readStore)).items);
    expect(csv).toBe('coeId,year,category,kind,count,position\r\nth-digital,2025,activity,training,1,4\r\nth-digital,2027,publication,caseStudy,1,11\r\n');
  });
});
