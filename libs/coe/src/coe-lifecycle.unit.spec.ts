import { specification } from '@apo/engine/testing';
import { createCoeDefinition } from './coe-definition';
import { COE_RULES } from './coe-rules';
import * as f from './testing/coe-fixtures';

const spec = specification(createCoeDefinition(), f.NOW);
const { history } = f;

describe('COE life cycle: application and review', () => {
  it('accepts an application nominated through an NPO', () => {
    spec
      .given()
      .when('SubmitApplication', f.submitApplication().data)
      .then({ type: 'ApplicationSubmitted', to: 'applied', data: { memberEconomy: 'MY' } });
  });
  it('names every bad field of an application at once', () => {
    const error = spec
      .given()
      .when('SubmitApplication', { ...f.submitApplication().data, memberEconomy: 'XX', appliedOn: '2025-02-30', hostInstitution: { name: 'X', type: 'ngo' } })
      .thenRefuses('VALIDATION_FAILED');
    expect((error.details.fields as { field: string }[]).map((e) => e.field)).toEqual(['memberEconomy', 'hostInstitution.type', 'appliedOn']);
  });
  it('refuses an application dated in the future', () => {
    spec
      .given()
      .when('SubmitApplication', f.submitApplication({ appliedOn: '2031-02-01' }).data)
      .thenRefuses(COE_RULES.DATE_IN_FUTURE);
  });
  it('refuses a second application on the same COE and lists what is allowed', () => {
    spec
      .given(history.applied())
      .when('SubmitApplication', f.submitApplication().data)
      .thenRefuses('ILLEGAL_TRANSITION', {
        allowedEvents: ['ReviewStarted', 'CoeWithdrawn'],
      });
  });
  it('starts a review of an application, not of nothing', () => {
    spec.given(history.applied()).when('StartReview', f.startReview().data).then({ type: 'ReviewStarted', to: 'underReview' });
    spec.given().when('StartReview', f.startReview().data).thenRefuses('ILLEGAL_TRANSITION');
  });
  it('rejects under review, and a rejection is final', () => {
    spec
      .given(history.underReview())
      .when('RejectApplication', { reason: 'out of scope', decidedOn: '2025-03-01' })
      .then({ type: 'ApplicationRejected', to: 'rejected' });
    spec.given(history.applied()).when('RejectApplication', { reason: 'x', decidedOn: '2025-03-01' }).thenRefuses('ILLEGAL_TRANSITION');
    spec
      .given([...history.underReview(), { type: 'RejectApplication', data: { reason: 'x', decidedOn: '2025-03-01' } }])
      .when('StartReview', f.startReview().data)
      .thenRefuses('ILLEGAL_TRANSITION', { allowedEvents: [] });
  });
  it('designates by Governing Body decision; designation is due a year after launch', () => {
    spec
      .given(history.underReview())
      .when('DesignateCoe', f.designate('2025-09-01').data)
      .then({
        type: 'CoeDesignated',
        to: 'active.designation',
        data: { governingBody: { meeting: '65th Governing Body Meeting, Manila' }, period: { key: 'designation', start: '2025-09-01', dueDate: '2026-09-01' } },
      });
  });
  it('refuses a launch before the decision and a designation before review', () => {
    spec.given(history.underReview()).when('DesignateCoe', f.designate('2025-04-01').data).thenRefuses(COE_RULES.LAUNCH_BEFORE_DECISION);
    spec.given(history.applied()).when('DesignateCoe', f.designate().data).thenRefuses('ILLEGAL_TRANSITION');
  });
  it('rejects an unknown command naming the known ones', () => {
    spec.given().when('FastTrackCoe', {}).thenRefuses('VALIDATION_FAILED');
  });
});

