import { allowedEvents, decide, type DecidedEvent } from '@apo/engine';
import { eventsOf, specification, stateFromEvents } from '@apo/engine/testing';
import { COE_RULES } from '../coe-rules';
import * as f from '../testing/coe-v2-fixtures';
import { coeLifeScript } from '../testing/coe-life-script';
import { coeLifeScriptV2 } from '../testing/coe-v2-life-script';
import { recordedOnVersion2 } from '../testing/coe-v2-recorded-steps';
import { createCoeDefinitionV2 } from './coe-v2-definition';

const definition = createCoeDefinitionV2();
const spec = specification(definition, f.NOW);
const { history } = f;

describe('COE v2: application and review', () => {
  it('accepts an application with the host, its type and the nominating NPO, dated as known (a month)', () => {
    spec
      .given()
      .when('SubmitApplication', f.submitApplication({ appliedOn: '2015-04', hostInstitution: { name: 'National Research Council', type: 'other' } }).data)
      .then({
        type: 'ApplicationSubmitted',
        to: 'applied',
        data: { appliedOn: '2015-04', nominatingNpo: 'Malaysia Productivity Corporation', hostInstitution: { type: 'other' } },
      });
  });
  it('marks an application entered from history', () => {
    spec
      .given()
      .when('SubmitApplication', f.submitApplication({ historical: true }).data)
      .then({ type: 'ApplicationSubmitted', data: { historical: true } });
    const events = spec
      .given()
      .when('SubmitApplication', f.submitApplication({ historical: false }).data)
      .then({ type: 'ApplicationSubmitted' });
    expect(events[0].data).not.toHaveProperty('historical');
  });
  it('names the three date forms when a date is in none of them', () => {
    const error = spec
      .given()
      .when('SubmitApplication', f.submitApplication({ appliedOn: 'April 2015' }).data)
      .thenRefuses('VALIDATION_FAILED');
    expect(error.message).toContain('appliedOn must be a business date: YYYY, YYYY-MM or YYYY-MM-DD');
  });
  it('refuses a date that lies wholly in the future, not one that may be today', () => {
    spec
      .given()
      .when('SubmitApplication', f.submitApplication({ appliedOn: '2031-02' }).data)
      .thenRefuses(COE_RULES.DATE_IN_FUTURE, { date: '2031-02', today: '2031-01-15' });
    spec
      .given()
      .when('SubmitApplication', f.submitApplication({ appliedOn: '2031' }).data)
      .then({ type: 'ApplicationSubmitted' });
  });
  it('refuses a review dated before the application, naming both dates and facts', () => {
    const error = spec
      .given(history.applied())
      .when('StartReview', { startedOn: '2024-12-31' })
      .thenRefuses(COE_RULES.DATE_OUT_OF_ORDER, { before: { fact: 'application', date: '2025-01-10' } });
    expect(error.message).toBe(
      'startedOn 2024-12-31 (the start of the review) is before the application on 2025-01-10: life-cycle facts are recorded in date order',
    );
  });
  it('takes a partial date that may be on or after the latest fact', () => {
    spec.given(history.applied()).when('StartReview', { startedOn: '2025' }).then({ type: 'ReviewStarted', to: 'underReview' });
    spec
      .given([f.submitApplication({ appliedOn: '2015' })])
      .when('StartReview', { startedOn: '2015-03-01' })
      .then({ type: 'ReviewStarted' });
  });
  it('rejects under review (admin), and a rejected application only takes corrections', () => {
    spec.given(history.underReview()).when('RejectApplication', f.reject('2025-03-01').data).then({ type: 'ApplicationRejected', to: 'rejected' });
    spec
      .given([...history.underReview(), f.reject('2025-03-01')])
      .when('StartReview', { startedOn: '2025-04-01' })
      .thenRefuses('ILLEGAL_TRANSITION', { allowedEvents: ['RecordCorrected'] });
    expect(definition.commands.RejectApplication.roles).toEqual(['admin']);
  });
});

