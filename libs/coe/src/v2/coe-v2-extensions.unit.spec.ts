import { specification } from '@apo/engine/testing';
import { COE_RULES } from '../coe-rules';
import * as f from '../testing/coe-v2-fixtures';
import { createCoeDefinitionV2 } from './coe-v2-definition';

const spec = specification(createCoeDefinitionV2(), f.NOW);
const { history } = f;
const assessedExtend = () => [...history.designation(), f.assess('extend', '2026-06-10')];

describe('COE v2: extensions decided up to a stated date', () => {
  it('lets the Secretariat extend on an extend assessment: the due date becomes the date decided', () => {
    spec
      .given(assessedExtend())
      .when('ExtendPhase', f.extendBySecretariat('2026-06-12', '2026-10-01').data)
      .then({
        type: 'PhaseExtended',
        to: 'active.designation',
        data: { period: 'designation', decidedBy: 'secretariat', decidedOn: '2026-06-12', previousDueDate: '2026-07-01', until: '2026-10-01' },
      });
  });
  it('refuses a Secretariat extension without an extend assessment', () => {
    spec
      .given(history.designation())
      .when('ExtendPhase', f.extendBySecretariat('2026-06-12', '2026-10-01').data)
      .thenRefuses(COE_RULES.EXTEND_ASSESSMENT_REQUIRED);
  });
  it('allows the Secretariat one extension per phase, naming the count', () => {
    const given = [...assessedExtend(), f.extendBySecretariat('2026-06-12', '2026-10-01'), f.assess('extend', '2026-09-20', 'a2')];
    const error = spec
      .given(given)
      .when('ExtendPhase', f.extendBySecretariat('2026-09-25', '2026-12-01').data)
      .thenRefuses(COE_RULES.EXTENSION_ALREADY_USED, { used: 1, allowed: 1 });
    expect(error.message).toContain('needs a Governing Body decision');
  });
  it('counts delivery as one phase across its three years', () => {
    const given = [
      ...history.year1(),
      f.assess('extend', '2027-06-01'),
      f.extendBySecretariat('2027-06-02', '2027-09-01'),
      f.assess('advance', '2027-08-15'),
      f.advance('2027-09-01'),
      f.assess('extend', '2028-08-01'),
    ];
    spec.given(given).when('ExtendPhase', f.extendBySecretariat('2028-08-02', '2028-10-01').data).thenRefuses(COE_RULES.EXTENSION_ALREADY_USED);
  });
  it('limits a Secretariat extension to 12 months beyond the due date it moves', () => {
    spec.given(assessedExtend()).when('ExtendPhase', f.extendBySecretariat('2026-06-12', '2027-07-01').data).then({ type: 'PhaseExtended' });
    const error = spec
      .given(assessedExtend())
      .when('ExtendPhase', f.extendBySecretariat('2026-06-12', '2027-07-02').data)
      .thenRefuses(COE_RULES.EXTENSION_TOO_LONG, { limit: '2027-07-01' });
    expect(error.message).toBe(
      'a Secretariat extension reaches at most 12 months beyond the due date 2026-07-01 (to 2027-07-01); until 2027-07-02 needs a Governing Body decision',
    );
  });
  it('refuses an extension that does not move the due date later, naming both dates', () => {
    spec
      .given(assessedExtend())
      .when('ExtendPhase', f.extendBySecretariat('2026-06-12', '2026-07-01').data)
      .thenRefuses(COE_RULES.EXTENSION_NOT_LATER, { until: '2026-07-01', dueDate: '2026-07-01' });
    // '2026-07' might end on 2026-07-31, but the month-precise due date already runs to its end.
    const monthly = [
      f.submitApplication({ appliedOn: '2025-01' }),
      { type: 'StartReview', data: { startedOn: '2025-02' } },
      f.designate('2025-07', '2025-04'),
      f.assess('extend', '2026-06'),
    ];
    spec.given(monthly).when('ExtendPhase', f.extendBySecretariat('2026-06', '2026-07-20').data).thenRefuses(COE_RULES.EXTENSION_NOT_LATER);
    spec
      .given(monthly)
      .when('ExtendPhase', f.extendBySecretariat('2026-06', '2026-09').data)
      .then({ type: 'PhaseExtended', data: { previousDueDate: '2026-07', until: '2026-09' } });
  });
  it('lets the Governing Body extend without an assessment, more than once and for years (the pilot COE)', () => {
    const once = [...history.year2(), f.extendByGoverningBody('2028-04-20', '2029-07-01')];
    spec
      .given(history.year2())
      .when('ExtendPhase', f.extendByGoverningBody('2028-04-20', '2029-07-01').data)
      .then({
        type: 'PhaseExtended',
        data: { decidedBy: 'governingBody', governingBody: { meeting: '58th Governing Body Meeting, Tokyo', decisionDate: '2028-04-20' }, until: '2029-07-01' },
      });
    spec
      .given(once)
      .when('ExtendPhase', f.extendByGoverningBody('2029-04-18', '2030-07-01').data)
      .then({ type: 'PhaseExtended', data: { previousDueDate: '2029-07-01' } });
  });
  it('needs the meeting of a Governing Body extension, dated as decidedOn, and no meeting for a Secretariat one', () => {
    const bad = { ...f.extendByGoverningBody('2028-04-20', '2029-07-01').data, governingBody: undefined };
    spec.given(history.year2()).when('ExtendPhase', bad).thenRefuses('VALIDATION_FAILED');
    const differs = { ...f.extendByGoverningBody('2028-04-20', '2029-07-01').data, governingBody: { meeting: '58th', decisionDate: '2028-04-19' } };
    spec.given(history.year2()).when('ExtendPhase', differs).thenRefuses(COE_RULES.DECISION_DATES_DIFFER);
    const error = spec
      .given(assessedExtend())
      .when('ExtendPhase', { ...f.extendBySecretariat('2026-06-12', '2026-10-01').data, governingBody: { meeting: '58th' } })
      .thenRefuses('VALIDATION_FAILED');
    expect(error.message).toContain('governingBody is only for decisions of the Governing Body');
  });
  it('uses the configured limits (rules to confirm with the Secretariat)', () => {
    const generous = specification(createCoeDefinitionV2({ secretariatExtensionsPerPhase: 2, secretariatExtensionMaxMonths: 24 }), f.NOW);
    const given = [...assessedExtend(), f.extendBySecretariat('2026-06-12', '2026-10-01'), f.assess('extend', '2026-09-20', 'a2')];
    generous.given(given).when('ExtendPhase', f.extendBySecretariat('2026-09-25', '2028-09-01').data).then({ type: 'PhaseExtended' });
    const strict = specification(createCoeDefinitionV2({ governingBodyExtensionNeedsAssessment: true }), f.NOW);
    strict
      .given(history.year2())
      .when('ExtendPhase', f.extendByGoverningBody('2028-04-20', '2029-07-01').data)
      .thenRefuses(COE_RULES.EXTEND_ASSESSMENT_REQUIRED);
    expect(() => createCoeDefinitionV2({ statusAssessmentMonths: 0 })).toThrow('statusAssessmentMonths must be an integer from 1 to 120');
  });
  it('moves the next period: it starts at the extended due date', () => {
    const given = [...assessedExtend(), f.extendBySecretariat('2026-06-12', '2026-10-01'), f.assess('advance', '2026-09-20', 'a2')];
    spec
      .given(given)
      .when('AdvanceCoe', f.advance('2026-10-01').data)
      .then({ type: 'PhaseAdvanced', data: { period: { key: 'delivery.year1', start: '2026-10-01', dueDate: '2027-10-01' } } });
  });
  it('uses up the extend recommendation: advancing needs a fresh assessment', () => {
    spec
      .given([...assessedExtend(), f.extendBySecretariat('2026-06-12', '2026-10-01')])
      .when('AdvanceCoe', f.advance('2026-10-01').data)
      .thenRefuses(COE_RULES.ADVANCE_ASSESSMENT_REQUIRED);
  });
  it('refuses an extension decided before the assessment it rests on, or while suspended', () => {
    spec.given(assessedExtend()).when('ExtendPhase', f.extendBySecretariat('2026-06-01', '2026-10-01').data).thenRefuses(COE_RULES.DATE_OUT_OF_ORDER);
    spec
      .given([...assessedExtend(), f.suspend('2026-06-11')])
      .when('ExtendPhase', f.extendBySecretariat('2026-06-12', '2026-10-01').data)
      .thenRefuses('ILLEGAL_TRANSITION');
  });
});
