import { decide, type Command, type JsonObject, type NewEvent } from '@apo/engine';
import { eventsOf, specification, stateFromEvents } from '@apo/engine/testing';
import { COE_RULES } from '../coe-rules';
import * as f from '../testing/coe-v2-fixtures';
import { correctionTarget } from './coe-v2-correction-target';
import { createCoeDefinitionV2 } from './coe-v2-definition';
import { describeCoeV2 } from './coe-v2-describe';
import type { RecordCorrectedData } from './coe-v2-events';
import type { CoeV2Context } from './coe-v2-model';

const definition = createCoeDefinitionV2();
const spec = specification(definition, f.NOW);
const { history, correct } = f;
const describe_ = (events: readonly NewEvent[]) => {
  const state = stateFromEvents(definition, events);
  return describeCoeV2({}, state.state, state.context as CoeV2Context);
};

/** What the audit's as-of replay does: each correction's patch applied to the event it supersedes, the corrections themselves left out. */
function corrected(events: readonly NewEvent[]): NewEvent[] {
  const data = events.map((e) => e.data);
  events.forEach((e, i) => {
    if (e.type !== 'RecordCorrected') return;
    const correction = e.data as unknown as RecordCorrectedData;
    const target = correctionTarget(correction, events.slice(0, i)) as number;
    expect(events[target].type).toBe(correction.eventType);
    data[target] = { ...data[target], ...correction.patch } as JsonObject;
  });
  return events.flatMap((e, i) => (e.type === 'RecordCorrected' ? [] : [{ type: e.type, data: data[i] }]));
}

/** Live (corrections folded) and as-of (patches applied) give the same COE. */
const expectSameCoe = (commands: readonly Command[]) => {
  const events = eventsOf(definition, commands, f.NOW);
  expect(describe_(corrected(events))).toEqual(describe_(events));
};

