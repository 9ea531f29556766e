import { specification } from '@apo/engine/testing';
import { createBcnDefinition } from './bcn-definition';
import { BCN_RULES } from './bcn-rules';
import * as f from './testing/bcn-fixtures';

const spec = specification(createBcnDefinition(), f.NOW);
const { history } = f;

describe('BCN exchange: drafting', () => {
  it('drafts an exchange, recording the sending and hosting NPOs by member economy and name', () => {
    spec
      .given()
      .when('DraftExchange', f.draft().data)
      .then({
        type: 'ExchangeDrafted',
        to: 'draft',
        data: {
          programmeYear: 2023,
          sendingNpo: { economy: 'LA', name: 'Department of SME Promotion, Ministry of Industry and Commerce' },
          hostingNpo: { economy: 'TH', name: 'Foundation for Thailand Productivity Institute' },
        },
      });
  });
  it('drafts without a hosting NPO (the Secretariat finds one)', () => {
    const [event] = spec
      .given()
      .when('DraftExchange', f.draft({ hostingNpo: undefined }).data)
      .then({ type: 'ExchangeDrafted' });
    expect(event.data).not.toHaveProperty('hostingNpo');
  });
  it('names every bad field at once', () => {
    const error = spec
      .given()
      .when('DraftExchange', { ...f.draft().data, title: '', programmeYear: 1999, draftedOn: '2023-02-30' })
      .thenRefuses('VALIDATION_FAILED');
    expect((error.details.fields as { field: string }[]).map((e) => e.field)).toEqual(['title', 'programmeYear', 'draftedOn']);
  });
  it.each([['sendingNpo'], ['hostingNpo']])('refuses a %s that is not an APO member economy', (field) => {
    spec
      .given()
      .when('DraftExchange', f.draft({ [field]: 'US' }).data)
      .thenRefuses(BCN_RULES.UNKNOWN_ECONOMY, { field, value: 'US' });
  });
  it('refuses the same NPO on both sides', () => {
    spec
      .given()
      .when('DraftExchange', f.draft({ hostingNpo: 'LA' }).data)
      .thenRefuses(BCN_RULES.SAME_NPO, { guard: 'differentNpos' });
  });
  it('refuses a draft dated in the future, and a second draft of the same exchange', () => {
    spec
      .given()
      .when('DraftExchange', f.draft({ draftedOn: '2024-06-02' }).data)
      .thenRefuses(BCN_RULES.DATE_IN_FUTURE);
    spec
      .given(history.draft())
      .when('DraftExchange', f.draft().data)
      .thenRefuses('ILLEGAL_TRANSITION', {
        allowedEvents: ['ExchangeSubmitted', 'ExchangeProposed', 'ExchangeWithdrawn'],
      });
  });
});

describe('BCN exchange: application windows', () => {
  it.each([
    ['2023-01-10', 1, '2023-03-31'],
    ['2023-03-31', 1, '2023-03-31'],
    ['2023-04-01', 2, '2023-06-30'],
    ['2023-06-30', 2, '2023-06-30'],
  ])('a sending NPO applying on %s is in window %s (closing %s)', (submittedOn, window, closingDate) => {
    const given = [f.draft({ draftedOn: '2023-01-05' })];
    spec
      .given(given)
      .when('SubmitExchange', { submittedOn })
      .then({ type: 'ExchangeSubmitted', to: 'submitted', data: { programmeYear: 2023, window, closingDate } });
  });
  it('refuses a late application after the second closing date', () => {
    const refused = spec.given(history.draft()).when('SubmitExchange', { submittedOn: '2023-07-01' }).thenRefuses(BCN_RULES.CLOSING_DATE_PASSED, {
      guard: 'withinClosingDate',
      state: 'draft',
      submittedOn: '2023-07-01',
      closingDate: '2023-06-30',
    });
    expect(refused.message).toContain('dated 2023-07-01, after 2023-06-30');
  });
  it('uses the closing dates configured for the programme year', () => {
    const configured = specification(createBcnDefinition({ closingDates: { 2023: ['2023-04-30', '2023-07-31'] } }), f.NOW);
    configured
      .given(history.draft())
      .when('SubmitExchange', { submittedOn: '2023-07-15' })
      .then({ type: 'ExchangeSubmitted', data: { window: 2, closingDate: '2023-07-31' } });
    configured.given(history.draft()).when('SubmitExchange', { submittedOn: '2023-08-01' }).thenRefuses(BCN_RULES.CLOSING_DATE_PASSED);
    configured
      .given([f.draft({ programmeYear: 2024 })])
      .when('SubmitExchange', { submittedOn: '2024-04-15' })
      .then({ type: 'ExchangeSubmitted', data: { window: 2, closingDate: '2024-06-30' } });
  });
  it('lets the Secretariat propose an exchange with no window, after the closing dates too', () => {
    spec
      .given(history.draft())
      .when('ProposeExchange', f.propose('2023-11-01').data)
      .then({ type: 'ExchangeProposed', to: 'proposed', data: { proposedOn: '2023-11-01' } });
  });
  it('refuses an application dated before its draft', () => {
    spec
      .given(history.draft())
      .when('SubmitExchange', { submittedOn: '2023-01-31' })
      .thenRefuses(BCN_RULES.DATE_OUT_OF_ORDER, { field: 'submittedOn', earliest: '2023-02-01' });
  });
  it('takes one application: a submitted exchange cannot be submitted or proposed again', () => {
    spec.given(history.submitted()).when('SubmitExchange', f.submit('2023-03-20').data).thenRefuses('ILLEGAL_TRANSITION');
    spec.given(history.submitted()).when('ProposeExchange', f.propose('2023-03-20').data).thenRefuses('ILLEGAL_TRANSITION');
  });
});