describe('COE life cycle: assessments and advancing 1-3-1', () => {
  it('records an assessment of the current period and computes the overall score', () => {
    spec
      .given(history.designation())
      .when('RecordAssessment', f.assess('advance', '2026-06-01').data)
      .then({
        type: 'AssessmentRecorded',
        to: 'active.designation',
        data: { period: 'designation', overall: 4, recommendation: 'advance' },
      });
  });
  it('keeps scores within 1-5 and names the criterion', () => {
    const data = { ...f.assess('advance', '2026-06-01').data, scores: { competency: 4, dissemination: 4, collaboration: 3, outputs: 5, impact: 6 } };
    const error = spec.given(history.designation()).when('RecordAssessment', data).thenRefuses('VALIDATION_FAILED');
    expect(error.message).toContain('scores.impact');
  });
  it('refuses an assessment dated before the period began', () => {
    spec.given(history.year1()).when('RecordAssessment', f.assess('advance', '2026-06-30').data).thenRefuses(COE_RULES.ASSESSMENT_BEFORE_PERIOD);
  });
  it('refuses assessments before designation', () => {
    spec.given(history.underReview()).when('RecordAssessment', f.assess('advance', '2025-03-01').data).thenRefuses('ILLEGAL_TRANSITION');
  });
  it.each([
    ['designation', history.designation, 'active.delivery.year1', '2026-07-01', '2027-07-01'],
    ['delivery year 1', history.year1, 'active.delivery.year2', '2027-07-01', '2028-07-01'],
    ['delivery year 2', history.year2, 'active.delivery.year3', '2028-07-01', '2029-07-01'],
    ['delivery year 3', history.year3, 'active.replication', '2029-07-01', '2030-07-01'],
  ])('advances from %s on an advance assessment, anchored to the anniversary', (_name, given, to, start, due) => {
    const now = given();
    const last = (now.at(-1)?.data ?? {}) as { advancedOn?: string; launchDate?: string };
    const assessedOn = (last.advancedOn ?? last.launchDate) as string;
    spec
      .given([...now, f.assess('advance', assessedOn)])
      .when('AdvanceCoe', f.advance(assessedOn).data)
      .then({
        type: 'PhaseAdvanced',
        to,
        data: { period: { start, dueDate: due } },
      });
  });
  it('graduates from replication on an advance assessment', () => {
    spec
      .given([...history.replication(), f.assess('advance', '2030-06-01')])
      .when('AdvanceCoe', f.advance('2030-07-01').data)
      .then({ type: 'CoeGraduated', to: 'graduated' });
  });
  it('refuses to advance without an assessment, or on an extend recommendation', () => {
    spec.given(history.designation()).when('AdvanceCoe', f.advance('2026-07-01').data).thenRefuses(COE_RULES.ADVANCE_ASSESSMENT_REQUIRED);
    spec
      .given([...history.designation(), f.assess('extend', '2026-06-01')])
      .when('AdvanceCoe', f.advance('2026-07-01').data)
      .thenRefuses(COE_RULES.ADVANCE_ASSESSMENT_REQUIRED);
    spec.given(history.replication()).when('AdvanceCoe', f.advance('2030-07-01').data).thenRefuses(COE_RULES.ADVANCE_ASSESSMENT_REQUIRED);
  });
  it('needs a fresh assessment in each period (the previous one does not carry over)', () => {
    spec.given(history.year1()).when('AdvanceCoe', f.advance('2027-07-01').data).thenRefuses(COE_RULES.ADVANCE_ASSESSMENT_REQUIRED);
  });
  it('refuses to advance a graduated COE', () => {
    spec.given(history.graduated()).when('AdvanceCoe', f.advance('2030-08-01').data).thenRefuses('ILLEGAL_TRANSITION', { allowedEvents: [] });
  });
});

describe('COE life cycle: extensions', () => {
  it('extends the current period on an extend assessment, moving the due date', () => {
    spec
      .given([...history.year2(), f.assess('extend', '2028-06-01')])
      .when('ExtendPhase', f.extend(6, '2028-06-02').data)
      .then({
        type: 'PhaseExtended',
        data: { period: 'delivery.year2', months: 6, dueDate: '2029-01-01' },
      });
  });
  it('starts the next period at the extended due date', () => {
    const given = [...history.designation(), f.assess('extend', '2026-06-01'), f.extend(3, '2026-06-02'), f.assess('advance', '2026-09-15')];
    spec
      .given(given)
      .when('AdvanceCoe', f.advance('2026-10-01').data)
      .then({ type: 'PhaseAdvanced', data: { period: { start: '2026-10-01', dueDate: '2027-10-01' } } });
  });
  it('refuses an extension without an extend assessment', () => {
    spec
      .given([...history.year1(), f.assess('advance', '2027-06-01')])
      .when('ExtendPhase', f.extend(3, '2027-06-02').data)
      .thenRefuses(COE_RULES.EXTEND_ASSESSMENT_REQUIRED);
  });
  it('allows one extension per phase: delivery years share one', () => {
    const year1Extended = [
      ...history.year1(),
      f.assess('extend', '2027-06-01'),
      f.extend(2, '2027-06-02'),
      f.assess('advance', '2027-08-15'),
      f.advance('2027-09-01'),
    ];
    spec
      .given([...year1Extended, f.assess('extend', '2028-06-01')])
      .when('ExtendPhase', f.extend(2, '2028-06-02').data)
      .thenRefuses(COE_RULES.EXTENSION_ALREADY_USED);
  });
  it('allows a new extension in the next phase', () => {
    const designationExtended = [
      ...history.designation(),
      f.assess('extend', '2026-06-01'),
      f.extend(1, '2026-06-02'),
      f.assess('advance', '2026-07-15'),
      f.advance('2026-08-01'),
    ];
    spec
      .given([...designationExtended, f.assess('extend', '2027-07-01')])
      .when('ExtendPhase', f.extend(1, '2027-07-02').data)
      .then({ type: 'PhaseExtended' });
  });
  it('limits an extension to 1-12 months', () => {
    spec
      .given([...history.year1(), f.assess('extend', '2027-06-01')])
      .when('ExtendPhase', f.extend(13, '2027-06-02').data)
      .thenRefuses('VALIDATION_FAILED');
  });
});