describe('COE v2 corrections: assessments', () => {
  const assessed = () => [...history.designation(), f.assess('extend', '2026-06-10', 'a1')];
  it('supersedes scores by assessment id: the patch holds the scores and the overall it recomputes', () => {
    spec
      .given(assessed())
      .when('CorrectRecord', correct({ assessmentId: 'a1' }, { scores: { competency: 2, dissemination: 2, collaboration: 2, outputs: 2, impact: 2 } }).data)
      .then({
        type: 'RecordCorrected',
        effectiveDate: '2026-06-10',
        data: {
          eventType: 'AssessmentRecorded',
          corrects: { assessmentId: 'a1' },
          patch: { scores: { competency: 2 }, overall: 2 },
          reason: 'typed from the wrong file',
        },
      });
  });
  it('moves the assessment date (a new business date) and keeps it in order and within its period', () => {
    const events = spec
      .given(assessed())
      .when('CorrectRecord', correct({ assessmentId: 'a1' }, { assessedOn: '2026-06-01' }).data)
      .then({ type: 'RecordCorrected', effectiveDate: '2026-06-01' });
    expect(events[0].data).toMatchObject({ patch: { assessedOn: '2026-06-01' }, effectiveDate: '2026-06-01' });
    spec
      .given(assessed())
      .when('CorrectRecord', correct({ assessmentId: 'a1' }, { assessedOn: '2025-06-30' }).data)
      .thenRefuses(COE_RULES.ASSESSMENT_BEFORE_PERIOD, { periodStart: '2025-07-01' });
    spec
      .given([...assessed(), f.extendBySecretariat('2026-06-12', '2026-10-01')])
      .when('CorrectRecord', correct({ assessmentId: 'a1' }, { assessedOn: '2026-06-13' }).data)
      .thenRefuses(COE_RULES.DATE_OUT_OF_ORDER, {
        after: { fact: 'extension', date: '2026-06-12' },
      });
  });
  it('changes a recommendation no step relied on, and the deadline follows it', () => {
    const given = [...assessed(), correct({ assessmentId: 'a1' }, { recommendation: 'advance' })];
    const state = stateFromEvents(definition, eventsOf(definition, given, f.NOW));
    expect(describeCoeV2({}, state.state, state.context as CoeV2Context)).toMatchObject({
      lastAssessment: { recommendation: 'advance' },
      nextDeadline: { label: 'Advance out of designation' },
    });
  });
  it('refuses to change a recommendation a later step relied on, naming the step', () => {
    const error = spec
      .given([...assessed(), f.extendBySecretariat('2026-06-12', '2026-10-01')])
      .when('CorrectRecord', correct({ assessmentId: 'a1' }, { recommendation: 'advance' }).data)
      .thenRefuses(COE_RULES.CORRECTION_RELIED_ON, {
        reliedOnBy: 'extension',
      });
    expect(error.message).toContain('the extension relied on it');
    spec
      .given(history.year1())
      .when('CorrectRecord', correct({ assessmentId: 'a-2026-06-15-advance' }, { recommendation: 'extend' }).data)
      .thenRefuses(COE_RULES.CORRECTION_RELIED_ON, { reliedOnBy: 'advance' });
    spec
      .given(history.year1())
      .when('CorrectRecord', correct({ assessmentId: 'a-2026-06-15-advance' }, { notes: 'scores re-read from the report' }).data)
      .then({ type: 'RecordCorrected', data: { patch: { notes: 'scores re-read from the report' } } });
  });
  it('corrects a status assessment, and the next status assessment moves with its date', () => {
    const given = [
      ...history.network(),
      f.assessStatus('continuedSupport', '2030-12-01', 's1'),
      correct({ assessmentId: 's1' }, { assessedOn: '2030-09-01', recommendedStage: 'networkMember' }),
    ];
    const events = eventsOf(definition, given, f.NOW);
    expect(events.at(-1)?.data).toMatchObject({
      eventType: 'StatusAssessmentRecorded',
      patch: { assessedOn: '2030-09-01', recommendedStage: 'networkMember' },
    });
    expect(describe_(events)).toMatchObject({ lastStatusAssessment: { assessedOn: '2030-09-01', recommendedStage: 'networkMember' }, dueDate: '2032-09-01' });
  });
  it('refuses a correction that changes nothing, or of an unknown assessment', () => {
    spec
      .given(assessed())
      .when('CorrectRecord', correct({ assessmentId: 'a1' }, { recommendation: 'extend', assessedOn: '2026-06-10' }).data)
      .thenRefuses(COE_RULES.CORRECTION_CHANGES_NOTHING);
    spec
      .given(assessed())
      .when('CorrectRecord', correct({ assessmentId: 'a9' }, { overall: 3 }).data)
      .thenRefuses(COE_RULES.CORRECTION_TARGET_NOT_FOUND);
  });
});

describe('COE v2 corrections: records', () => {
  it('corrects a record by its id: date and details, the date still within the COE life', () => {
    const given = [...history.year1(), f.recordActivity('2026-10-01')];
    spec
      .given(given)
      .when('CorrectRecord', correct({ activityId: 'act-2026-10-01' }, { date: '2026-11-05', title: 'Smart factory bootcamp, second run' }).data)
      .then({
        type: 'RecordCorrected',
        effectiveDate: '2026-11-05',
        data: { eventType: 'ActivityRecorded', patch: { date: '2026-11-05', title: 'Smart factory bootcamp, second run' } },
      });
    spec
      .given(given)
      .when('CorrectRecord', correct({ activityId: 'act-2026-10-01' }, { date: '2025-01-01' }).data)
      .thenRefuses(COE_RULES.DATE_BEFORE_LAUNCH);
    spec
      .given(given)
      .when('CorrectRecord', correct({ publicationId: 'act-2026-10-01' }, { date: '2026-11-05' }).data)
      .thenRefuses(COE_RULES.CORRECTION_TARGET_NOT_FOUND);
  });
  it('names exactly one thing to correct and a reason', () => {
    spec
      .given(history.year1())
      .when('CorrectRecord', correct({ activityId: 'x', assessmentId: 'y' }, { date: '2026-11-05' }).data)
      .thenRefuses('VALIDATION_FAILED');
    spec
      .given(history.year1())
      .when('CorrectRecord', { corrects: { activityId: 'x' }, changes: { date: '2026-11-05' } })
      .thenRefuses('VALIDATION_FAILED');
    spec
      .given()
      .when('CorrectRecord', correct({ activityId: 'x' }, { date: '2026-11-05' }).data)
      .thenRefuses('ILLEGAL_TRANSITION');
  });
});

