import { specification } from '@apo/engine/testing';
import { COE_RULES } from '../coe-rules';
import * as f from '../testing/coe-v2-fixtures';
import { createCoeDefinitionV2 } from './coe-v2-definition';

const spec = specification(createCoeDefinitionV2({ proposalClosingDates: { 2028: '2028-04-15' } }), f.NOW);
const { history } = f;

describe('COE v2 records: any order, within the COE life', () => {
  it('takes records in any order, dated as known', () => {
    const given = [...history.year2(), f.recordActivity('2027-10-01')];
    spec
      .given(given)
      .when('RecordActivity', f.recordActivity('2026', { activityId: 'act-2026' }).data)
      .then({ type: 'ActivityRecorded', data: { date: '2026' } });
    spec
      .given(given)
      .when('RecordPublication', f.recordPublication('2025-08').data)
      .then({ type: 'PublicationRecorded', data: { date: '2025-08' } });
  });
  it('refuses a record before the launch, naming the launch date, but not one that may be on or after it', () => {
    const error = spec
      .given(history.year1())
      .when('RecordActivity', f.recordActivity('2025-06-30').data)
      .thenRefuses(COE_RULES.DATE_BEFORE_LAUNCH, { launchDate: '2025-07-01' });
    expect(error.message).toBe("date 2025-06-30 is before the COE's launch on 2025-07-01");
    spec.given(history.year1()).when('RecordActivity', f.recordActivity('2025-07').data).then({ type: 'ActivityRecorded' });
    spec.given(history.year1()).when('RecordActivity', f.recordActivity('2031-02').data).thenRefuses(COE_RULES.DATE_IN_FUTURE);
  });
  it('records each id once, pointing to corrections', () => {
    spec
      .given([...history.year1(), f.recordActivity('2026-10-01')])
      .when('RecordActivity', f.recordActivity('2026-10-01').data)
      .thenRefuses(COE_RULES.RECORD_ID_TAKEN, { activityId: 'act-2026-10-01' });
  });
  it('names the submission date and the closing date of a late proposal', () => {
    const error = spec
      .given(history.year2())
      .when('SubmitProposal', f.submitProposal(2028, '2028-04-16').data)
      .thenRefuses(COE_RULES.PROPOSAL_CLOSING_DATE_PASSED, { submittedOn: '2028-04-16', closingDate: '2028-04-15' });
    expect(error.message).toBe('submitted on 2028-04-16, after the 2028 closing date 2028-04-15; an admin may record a waiver');
  });
  it('counts a proposal dated only to its month as late only when the whole month is after the closing date', () => {
    spec
      .given(history.year2())
      .when('SubmitProposal', f.submitProposal(2028, '2028-04').data)
      .then({ type: 'AnnualProposalSubmitted', data: { late: false, closingDate: '2028-04-15' } });
    spec.given(history.year2()).when('SubmitProposal', f.submitProposal(2028, '2028-05').data).thenRefuses(COE_RULES.PROPOSAL_CLOSING_DATE_PASSED);
    spec
      .given([...history.year2(), f.waive(2028, '2028-04-20')])
      .when('SubmitProposal', f.submitProposal(2028, '2028-05').data)
      .then({ type: 'AnnualProposalSubmitted', data: { late: true } });
  });
  it('keeps replication to another economy and proposal bookkeeping as in version 1', () => {
    spec.given(history.replication()).when('RecordReplication', f.recordReplication('2029-10-01', 'MY').data).thenRefuses(COE_RULES.REPLICATION_SAME_ECONOMY);
    spec.given(history.year1()).when('ApproveProposal', f.approveProposal('p-2027', '2027-04-01').data).thenRefuses(COE_RULES.PROPOSAL_NOT_FOUND);
    spec
      .given([...history.year1(), f.submitProposal(2027, '2027-03-01'), f.approveProposal('p-2027', '2027-04-01')])
      .when('ReturnProposal', f.returnProposal('p-2027', '2027-04-02').data)
      .thenRefuses(COE_RULES.PROPOSAL_NOT_PENDING);
  });
});