describe('COE life cycle: termination, suspension, withdrawal', () => {
  const byAssessment = { basis: 'assessment', reason: 'no outputs', terminatedOn: '2027-08-01' };
  const byGoverningBody = {
    basis: 'governingBody',
    reason: 'host closed',
    terminatedOn: '2027-08-01',
    governingBody: { meeting: '67th GBM', decisionDate: '2027-07-20' },
  };
  it('terminates on a terminate assessment', () => {
    spec
      .given([...history.year1(), f.assess('terminate', '2027-07-15')])
      .when('TerminateCoe', byAssessment)
      .then({ type: 'CoeTerminated', to: 'terminated' });
  });
  it('refuses termination on assessment grounds without a terminate assessment', () => {
    spec.given(history.year1()).when('TerminateCoe', byAssessment).thenRefuses(COE_RULES.TERMINATE_ASSESSMENT_REQUIRED);
  });
  it('terminates by Governing Body decision, also while suspended', () => {
    spec.given(history.year1()).when('TerminateCoe', byGoverningBody).then({ type: 'CoeTerminated', to: 'terminated' });
    spec
      .given([...history.year1(), f.suspend('2027-01-10')])
      .when('TerminateCoe', byGoverningBody)
      .then({ type: 'CoeTerminated', to: 'terminated' });
  });
  it('refuses a Governing Body termination decided in the future, as designation does (it was accepted)', () => {
    spec
      .given(history.year1())
      .when('TerminateCoe', { ...byGoverningBody, governingBody: { meeting: '99th GBM', decisionDate: '2031-06-01' } })
      .thenRefuses(COE_RULES.DATE_IN_FUTURE);
    spec
      .given(history.underReview())
      .when('DesignateCoe', { governingBody: { meeting: '99th GBM', decisionDate: '2031-06-01' }, launchDate: '2031-07-01' })
      .thenRefuses(COE_RULES.DATE_IN_FUTURE);
  });
  it('needs the meeting for a Governing Body termination', () => {
    spec
      .given(history.year1())
      .when('TerminateCoe', { ...byGoverningBody, governingBody: undefined })
      .thenRefuses('VALIDATION_FAILED');
  });
  it('cannot terminate an application', () => {
    spec.given(history.applied()).when('TerminateCoe', byGoverningBody).thenRefuses('ILLEGAL_TRANSITION');
  });
  it('suspends from any active phase and reinstates to exactly where it was', () => {
    spec
      .given([...history.year2(), f.suspend('2027-09-01')])
      .when('ReinstateCoe', f.reinstate('2027-12-01').data)
      .then({ type: 'CoeReinstated', to: 'active.delivery.year2' });
    spec
      .given([...history.designation(), f.suspend('2025-09-01')])
      .when('ReinstateCoe', f.reinstate('2025-12-01').data)
      .then({ to: 'active.designation', type: 'CoeReinstated' });
    spec.given(history.replication()).when('SuspendCoe', f.suspend('2029-09-01').data).then({ type: 'CoeSuspended', to: 'suspended' });
  });
  it('keeps the assessment made before suspension', () => {
    const given = [...history.year1(), f.assess('advance', '2027-06-01'), f.suspend('2027-06-10'), f.reinstate('2027-06-20')];
    spec.given(given).when('AdvanceCoe', f.advance('2027-07-01').data).then({ type: 'PhaseAdvanced', to: 'active.delivery.year2' });
  });
  it('records nothing while suspended', () => {
    const given = [...history.year1(), f.suspend('2027-01-10')];
    spec
      .given(given)
      .when('RecordAssessment', f.assess('advance', '2027-02-01').data)
      .thenRefuses('ILLEGAL_TRANSITION', { allowedEvents: ['CoeTerminated', 'CoeReinstated', 'CoeWithdrawn'] });
    spec.given(given).when('RecordActivity', f.recordActivity('2027-02-01').data).thenRefuses('ILLEGAL_TRANSITION');
  });
  it('cannot suspend an application or reinstate an active COE', () => {
    spec.given(history.applied()).when('SuspendCoe', f.suspend('2025-02-01').data).thenRefuses('ILLEGAL_TRANSITION');
    spec.given(history.year1()).when('ReinstateCoe', f.reinstate('2027-01-01').data).thenRefuses('ILLEGAL_TRANSITION');
  });
  it.each([
    ['applied', history.applied],
    ['under review', history.underReview],
    ['delivery', history.year2],
  ])('withdraws when %s', (_name, given) => {
    spec.given(given()).when('WithdrawCoe', f.withdraw('2030-01-01').data).then({ type: 'CoeWithdrawn', to: 'withdrawn' });
  });
  it('withdraws while suspended but not after graduation', () => {
    spec
      .given([...history.year1(), f.suspend('2027-01-10')])
      .when('WithdrawCoe', f.withdraw('2027-02-01').data)
      .then({ type: 'CoeWithdrawn', to: 'withdrawn' });
    spec.given(history.graduated()).when('WithdrawCoe', f.withdraw('2030-08-01').data).thenRefuses('ILLEGAL_TRANSITION');
  });
});
