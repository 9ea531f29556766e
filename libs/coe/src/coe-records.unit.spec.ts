import { specification } from '@apo/engine/testing';
import { createCoeDefinition } from './coe-definition';
import { COE_RULES } from './coe-rules';
import * as f from './testing/coe-fixtures';

const spec = specification(createCoeDefinition(), f.NOW);
const { history } = f;

describe('COE annual proposals', () => {
  it('accepts a proposal from a delivering COE by 31 March', () => {
    spec
      .given(history.year1())
      .when('SubmitProposal', f.submitProposal(2027, '2027-03-31').data)
      .then({
        type: 'AnnualProposalSubmitted',
        data: { programmeYear: 2027, closingDate: '2027-03-31', late: false },
      });
  });
  it('refuses a late proposal with the closing date', () => {
    spec
      .given(history.year1())
      .when('SubmitProposal', f.submitProposal(2027, '2027-04-01').data)
      .thenRefuses(COE_RULES.PROPOSAL_CLOSING_DATE_PASSED, { closingDate: '2027-03-31' });
  });
  it('uses the closing date configured for the programme year', () => {
    const configured = specification(createCoeDefinition({ proposalClosingDates: { 2027: '2027-04-30' } }), f.NOW);
    configured
      .given(history.year1())
      .when('SubmitProposal', f.submitProposal(2027, '2027-04-15').data)
      .then({ type: 'AnnualProposalSubmitted', data: { closingDate: '2027-04-30' } });
    configured.given(history.year2()).when('SubmitProposal', f.submitProposal(2028, '2028-04-15').data).thenRefuses(COE_RULES.PROPOSAL_CLOSING_DATE_PASSED);
  });
  it('accepts a late proposal after an admin waiver, marking it late', () => {
    spec
      .given([...history.year1(), f.waive(2027, '2027-04-02')])
      .when('SubmitProposal', f.submitProposal(2027, '2027-04-10').data)
      .then({
        type: 'AnnualProposalSubmitted',
        data: { late: true },
      });
  });
  it('records one waiver per programme year', () => {
    spec
      .given([...history.year1(), f.waive(2027, '2027-04-02')])
      .when('WaiveClosingDate', f.waive(2027, '2027-04-03').data)
      .thenRefuses(COE_RULES.WAIVER_ALREADY_RECORDED);
  });
  it('takes proposals only from existing COEs (delivery and replication)', () => {
    spec.given(history.designation()).when('SubmitProposal', f.submitProposal(2026, '2026-03-01').data).thenRefuses('ILLEGAL_TRANSITION');
    spec.given(history.designation()).when('WaiveClosingDate', f.waive(2026, '2026-03-01').data).thenRefuses('ILLEGAL_TRANSITION');
    spec.given(history.replication()).when('SubmitProposal', f.submitProposal(2030, '2030-03-01').data).then({ type: 'AnnualProposalSubmitted' });
  });
  it('allows one open proposal per year, and a new one after it was returned', () => {
    const submitted = [...history.year1(), f.submitProposal(2027, '2027-03-01')];
    spec
      .given(submitted)
      .when('SubmitProposal', f.submitProposal(2027, '2027-03-02', 'p-2027-b').data)
      .thenRefuses(COE_RULES.PROPOSAL_ALREADY_SUBMITTED);
    spec
      .given([...submitted, f.returnProposal('p-2027', '2027-03-05')])
      .when('SubmitProposal', f.submitProposal(2027, '2027-03-20', 'p-2027-b').data)
      .then({ type: 'AnnualProposalSubmitted' });
    spec
      .given([...submitted, f.returnProposal('p-2027', '2027-03-05')])
      .when('SubmitProposal', f.submitProposal(2027, '2027-03-20').data)
      .thenRefuses(COE_RULES.PROPOSAL_ID_TAKEN);
  });
  it('approves or returns a submitted proposal once', () => {
    const submitted = [...history.year1(), f.submitProposal(2027, '2027-03-01')];
    spec
      .given(submitted)
      .when('ApproveProposal', f.approveProposal('p-2027', '2027-04-10').data)
      .then({ type: 'AnnualProposalApproved', data: { programmeYear: 2027 } });
    spec
      .given(submitted)
      .when('ReturnProposal', f.returnProposal('p-2027', '2027-04-10').data)
      .then({ type: 'AnnualProposalReturned', data: { reason: 'budget unclear' } });
    spec
      .given([...submitted, f.approveProposal('p-2027', '2027-04-10')])
      .when('ReturnProposal', f.returnProposal('p-2027', '2027-04-11').data)
      .thenRefuses(COE_RULES.PROPOSAL_NOT_PENDING);
    spec.given(submitted).when('ApproveProposal', f.approveProposal('p-1999', '2027-04-10').data).thenRefuses(COE_RULES.PROPOSAL_NOT_FOUND);
  });
});

describe('COE activities, publications and replication', () => {
  it('records an activity with participants by member economy', () => {
    spec
      .given(history.designation())
      .when('RecordActivity', f.recordActivity('2025-10-01').data)
      .then({
        type: 'ActivityRecorded',
        to: 'active.designation',
        data: {
          kind: 'training',
          participants: [
            { economy: 'MY', count: 12 },
            { economy: 'TH', count: 3 },
          ],
        },
      });
  });
  it('names the participant whose economy is not an APO member', () => {
    const data = f.recordActivity('2025-10-01', {
      participants: [
        { economy: 'MY', count: 1 },
        { economy: 'US', count: 2 },
      ],
    }).data;
    const error = spec.given(history.designation()).when('RecordActivity', data).thenRefuses('VALIDATION_FAILED');
    expect(error.message).toContain('participants[1].economy');
  });
  it('refuses an activity before the launch or before designation', () => {
    spec.given(history.designation()).when('RecordActivity', f.recordActivity('2025-06-30').data).thenRefuses(COE_RULES.DATE_BEFORE_LAUNCH);
    spec.given(history.underReview()).when('RecordActivity', f.recordActivity('2025-03-01').data).thenRefuses('ILLEGAL_TRANSITION');
  });
  it('records publications of the three kinds only', () => {
    spec.given(history.year2()).when('RecordPublication', f.recordPublication('2027-11-01', 'manual').data).then({ type: 'PublicationRecorded' });
    spec.given(history.year2()).when('RecordPublication', f.recordPublication('2027-11-01', 'blogPost').data).thenRefuses('VALIDATION_FAILED');
  });
  it('records replication to another member economy during replication, optionally via a BCN exchange', () => {
    spec
      .given(history.replication())
      .when('RecordReplication', f.recordReplication('2029-10-01', 'VN', 'bcn-2029-07').data)
      .then({
        type: 'ReplicationRecorded',
        data: { targetEconomy: 'VN', bcnExchangeId: 'bcn-2029-07' },
      });
  });
  it('refuses replication to the COE’s own economy or before the replication phase', () => {
    spec.given(history.replication()).when('RecordReplication', f.recordReplication('2029-10-01', 'MY').data).thenRefuses(COE_RULES.REPLICATION_SAME_ECONOMY);
    spec.given(history.year3()).when('RecordReplication', f.recordReplication('2028-10-01').data).thenRefuses('ILLEGAL_TRANSITION');
  });
});