describe('COE v2 corrections: dates of life-cycle facts', () => {
  it('re-dates an advance, named by its period, checked against the facts around it', () => {
    spec
      .given(history.year3())
      .when('CorrectRecord', correct({ fact: 'advance', period: 'delivery.year1' }, { date: '2027-07-15' }).data)
      .then({
        type: 'RecordCorrected',
        effectiveDate: '2027-07-15',
        data: {
          eventType: 'PhaseAdvanced',
          corrects: { fact: 'advance', period: 'delivery.year1', occurrence: 1 },
          patch: { advancedOn: '2027-07-15' },
          effectiveDate: '2027-07-15',
        },
      });
    spec
      .given(history.year3())
      .when('CorrectRecord', correct({ fact: 'advance', period: 'delivery.year1' }, { date: '2028-07-01' }).data)
      .thenRefuses(COE_RULES.DATE_OUT_OF_ORDER, {
        after: { fact: 'assessment', date: '2028-06-15' },
      });
  });
  it('re-dates the Governing Body decision: the patch replaces governingBody', () => {
    spec
      .given(history.year1())
      .when('CorrectRecord', correct({ fact: 'designationDecision' }, { date: '2025-04-20' }).data)
      .then({
        type: 'RecordCorrected',
        data: { eventType: 'CoeDesignated', patch: { governingBody: { meeting: '65th Governing Body Meeting, Manila', decisionDate: '2025-04-20' } } },
      });
  });
  it('keeps a corrected decision no later than a planned launch that has passed without a launch', () => {
    const designated = eventsOf(definition, [...history.underReview(), f.designate('2031-03-01', '2030-11-20')], f.NOW);
    const later = decide(
      definition,
      stateFromEvents(definition, designated),
      correct({ fact: 'designationDecision' }, { date: '2031-03-02' }),
      new Date('2031-04-01T00:00:00Z'),
    );
    expect(later).toMatchObject({
      ok: false,
      error: { code: COE_RULES.LAUNCH_BEFORE_DECISION, details: { launchDate: '2031-03-01', decisionDate: '2031-03-02' } },
    });
  });
  it('re-anchors the designation period on a corrected launch while still in designation, and refuses once the calendar moved on', () => {
    spec
      .given(history.designation())
      .when('CorrectRecord', correct({ fact: 'launch' }, { date: '2025-08-01' }).data)
      .then({
        type: 'RecordCorrected',
        data: { eventType: 'CoeLaunched', patch: { launchedOn: '2025-08-01', period: { key: 'designation', start: '2025-08-01', dueDate: '2026-08-01' } } },
      });
    const error = spec
      .given(history.year1())
      .when('CorrectRecord', correct({ fact: 'launch' }, { date: '2025-08-01' }).data)
      .thenRefuses(COE_RULES.CORRECTION_WOULD_REANCHOR);
    expect(error.message).toContain('moved on to delivery year 1');
    spec
      .given([...history.designation(), f.recordActivity('2025-07-15')])
      .when('CorrectRecord', correct({ fact: 'launch' }, { date: '2025-08-01' }).data)
      .thenRefuses(COE_RULES.DATE_BEFORE_LAUNCH);
  });
  it('asks which one when a fact happened more than once, and counts occurrences', () => {
    const given = [...history.year1(), f.suspend('2026-08-01'), f.reinstate('2026-08-15'), f.suspend('2026-09-01'), f.reinstate('2026-09-15')];
    const error = spec
      .given(given)
      .when('CorrectRecord', correct({ fact: 'suspension' }, { date: '2026-09-02' }).data)
      .thenRefuses(COE_RULES.CORRECTION_TARGET_AMBIGUOUS, { dates: ['2026-08-01', '2026-09-01'] });
    expect(error.message).toContain('corrects.on');
    spec
      .given(given)
      .when('CorrectRecord', correct({ fact: 'suspension', on: '2026-09-01' }, { date: '2026-09-02' }).data)
      .then({
        type: 'RecordCorrected',
        data: { eventType: 'CoeSuspended', corrects: { fact: 'suspension', occurrence: 2 }, patch: { suspendedOn: '2026-09-02' } },
      });
    spec
      .given(given)
      .when('CorrectRecord', correct({ fact: 'termination' }, { date: '2026-09-02' }).data)
      .thenRefuses(COE_RULES.CORRECTION_TARGET_NOT_FOUND);
  });
  it('corrects what was recorded of an ended COE', () => {
    const ended = [...history.year1(), f.withdraw('2026-09-01')];
    spec
      .given(ended)
      .when('CorrectRecord', correct({ fact: 'withdrawal' }, { date: '2026-09-03' }).data)
      .then({ type: 'RecordCorrected', to: 'withdrawn', data: { patch: { withdrawnOn: '2026-09-03' } } });
  });
});

