import { specification } from '@apo/engine/testing';
import { createBcnDefinition } from './bcn-definition';
import { BCN_RULES } from './bcn-rules';
import * as f from './testing/bcn-fixtures';

const spec = specification(createBcnDefinition(), f.NOW);
const { history } = f;

describe('BCN exchange: scheduling', () => {
  it('schedules an approved exchange: dates, modality, hosting NPO and roster', () => {
    spec
      .given(history.approved())
      .when('ScheduleExchange', f.schedule().data)
      .then({
        type: 'ExchangeScheduled',
        to: 'scheduled',
        data: { modality: 'faceToFace', hostingNpo: { economy: 'TH', name: 'Foundation for Thailand Productivity Institute' }, participants: f.roster(4) },
      });
  });
  it.each([
    ['faceToFace', 4],
    ['virtual', 10],
  ])('takes up to the limit of a %s exchange (%s overseas participants)', (modality, limit) => {
    spec
      .given(history.approved())
      .when('ScheduleExchange', f.schedule({ modality, participants: f.roster(limit) }).data)
      .then({ type: 'ExchangeScheduled' });
    const refused = spec
      .given(history.approved())
      .when('ScheduleExchange', f.schedule({ modality, participants: f.roster(limit + 1) }).data)
      .thenRefuses(BCN_RULES.TOO_MANY_PARTICIPANTS, { guard: 'withinParticipantLimit', listed: limit + 1, limit });
    expect(refused.message).toContain(`${limit + 1} participants are listed`);
  });
  it.each([['privateSector'], ['academic'], ['consultant'], ['other']])(
    'refuses a %s participant: only high-level officials, policymakers and NPO officials',
    (category) => {
      const participants = [...f.roster(2), { name: 'Dr. Ineligible Example', position: 'Professor', category }];
      const refused = spec
        .given(history.approved())
        .when('ScheduleExchange', f.schedule({ participants }).data)
        .thenRefuses(BCN_RULES.PARTICIPANT_NOT_ELIGIBLE, {
          ineligible: [{ name: participants[2].name, category }],
        });
      // The assessor reads who is refused, and why.
      expect(refused.message).toContain(`${participants[2].name} (${category})`);
      expect(refused.message).not.toContain('Participant 1');
    },
  );
  it('accepts a roster of the three eligible categories', () => {
    const participants = [...f.roster(1, 'highLevelOfficial'), ...f.roster(1, 'policymaker'), ...f.roster(1, 'npoOfficial')];
    spec.given(history.approved()).when('ScheduleExchange', f.schedule({ participants }).data).then({ type: 'ExchangeScheduled' });
  });
  it('refuses the sending NPO as host, and a host that is not an APO member', () => {
    spec
      .given(history.approved())
      .when('ScheduleExchange', f.schedule({ hostingNpo: 'LA' }).data)
      .thenRefuses(BCN_RULES.SAME_NPO);
    spec
      .given(history.approved())
      .when('ScheduleExchange', f.schedule({ hostingNpo: 'CN' }).data)
      .thenRefuses(BCN_RULES.UNKNOWN_ECONOMY, { field: 'hostingNpo' });
  });
  it('refuses an end before the start, an empty roster and an unknown category', () => {
    spec
      .given(history.approved())
      .when('ScheduleExchange', f.schedule({ endDate: '2023-09-03' }).data)
      .thenRefuses(BCN_RULES.END_BEFORE_START);
    spec
      .given(history.approved())
      .when('ScheduleExchange', f.schedule({ participants: [] }).data)
      .thenRefuses('VALIDATION_FAILED', { fields: [{ field: 'participants' }] });
    const error = spec
      .given(history.approved())
      .when('ScheduleExchange', f.schedule({ participants: f.roster(1, 'tourist') }).data)
      .thenRefuses('VALIDATION_FAILED');
    expect(error.message).toContain('participants[0].category');
  });
  it('schedules only after approval', () => {
    spec
      .given(history.submitted())
      .when('ScheduleExchange', f.schedule().data)
      .thenRefuses('ILLEGAL_TRANSITION', { allowedEvents: ['ExchangeApproved', 'ExchangeRejected', 'ExchangeWithdrawn'] });
  });
  it('reschedules under the same rules (e.g. face to face becomes virtual with a larger roster)', () => {
    spec
      .given(history.scheduled())
      .when('ScheduleExchange', f.schedule({ scheduledOn: '2023-06-01', modality: 'virtual', participants: f.roster(7) }).data)
      .then({ type: 'ExchangeScheduled', to: 'scheduled' });
    spec
      .given(history.scheduled())
      .when('ScheduleExchange', f.schedule({ scheduledOn: '2023-06-01', participants: f.roster(7) }).data)
      .thenRefuses(BCN_RULES.TOO_MANY_PARTICIPANTS);
    spec
      .given(history.scheduled())
      .when('ScheduleExchange', f.schedule({ scheduledOn: '2023-05-01' }).data)
      .thenRefuses(BCN_RULES.DATE_OUT_OF_ORDER);
  });
});

