import { v2 } from '@apo/coe/testing';
import type { Command } from '@apo/engine';
import type { Role } from '../auth/api-keys';
import { ApiHarness, type HttpAnswer } from '../testing/api-harness';

type Fields = { field: string; message: string }[];
const fieldsOf = (r: HttpAnswer) => (r.body.fields as Fields).map((f) => f.field).sort();

/** The commands definition version 2 brought, and those it changed, over HTTP (the harness's clock: 2031-01-01). */
describe('COE definition version 2 over HTTP (real server, embedded store)', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start(), 30_000);
  afterAll(() => h.stop());

  const drive = async (id: string, commands: readonly Command[]) => {
    for (const c of commands) {
      const answer = await h.command(id, c.type, c.data);
      if (answer.status >= 300) throw new Error(`${id} ${c.type}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  };
  const view = async (id: string) => (await h.request('GET', `/coes/${id}`, { role: 'reporter' })).body;
  const refusedFor = async (id: string, c: Command, roles: readonly Role[]) => {
    for (const role of roles) expect([role, (await h.command(id, c.type, c.data, role)).body.code]).toEqual([role, 'FORBIDDEN']);
  };

  describe('designation and launch', () => {
    it('DesignateCoe with a launch ahead: designated, launching on the planned date (a month), the launch due on its last day', async () => {
      await drive('launch-1', [v2.submitApplication(), v2.startReview()]);
      const designated = await h.command('launch-1', 'DesignateCoe', v2.designate('2031-03', '2030-12').data);
      expect(designated.body).toMatchObject({ revision: 2, state: 'designated', allowedEvents: expect.arrayContaining(['CoeLaunched']) });
      expect(await view('launch-1')).toMatchObject({
        state: 'designated',
        status: 'designated, launching on 2031-03',
        plannedLaunchDate: '2031-03',
        launchDate: null,
        designation: { meeting: '65th Governing Body Meeting, Manila', decisionDate: '2030-12' },
        nextDeadline: { key: 'launch', kind: 'launch', dueDate: '2031-03-31' },
        overdue: false,
      });
    });

    it('DesignateCoe with a past launch date: the decision and the launch, each on its own business date', async () => {
      await drive('launch-2', [v2.submitApplication({ appliedOn: '2015' }), { type: 'StartReview', data: { startedOn: '2015-02' } }]);
      const answer = await h.command('launch-2', 'DesignateCoe', v2.designate('2015-07', '2015-04').data);
      expect(answer.body).toMatchObject({ revision: 3, state: 'active.designation' });
      const events = (await h.request('GET', '/coes/launch-2/history', { role: 'auditor' })).body.events as {
        type: string;
        metadata: { effectiveDate: string; to: string };
      }[];
      expect(events.slice(2).map((e) => [e.type, e.metadata.effectiveDate, e.metadata.to])).toEqual([
        ['CoeDesignated', '2015-04', 'designated'],
        ['CoeLaunched', '2015-07', 'active.designation'],
      ]);
      expect(await view('launch-2')).toMatchObject({
        launchDate: '2015-07',
        periodStart: '2015-07',
        periodDueDate: '2016-07',
        dueDate: '2016-07-31',
        overdue: true,
      });
    });

    it('LaunchCoe: the assessor records the launch (a partial date); reporter and auditor may not; not before the decision, not in the future', async () => {
      await refusedFor('launch-1', v2.launch('2031-01-01'), ['reporter', 'auditor']);
      const early = await h.command('launch-1', 'LaunchCoe', { launchedOn: '2030-11' }, 'assessor');
      expect(early.body).toMatchObject({ status: 409, code: 'COE.DATE_OUT_OF_ORDER' });
      expect(early.body.detail).toContain('2030-12');
      expect((await h.command('launch-1', 'LaunchCoe', { launchedOn: '2031-02' }, 'assessor')).body).toMatchObject({ status: 409, code: 'COE.DATE_IN_FUTURE' });
      expect((await h.command('launch-1', 'LaunchCoe', { launchedOn: '31/01/2031' }, 'assessor')).body).toMatchObject({
        status: 400,
        fields: [{ field: 'launchedOn', message: 'must be a business date: YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)' }],
      });
      const launched = await h.command('launch-1', 'LaunchCoe', { launchedOn: '2031-01' }, 'assessor');
      expect(launched.body).toMatchObject({ revision: 3, state: 'active.designation' });
      expect(await view('launch-1')).toMatchObject({
        status: 'in designation',
        launchDate: '2031-01',
        plannedLaunchDate: '2031-03',
        periodDueDate: '2032-01',
        nextDeadline: { key: 'assessment:designation', dueDate: '2032-01-31' },
      });
    });
  });

  describe('extensions', () => {
    const extendAssessed = () => [...v2.history.designation(), v2.assess('extend', '2026-06-01')];

    it('ExtendPhase by the Secretariat up to a date; once per phase (COE.EXTENSION_ALREADY_USED); reporter may not', async () => {
      await drive('ext-1', extendAssessed());
      await refusedFor('ext-1', v2.extendBySecretariat('2026-06-10', '2026-10-01'), ['reporter', 'auditor']);
      const extended = await h.command('ext-1', 'ExtendPhase', v2.extendBySecretariat('2026-06', '2026-10').data, 'assessor');
      expect([extended.status, extended.body.state]).toEqual([200, 'active.designation']);
      expect(await view('ext-1')).toMatchObject({
        periodDueDate: '2026-10',
        extensions: [{ period: 'designation', decidedBy: 'secretariat', decidedOn: '2026-06', until: '2026-10', previousDueDate: '2026-07-01' }],
      });
      await drive('ext-1', [v2.assess('extend', '2026-09-15')]);
      const again = await h.command('ext-1', 'ExtendPhase', v2.extendBySecretariat('2026-09-20', '2026-12-01').data, 'assessor');
      expect(again.body).toMatchObject({ status: 409, code: 'COE.EXTENSION_ALREADY_USED' });
      // The Governing Body may extend again, and for longer.
      const byGoverningBody = await h.command('ext-1', 'ExtendPhase', v2.extendByGoverningBody('2026-09-20', '2028-06-30').data, 'assessor');
      expect(byGoverningBody.status).toBe(200);
      expect(await view('ext-1')).toMatchObject({
        periodDueDate: '2028-06-30',
        governingBodyDecisions: expect.arrayContaining([
          expect.objectContaining({ decision: 'extension', meeting: '58th Governing Body Meeting, Tokyo', decisionDate: '2026-09-20' }),
        ]),
      });
    });

    it("ExtendPhase refuses version 1's shape on a version 2 COE, naming the fields version 2 requires, and a body mixing both", async () => {
      await drive('ext-2', extendAssessed());
      const v1Shape = await h.command('ext-2', 'ExtendPhase', { months: 3, reason: 'pilot delayed', extendedOn: '2026-06-10' });
      expect(v1Shape.status).toBe(400);
      expect(fieldsOf(v1Shape)).toEqual(['decidedBy', 'decidedOn', 'until']);
      const mixed = await h.command('ext-2', 'ExtendPhase', { ...v2.extendBySecretariat('2026-06-10', '2026-10-01').data, months: 3 });
      expect(mixed.status).toBe(400);
      expect(mixed.body.fields).toEqual([expect.objectContaining({ field: 'months', message: expect.stringContaining('definition version 1') })]);
      expect((await view('ext-2')).revision).toBe(4);
    });
  });

  describe('the end of the cycle and the COE network', () => {
    it('AdvanceCoe out of replication completes the cycle: the COE enters the network, its first status assessment due 24 months after', async () => {
      await drive('net-0', [...v2.history.replication(), v2.assess('advance', '2030-06-15')]);
      const done = await h.command('net-0', 'AdvanceCoe', v2.advance('2030-07').data, 'assessor');
      expect(done.body).toMatchObject({
        state: 'network.continuedSupport',
        allowedEvents: expect.arrayContaining(['StatusAssessmentRecorded', 'NextStageDecided']),
      });
      const events = (await h.request('GET', '/coes/net-0/history', { role: 'auditor' })).body.events as { type: string }[];
      expect(events.at(-1)?.type).toBe('CycleCompleted');
      expect(await view('net-0')).toMatchObject({
        phase: 'network',
        stage: 'continuedSupport',
        cycleEnd: '2030-07-01',
        nextDeadline: { key: 'statusAssessment:1', dueDate: '2032-07-01' },
        overdue: false,
        ended: false,
      });
    });

    it('RecordStatusAssessment (assessor; a partial date): the overall is the mean; an assessment id is recorded once; reporter may not', async () => {
      await drive('net-1', v2.history.network());
      const assessment = v2.assessStatus('networkMember', '2030-11', 'status-1');
      await refusedFor('net-1', assessment, ['reporter', 'auditor']);
      expect((await h.command('net-1', assessment.type, assessment.data, 'assessor')).body).toMatchObject({ state: 'network.continuedSupport' });
      expect(await view('net-1')).toMatchObject({
        lastStatusAssessment: { assessmentId: 'status-1', assessedOn: '2030-11', recommendedStage: 'networkMember', overall: 4 },
        nextDeadline: { dueDate: '2032-11-30' },
      });
      const twice = await h.command('net-1', assessment.type, { ...assessment.data, assessedOn: '2030-12-01' }, 'assessor');
      expect(twice.body).toMatchObject({ status: 409, code: 'COE.ASSESSMENT_ID_TAKEN' });
      const badStage = await h.command('net-1', assessment.type, { ...assessment.data, assessmentId: 'status-2', recommendedStage: 'graduated' }, 'assessor');
      expect(fieldsOf(badStage)).toEqual(['recommendedStage']);
    });

    // net-1 as the test before left it: its status assessment recommends networkMember.
    it('DecideNextStage (admin): the Secretariat follows the status assessment (COE.NEXT_STAGE_ASSESSMENT_REQUIRED otherwise); the Governing Body may retire the COE', async () => {
      await refusedFor('net-1', v2.decideStage('networkMember', '2030-12'), ['assessor', 'reporter', 'auditor']);
      const other = await h.command('net-1', 'DecideNextStage', v2.decideStage('retired', '2030-12').data);
      expect(other.body).toMatchObject({ status: 409, code: 'COE.NEXT_STAGE_ASSESSMENT_REQUIRED' });
      expect((await h.command('net-1', 'DecideNextStage', v2.decideStage('networkMember', '2030-12').data)).body).toMatchObject({ state: 'network.member' });
      expect(await view('net-1')).toMatchObject({ status: 'in the COE network (member without APO funding)', stage: 'networkMember' });
      const datesDiffer = await h.command('net-1', 'DecideNextStage', {
        ...v2.decideStage('retired', '2031-01-01', 'governingBody').data,
        governingBody: { meeting: '73rd Governing Body Meeting', decisionDate: '2030-12-31' },
      });
      expect(datesDiffer.body).toMatchObject({ status: 409, code: 'COE.DECISION_DATES_DIFFER' });
      const retired = await h.command('net-1', 'DecideNextStage', v2.decideStage('retired', '2031-01-01', 'governingBody').data);
      expect(retired.body).toMatchObject({ state: 'retired', allowedEvents: ['RecordCorrected'] });
      expect(await view('net-1')).toMatchObject({ ended: true, dueDate: null, overdue: false });
    });
  });

  describe('corrections', () => {
    it('CorrectRecord (assessor): an assessment re-dated to a month; the history keeps both; reporter may not', async () => {
      await drive('fix-1', [...v2.history.designation(), v2.assess('advance', '2026-06-15', 'as-1')]);
      const correction = v2.correct({ assessmentId: 'as-1' }, { assessedOn: '2026-06' });
      await refusedFor('fix-1', correction, ['reporter', 'auditor']);
      expect((await h.command('fix-1', correction.type, correction.data, 'assessor')).body).toMatchObject({ revision: 5, state: 'active.designation' });
      expect(await view('fix-1')).toMatchObject({ lastAssessment: { assessmentId: 'as-1', assessedOn: '2026-06' } });
      const last = ((await h.request('GET', '/coes/fix-1/history', { role: 'auditor' })).body.events as { type: string; data: Record<string, unknown> }[]).at(
        -1,
      );
      expect(last).toMatchObject({
        type: 'RecordCorrected',
        data: { eventType: 'AssessmentRecorded', corrects: { assessmentId: 'as-1' }, patch: { assessedOn: '2026-06' }, reason: 'typed from the wrong file' },
      });
    });

    it('refuses what cannot be corrected, with its code, and a misspelt change as a 400', async () => {
      await drive('fix-2', [...v2.history.designation(), v2.assess('advance', '2026-06-15', 'as-1'), v2.advance('2026-07-01')]);
      const unknown = await h.command('fix-2', 'CorrectRecord', v2.correct({ assessmentId: 'as-9' }, { assessedOn: '2026-06' }).data);
      expect(unknown.body).toMatchObject({ status: 409, code: 'COE.CORRECTION_TARGET_NOT_FOUND' });
      const reliedOn = await h.command('fix-2', 'CorrectRecord', v2.correct({ assessmentId: 'as-1' }, { recommendation: 'extend' }).data);
      expect(reliedOn.body).toMatchObject({ status: 409, code: 'COE.CORRECTION_RELIED_ON' });
      const relaunch = await h.command('fix-2', 'CorrectRecord', v2.correct({ fact: 'launch' }, { date: '2025-08-01' }).data);
      expect(relaunch.body).toMatchObject({ status: 409, code: 'COE.CORRECTION_WOULD_REANCHOR' });
      const misspelt = await h.command('fix-2', 'CorrectRecord', v2.correct({ assessmentId: 'as-1' }, { assesedOn: '2026-06' }).data);
      expect([misspelt.status, fieldsOf(misspelt)]).toEqual([400, ['changes.assesedOn']]);
      const twoTargets = await h.command('fix-2', 'CorrectRecord', v2.correct({ assessmentId: 'as-1', activityId: 'act-1' }, { date: '2026-06' }).data);
      expect([twoTargets.status, fieldsOf(twoTargets)]).toEqual([400, ['corrects']]);
    });
  });

  describe('historical entry', () => {
    it('a COE entered from history (dates known to the year or month) owes nothing until CompleteHistoricalEntry; then it is overdue since its due date', async () => {
      await drive('hist-1', [
        v2.submitApplication({ appliedOn: '2015', historical: true, hostInstitution: { name: 'National Research Council', type: 'other' } }),
        { type: 'StartReview', data: { startedOn: '2015' } },
        v2.designate('2015-07', '2015-04', '56th Governing Body Meeting, Bali'),
      ]);
      expect(await view('hist-1')).toMatchObject({
        state: 'active.designation',
        historical: true,
        hostInstitution: { name: 'National Research Council', type: 'other' },
        nominatingNpo: 'Malaysia Productivity Corporation',
        governingBodyDecisions: [{ decision: 'designationDecision', meeting: '56th Governing Body Meeting, Bali', decisionDate: '2015-04' }],
        openDeadlines: 0,
        nextDeadline: null,
        businessDueDate: '2016-07-31',
        overdue: false,
      });
      await refusedFor('hist-1', v2.completeHistoricalEntry('2031-01-01'), ['reporter', 'auditor']);
      expect((await h.command('hist-1', 'CompleteHistoricalEntry', { upToDate: '2031-02' }, 'assessor')).body).toMatchObject({
        status: 409,
        code: 'COE.DATE_IN_FUTURE',
      });
      expect((await h.command('hist-1', 'CompleteHistoricalEntry', { upToDate: '2031' }, 'assessor')).body).toMatchObject({ state: 'active.designation' });
      expect(await view('hist-1')).toMatchObject({
        historical: false,
        upToDate: '2031',
        nextDeadline: { key: 'assessment:designation', dueDate: '2016-07-31' },
        overdue: true,
      });
      const again = await h.command('hist-1', 'CompleteHistoricalEntry', { upToDate: '2031-01-01' }, 'assessor');
      expect(again.body).toMatchObject({ status: 409, code: 'COE.NOT_HISTORICAL' });
    });
  });

  it('documents the version 2 routes and the three date forms in the OpenAPI document', async () => {
    const doc = (await fetch(`${h.api.url}/docs-json`).then((r) => r.json())) as {
      paths: Record<string, { post?: { summary: string; requestBody: { content: Record<string, { examples?: object }> } } }>;
      components: { schemas: Record<string, { properties: Record<string, { pattern?: string; description?: string }> }> };
    };
    for (const route of ['launch', 'status-assessments', 'next-stage', 'corrections', 'historical-entry-completion', 'extension']) {
      const post = doc.paths[`/coes/{id}/${route}`]?.post;
      expect([route, typeof post?.summary]).toEqual([route, 'string']);
      expect(post?.requestBody.content['application/json'].examples).toBeDefined();
    }
    const launchedOn = doc.components.schemas.LaunchCoeRequestDto.properties.launchedOn;
    expect(launchedOn.pattern).toBe('^\\d{4}(-\\d{2}(-\\d{2})?)?$');
    expect(launchedOn.description).toContain('YYYY, YYYY-MM or YYYY-MM-DD');
    expect(Object.keys(doc.components.schemas.ExtendPhaseRequestDto.properties).sort()).toEqual([
      'decidedBy',
      'decidedOn',
      'extendedOn',
      'governingBody',
      'months',
      'reason',
      'until',
    ]);
  });
});