describe('BCN exchange: decision and withdrawal', () => {
  it.each([
    ['submitted', history.submitted],
    ['proposed', history.proposed],
  ])('approves or rejects a %s exchange', (_name, given) => {
    spec.given(given()).when('ApproveExchange', f.approve().data).then({ type: 'ExchangeApproved', to: 'approved' });
    spec
      .given(given())
      .when('RejectExchange', f.reject().data)
      .then({ type: 'ExchangeRejected', to: 'rejected', data: { reason: 'topic covered by a multicountry project' } });
  });
  it('decides only on an application or proposal, and a rejection is final', () => {
    spec.given(history.draft()).when('ApproveExchange', f.approve().data).thenRefuses('ILLEGAL_TRANSITION');
    spec.given(history.rejected()).when('ApproveExchange', f.approve('2023-05-01').data).thenRefuses('ILLEGAL_TRANSITION', { allowedEvents: [] });
  });
  it('refuses a decision dated before the application', () => {
    spec.given(history.submitted()).when('ApproveExchange', f.approve('2023-03-14').data).thenRefuses(BCN_RULES.DATE_OUT_OF_ORDER);
  });
  it('only an admin approves or rejects; assessors run the rest', () => {
    const { commands } = createBcnDefinition();
    expect([commands.ApproveExchange.roles, commands.RejectExchange.roles]).toEqual([['admin'], ['admin']]);
    for (const type of [
      'DraftExchange',
      'SubmitExchange',
      'ProposeExchange',
      'ScheduleExchange',
      'RecordImplementation',
      'SubmitReport',
      'RecordFollowUp',
      'CloseExchange',
      'WithdrawExchange',
    ]) {
      expect([type, commands[type].roles]).toEqual([type, ['assessor', 'admin']]);
    }
  });
  it.each([
    ['draft', history.draft],
    ['submitted', history.submitted],
    ['proposed', history.proposed],
    ['approved', history.approved],
    ['scheduled', history.scheduled],
  ])('withdraws an exchange that is %s (before implementation)', (_name, given) => {
    spec
      .given(given())
      .when('WithdrawExchange', f.withdraw('2023-08-01').data)
      .then({ type: 'ExchangeWithdrawn', to: 'withdrawn', data: { requestedBy: 'sendingNpo' } });
  });
  it('cannot withdraw once implemented, nor twice', () => {
    spec
      .given(history.implemented())
      .when('WithdrawExchange', f.withdraw('2023-09-10').data)
      .thenRefuses('ILLEGAL_TRANSITION', { allowedEvents: ['ExchangeReported'] });
    spec
      .given([...history.draft(), f.withdraw('2023-02-02')])
      .when('WithdrawExchange', f.withdraw('2023-02-03').data)
      .thenRefuses('ILLEGAL_TRANSITION');
  });
  it('rejects an unknown command naming the known ones', () => {
    spec.given().when('FastTrackExchange', {}).thenRefuses('VALIDATION_FAILED');
  });
});