describe('BCN exchange: implementation, report, follow-up, closure', () => {
  it('records implementation on or after the scheduled start, not in the future', () => {
    spec
      .given(history.scheduled())
      .when('RecordImplementation', f.implement().data)
      .then({ type: 'ExchangeImplemented', to: 'implemented', data: { participantsAttended: 4 } });
    spec
      .given(history.scheduled())
      .when('RecordImplementation', f.implement('2023-09-03').data)
      .thenRefuses(BCN_RULES.DATE_OUT_OF_ORDER, { earliest: '2023-09-04' });
    spec.given(history.scheduled()).when('RecordImplementation', f.implement('2024-06-02').data).thenRefuses(BCN_RULES.DATE_IN_FUTURE);
    spec.given(history.approved()).when('RecordImplementation', f.implement().data).thenRefuses('ILLEGAL_TRANSITION');
  });
  it('takes the report once the exchange was held', () => {
    spec
      .given(history.implemented())
      .when('SubmitReport', f.report().data)
      .then({ type: 'ExchangeReported', to: 'reported', data: { outcomes: ['lean toolkit (Lao)'] } });
    spec.given(history.scheduled()).when('SubmitReport', f.report().data).thenRefuses('ILLEGAL_TRANSITION');
    spec.given(history.implemented()).when('SubmitReport', f.report('2023-09-07').data).thenRefuses(BCN_RULES.DATE_OUT_OF_ORDER);
  });
  it('records follow-up activities after the report, each once', () => {
    spec
      .given(history.reported())
      .when('RecordFollowUp', f.followUp().data)
      .then({ type: 'FollowUpRecorded', to: 'followUp', data: { kind: 'jointProject' } });
    spec
      .given(history.followUp())
      .when('RecordFollowUp', f.followUp('2024-02-10', 'fu-2', 'training').data)
      .then({ type: 'FollowUpRecorded', to: 'followUp' });
    spec
      .given(history.followUp())
      .when('RecordFollowUp', f.followUp('2024-02-10', 'fu-2024-01-20').data)
      .thenRefuses(BCN_RULES.FOLLOW_UP_ID_TAKEN, { followUpId: 'fu-2024-01-20' });
    spec.given(history.implemented()).when('RecordFollowUp', f.followUp().data).thenRefuses('ILLEGAL_TRANSITION');
  });
  it('dates a follow-up after the exchange (it may predate the report) and not in the future', () => {
    spec.given(history.reported()).when('RecordFollowUp', f.followUp('2023-09-20').data).then({ type: 'FollowUpRecorded' });
    spec.given(history.reported()).when('RecordFollowUp', f.followUp('2023-09-01').data).thenRefuses(BCN_RULES.DATE_OUT_OF_ORDER, { earliest: '2023-09-08' });
    spec.given(history.reported()).when('RecordFollowUp', f.followUp('2024-07-01').data).thenRefuses(BCN_RULES.DATE_IN_FUTURE);
  });
  it('closes after the report or the follow-ups, not before the last follow-up; closure is final', () => {
    spec.given(history.reported()).when('CloseExchange', f.close('2023-12-01').data).then({ type: 'ExchangeClosed', to: 'closed' });
    spec.given(history.followUp()).when('CloseExchange', f.close().data).then({ type: 'ExchangeClosed', to: 'closed' });
    spec.given(history.followUp()).when('CloseExchange', f.close('2024-01-19').data).thenRefuses(BCN_RULES.DATE_OUT_OF_ORDER, { earliest: '2024-01-20' });
    spec.given(history.closed()).when('RecordFollowUp', f.followUp('2024-04-01', 'fu-late').data).thenRefuses('ILLEGAL_TRANSITION', { allowedEvents: [] });
  });
});
