import { specification } from '@apo/engine/testing';
import { COE_RULES } from '../coe-rules';
import * as f from '../testing/coe-v2-fixtures';
import { createCoeDefinitionV2 } from './coe-v2-definition';

const definition = createCoeDefinitionV2();
const spec = specification(definition, f.NOW);
const { history } = f;

describe('COE v2: life in the COE network after the cycle', () => {
  it('records a status assessment: five criteria, overall, and the next stage it recommends', () => {
    spec
      .given(history.network())
      .when('RecordStatusAssessment', f.assessStatus('networkMember', '2030-11-01').data)
      .then({
        type: 'StatusAssessmentRecorded',
        to: 'network.continuedSupport',
        data: { assessmentId: 's-2030-11-01', overall: 4, recommendedStage: 'networkMember' },
      });
  });
  it('refuses a status assessment dated before the cycle completed', () => {
    spec
      .given(history.network())
      .when('RecordStatusAssessment', f.assessStatus('networkMember', '2030-06-30').data)
      .thenRefuses(COE_RULES.DATE_OUT_OF_ORDER, {
        before: { fact: 'cycleCompletion', date: '2030-07-01' },
      });
  });
  it('moves between continued support and network member on a Secretariat decision that follows the status assessment', () => {
    const assessed = [...history.network(), f.assessStatus('networkMember', '2030-11-01')];
    spec
      .given(assessed)
      .when('DecideNextStage', f.decideStage('networkMember', '2030-12-01').data)
      .then({ type: 'NextStageDecided', to: 'network.member', data: { stage: 'networkMember', decidedBy: 'secretariat' } });
    const member = [...assessed, f.decideStage('networkMember', '2030-12-01'), f.assessStatus('continuedSupport', '2031-01-02', 's2')];
    spec
      .given(member)
      .when('DecideNextStage', f.decideStage('continuedSupport', '2031-01-03').data)
      .then({ type: 'NextStageDecided', to: 'network.continuedSupport' });
  });
  it('refuses a Secretariat decision that the latest status assessment does not recommend', () => {
    const assessed = [...history.network(), f.assessStatus('continuedSupport', '2030-11-01')];
    spec.given(assessed).when('DecideNextStage', f.decideStage('retired', '2030-12-01').data).thenRefuses(COE_RULES.NEXT_STAGE_ASSESSMENT_REQUIRED);
    spec
      .given(history.network())
      .when('DecideNextStage', f.decideStage('networkMember', '2030-12-01').data)
      .thenRefuses(COE_RULES.NEXT_STAGE_ASSESSMENT_REQUIRED);
  });
  it('lets the Governing Body decide any stage, recording its meeting', () => {
    spec
      .given(history.network())
      .when('DecideNextStage', f.decideStage('networkMember', '2030-12-01', 'governingBody').data)
      .then({
        type: 'NextStageDecided',
        to: 'network.member',
        data: { governingBody: { meeting: '70th Governing Body Meeting, Bangkok', decisionDate: '2030-12-01' } },
      });
  });
  it('retires the designation: the end, only corrections after it', () => {
    const assessed = [...history.network(), f.assessStatus('retired', '2030-11-01')];
    spec.given(assessed).when('DecideNextStage', f.decideStage('retired', '2030-12-01').data).then({ type: 'NextStageDecided', to: 'retired' });
    spec
      .given([...assessed, f.decideStage('retired', '2030-12-01')])
      .when('RecordActivity', f.recordActivity('2030-12-15').data)
      .thenRefuses('ILLEGAL_TRANSITION', { allowedEvents: ['RecordCorrected'] });
  });
  it('still records activities, publications and replications in the network', () => {
    spec
      .given(history.network())
      .when('RecordActivity', f.recordActivity('2030-09-01').data)
      .then({ type: 'ActivityRecorded', to: 'network.continuedSupport' });
    spec.given(history.network()).when('RecordPublication', f.recordPublication('2030-09-01').data).then({ type: 'PublicationRecorded' });
    spec.given(history.network()).when('RecordReplication', f.recordReplication('2030-09-01').data).then({ type: 'ReplicationRecorded' });
  });
  it('accepts annual proposals with continued support, not from a network member without APO funding', () => {
    spec.given(history.network()).when('SubmitProposal', f.submitProposal(2031, '2031-01-10').data).then({ type: 'AnnualProposalSubmitted' });
    const member = [...history.network(), f.decideStage('networkMember', '2030-12-01', 'governingBody')];
    spec.given(member).when('SubmitProposal', f.submitProposal(2031, '2031-01-10').data).thenRefuses('ILLEGAL_TRANSITION');
  });
  it('only DecideNextStage is an admin command; status assessments are the assessors', () => {
    expect(definition.commands.DecideNextStage.roles).toEqual(['admin']);
    expect(definition.commands.RecordStatusAssessment.roles).toEqual(['assessor', 'admin']);
  });
  it('suspends and terminates in the network too', () => {
    spec.given(history.network()).when('SuspendCoe', f.suspend('2030-09-01').data).then({ type: 'CoeSuspended', to: 'suspended' });
    spec.given(history.network()).when('TerminateCoe', f.terminate('2030-09-01', 'governingBody').data).then({ type: 'CoeTerminated', to: 'terminated' });
  });
});

describe('COE v2: historical entry', () => {
  it('is completed once, dated no earlier than the latest fact', () => {
    const imported = [f.submitApplication({ historical: true }), f.startReview()];
    spec
      .given(imported)
      .when('CompleteHistoricalEntry', f.completeHistoricalEntry('2025-12-31').data)
      .then({ type: 'HistoricalEntryCompleted', data: { upToDate: '2025-12-31' } });
    spec
      .given(imported)
      .when('CompleteHistoricalEntry', f.completeHistoricalEntry('2025-01-31').data)
      .thenRefuses(COE_RULES.DATE_OUT_OF_ORDER, { before: { fact: 'reviewStart' } });
    spec
      .given([...imported, f.completeHistoricalEntry('2025-12-31')])
      .when('CompleteHistoricalEntry', f.completeHistoricalEntry('2026-01-31').data)
      .thenRefuses(COE_RULES.NOT_HISTORICAL);
  });
  it('is refused for a COE entered as it happens', () => {
    spec.given(history.applied()).when('CompleteHistoricalEntry', f.completeHistoricalEntry('2025-12-31').data).thenRefuses(COE_RULES.NOT_HISTORICAL);
  });
});