describe('COE v2: designated on the Governing Body date, effective from the launch', () => {
  it('designates with a future launch: designated, launching on the planned date, the decision dated on its own date', () => {
    spec
      .given(history.underReview())
      .when('DesignateCoe', f.designate('2031-03-01', '2030-11-20').data)
      .then({
        type: 'CoeDesignated',
        to: 'designated',
        effectiveDate: '2030-11-20',
        data: { governingBody: { decisionDate: '2030-11-20' }, plannedLaunchDate: '2031-03-01' },
      });
  });
  it('launches in the same command when the launch date is past (historical entry), each event on its own date', () => {
    spec
      .given(history.underReview())
      .when('DesignateCoe', f.designate('2025-07-01').data)
      .then(
        { type: 'CoeDesignated', to: 'designated', effectiveDate: '2025-04-15' },
        {
          type: 'CoeLaunched',
          to: 'active.designation',
          effectiveDate: '2025-07-01',
          data: { launchedOn: '2025-07-01', period: { key: 'designation', start: '2025-07-01', dueDate: '2026-07-01' } },
        },
      );
  });
  it('does not launch on a partial launch date that may still be ahead', () => {
    spec.given(history.underReview()).when('DesignateCoe', f.designate('2031-01', '2030-11-20').data).then({ type: 'CoeDesignated', to: 'designated' });
  });
  it('launches later on the actual date, which may differ from the planned one, and anchors designation on it', () => {
    spec
      .given(history.designated())
      .when('LaunchCoe', { launchedOn: '2031-01-10' })
      .then({
        type: 'CoeLaunched',
        to: 'active.designation',
        data: { launchedOn: '2031-01-10', plannedLaunchDate: '2031-03-01', period: { start: '2031-01-10', dueDate: '2032-01-10' } },
      });
  });
  it('refuses a launch before the decision and a decision before the review', () => {
    spec
      .given(history.underReview())
      .when('DesignateCoe', f.designate('2025-04-01').data)
      .thenRefuses(COE_RULES.LAUNCH_BEFORE_DECISION, { launchDate: '2025-04-01', decisionDate: '2025-04-15' });
    spec
      .given(history.underReview())
      .when('DesignateCoe', f.designate('2025-07-01', '2025-01-20').data)
      .thenRefuses(COE_RULES.DATE_OUT_OF_ORDER, { before: { fact: 'reviewStart' } });
    spec
      .given(history.designated())
      .when('LaunchCoe', { launchedOn: '2025-04-01' })
      .thenRefuses(COE_RULES.DATE_OUT_OF_ORDER, { before: { fact: 'designationDecision' } });
  });
  it('accepts no assessment or record before the launch', () => {
    spec.given(history.designated()).when('RecordAssessment', f.assess('advance', '2031-01-01').data).thenRefuses('ILLEGAL_TRANSITION');
    spec.given(history.designated()).when('RecordActivity', f.recordActivity('2031-01-01').data).thenRefuses('ILLEGAL_TRANSITION');
  });
  it('withdraws or terminates by Governing Body decision before the launch', () => {
    spec.given(history.designated()).when('WithdrawCoe', f.withdraw('2030-12-01').data).then({ type: 'CoeWithdrawn', to: 'withdrawn' });
    spec.given(history.designated()).when('TerminateCoe', f.terminate('2030-12-01', 'governingBody').data).then({ type: 'CoeTerminated', to: 'terminated' });
    spec.given(history.designated()).when('TerminateCoe', f.terminate('2030-12-01').data).thenRefuses(COE_RULES.TERMINATE_ASSESSMENT_REQUIRED);
  });
});

describe('COE v2: assessments and advancing 1-3-1', () => {
  it('records an assessment and computes the overall score', () => {
    spec
      .given(history.designation())
      .when('RecordAssessment', f.assess('advance', '2026-06-01').data)
      .then({ type: 'AssessmentRecorded', data: { period: 'designation', overall: 4 } });
  });
  it('refuses an assessment id already recorded, pointing to corrections', () => {
    const error = spec
      .given([...history.designation(), f.assess('extend', '2026-06-01', 'a1')])
      .when('RecordAssessment', f.assess('advance', '2026-06-20', 'a1').data)
      .thenRefuses(COE_RULES.ASSESSMENT_ID_TAKEN);
    expect(error.message).toContain('CorrectRecord');
  });
  it('refuses an assessment before its period, naming the period start', () => {
    const error = spec.given(history.year1()).when('RecordAssessment', f.assess('advance', '2026-06-30').data).thenRefuses(COE_RULES.DATE_OUT_OF_ORDER);
    expect(error.message).toContain('an advance on 2026-07-01');
    // Advanced ahead of the anniversary: year 1 still starts on it.
    spec
      .given([...history.designation(), f.assess('advance', '2026-06-15'), f.advance('2026-06-20')])
      .when('RecordAssessment', f.assess('advance', '2026-06-25').data)
      .thenRefuses(COE_RULES.ASSESSMENT_BEFORE_PERIOD, {
        assessedOn: '2026-06-25',
        periodStart: '2026-07-01',
      });
  });
  it('advances on an advance assessment, anchored to the anniversary; an advance dated before the assessment is out of order', () => {
    spec
      .given([...history.designation(), f.assess('advance', '2026-06-15')])
      .when('AdvanceCoe', f.advance('2026-08-03').data)
      .then({
        type: 'PhaseAdvanced',
        to: 'active.delivery.year1',
        data: { fromPeriod: 'designation', period: { key: 'delivery.year1', start: '2026-07-01', dueDate: '2027-07-01' } },
      });
    spec
      .given([...history.designation(), f.assess('advance', '2026-06-15')])
      .when('AdvanceCoe', f.advance('2026-06-01').data)
      .thenRefuses(COE_RULES.DATE_OUT_OF_ORDER, { before: { fact: 'assessment' } });
    spec.given(history.designation()).when('AdvanceCoe', f.advance('2026-07-01').data).thenRefuses(COE_RULES.ADVANCE_ASSESSMENT_REQUIRED);
  });
  it('keeps a month-precise calendar month-precise', () => {
    const given = [
      f.submitApplication({ appliedOn: '2014' }),
      { type: 'StartReview', data: { startedOn: '2014-06' } },
      f.designate('2015-04', '2014-11'),
      f.assess('advance', '2016-03'),
    ];
    spec
      .given(given)
      .when('AdvanceCoe', f.advance('2016-04').data)
      .then({ type: 'PhaseAdvanced', data: { period: { key: 'delivery.year1', start: '2016-04', dueDate: '2017-04' } } });
  });
  it('completes the cycle out of replication and enters the COE network, not a final state', () => {
    spec
      .given([...history.replication(), f.assess('advance', '2030-06-15')])
      .when('AdvanceCoe', f.advance('2030-07-01').data)
      .then({
        type: 'CycleCompleted',
        to: 'network.continuedSupport',
        data: { completedOn: '2030-07-01', cycleEnd: '2030-07-01' },
      });
  });
});