describe('COE v2 corrections: correctionTarget, for the as-of replay', () => {
  it('finds the stored event each correction supersedes: patching it gives the COE the live fold shows', () => {
    expectSameCoe([
      ...history.designation(),
      f.recordActivity('2025-10-01'),
      correct({ fact: 'launch' }, { date: '2025-08-01' }),
      correct({ activityId: 'act-2025-10-01' }, { date: '2025-11-01' }),
    ]);
    expectSameCoe([
      ...history.year2(),
      f.assess('extend', '2028-06-01', 'a1'),
      correct({ assessmentId: 'a1' }, { recommendation: 'advance', assessedOn: '2028-06-02' }),
      correct({ fact: 'advance', period: 'designation' }, { date: '2026-07-03' }),
    ]);
    expectSameCoe([
      ...history.network(),
      f.suspend('2030-08-01'),
      correct({ fact: 'suspension' }, { date: '2030-08-02' }),
      correct({ fact: 'designationDecision' }, { date: '2025-04-16' }),
    ]);
    expectSameCoe([
      ...history.network(),
      f.assessStatus('continuedSupport', '2030-12-01', 's1'),
      correct({ assessmentId: 's1' }, { assessedOn: '2030-09-01' }),
    ]);
  });
  it('takes the occurrence-th fact of the period, and the last event with an id', () => {
    const events = [
      { type: 'PhaseExtended', data: { period: 'designation', decidedOn: '2016-01-01' } },
      { type: 'PhaseExtended', data: { period: 'delivery.year1', decidedOn: '2017-01-01' } },
      { type: 'PhaseExtended', data: { period: 'designation', decidedOn: '2016-06-01' } },
      { type: 'ActivityRecorded', data: { activityId: 'a' } },
    ];
    expect(correctionTarget({ eventType: 'PhaseExtended', corrects: { fact: 'extension', period: 'designation', occurrence: 2 } }, events)).toBe(2);
    expect(correctionTarget({ eventType: 'PhaseExtended', corrects: { fact: 'extension', period: 'delivery.year1', occurrence: 2 } }, events)).toBeUndefined();
    expect(correctionTarget({ eventType: 'ActivityRecorded', corrects: { activityId: 'a' } }, events)).toBe(3);
    expect(correctionTarget({ eventType: 'PublicationRecorded', corrects: { publicationId: 'a' } }, events)).toBeUndefined();
  });
});