describe('COE v2: suspension, termination, withdrawal', () => {
  it('reinstates to exactly the year it was suspended in', () => {
    spec
      .given([...history.year2(), f.suspend('2027-09-01')])
      .when('ReinstateCoe', f.reinstate('2027-10-01').data)
      .then({ type: 'CoeReinstated', to: 'active.delivery.year2' });
  });
  it('reinstates a COE suspended in the network to its stage', () => {
    const given = [...history.network(), f.assessStatus('networkMember', '2031-01-01'), f.decideStage('networkMember', '2031-01-05'), f.suspend('2031-01-10')];
    spec.given(given).when('ReinstateCoe', f.reinstate('2031-01-12').data).then({ type: 'CoeReinstated', to: 'network.member' });
  });
  it('refuses a reinstatement before the suspension', () => {
    spec
      .given([...history.year2(), f.suspend('2027-09-01')])
      .when('ReinstateCoe', f.reinstate('2027-08-01').data)
      .thenRefuses(COE_RULES.DATE_OUT_OF_ORDER, { before: { fact: 'suspension', date: '2027-09-01' } });
  });
  it('terminates on a terminate assessment or a Governing Body decision; withdraws from any live state', () => {
    spec
      .given([...history.year1(), f.assess('terminate', '2027-06-01')])
      .when('TerminateCoe', f.terminate('2027-06-20').data)
      .then({ type: 'CoeTerminated', to: 'terminated' });
    spec.given(history.year1()).when('TerminateCoe', f.terminate('2027-06-20').data).thenRefuses(COE_RULES.TERMINATE_ASSESSMENT_REQUIRED);
    spec.given(history.network()).when('WithdrawCoe', f.withdraw('2030-12-01').data).then({ type: 'CoeWithdrawn', to: 'withdrawn' });
  });
});

describe('COE v2: the events allowed now', () => {
  it('are those people cause: the scheduler notices are taken by the machine but not offered', () => {
    const state = stateFromEvents(definition, eventsOf(definition, history.designation(), f.NOW));
    expect(allowedEvents(state)).toEqual(expect.arrayContaining(['AssessmentRecorded', 'PhaseExtended', 'RecordCorrected']));
    expect(allowedEvents(state).filter((type) => /Soon|FellDue|Overdue|Reached|Closing|Closed/.test(type))).toEqual([]);
    expect(state.snapshot.can({ type: 'AssessmentFellDue', data: {} })).toBe(true);
  });
});

describe('COE v2: the life script recorded on version 2 (coeLifeScriptV2, the fixture of the API, audit and CLI tests)', () => {
  it('runs each step on its day: designated before the launch, launched, extended up to a date, and into the COE network', () => {
    const events: DecidedEvent[] = [];
    for (const step of coeLifeScriptV2) {
      const decision = decide(definition, stateFromEvents(definition, events), step.command, new Date(`${step.on}T10:00:00Z`));
      if (!decision.ok) throw new Error(`${step.on} ${step.command.type}: ${decision.error.code} ${decision.error.message}`);
      events.push(...decision.events);
    }
    expect(events).toHaveLength(26);
    expect(events.find((e) => e.type === 'CoeDesignated')?.to).toBe('designated');
    expect(events.find((e) => e.type === 'PhaseExtended')?.data).toMatchObject({
      decidedBy: 'secretariat',
      until: '2026-10-01',
      previousDueDate: '2026-07-01',
    });
    expect(events.at(-1)).toMatchObject({ type: 'CycleCompleted', to: 'network.continuedSupport', data: { cycleEnd: '2030-10-01' } });
  });
  it('is what recordedOnVersion2 makes of the version 1 life script (the launch on its day, the extension up to the date its months reach)', () => {
    const v1Steps = coeLifeScript.map((s) => ({ coe: 'th-digital', ...s }));
    expect(recordedOnVersion2(v1Steps)).toEqual(coeLifeScriptV2.map((s) => ({ coe: 'th-digital', ...s })));
    expect(recordedOnVersion2(recordedOnVersion2(v1Steps))).toEqual(recordedOnVersion2(v1Steps));
  });
});
