import { DEADLINE_RULES } from '@apo/engine';
import { specification, stateFromEvents, eventsOf } from '@apo/engine/testing';
import type { Command } from '@apo/engine';
import { createCoeDefinition } from './coe-definition';
import { coeDeadlines } from './coe-deadlines';
import type { CoeContext } from './coe-model';
import * as f from './testing/coe-fixtures';

const definition = createCoeDefinition();
const spec = specification(definition, f.NOW);
const { history } = f;

/** The deadlines open after `commands`, as `key due-date`. */
const openAfter = (commands: readonly Command[], config = {}) => {
  const state = stateFromEvents(definition, eventsOf(definition, commands, f.NOW));
  return coeDeadlines(config, state.state, state.context as CoeContext).map((d) => `${d.key} ${d.dueDate}`);
};
const note = (deadline: string, dueDate: string, stage: string) => ({ deadline, dueDate, stage });

describe('COE deadlines', () => {
  it('owes nothing before designation', () => {
    expect(openAfter(history.underReview())).toEqual([]);
  });

  it('owes the designation assessment at the launch anniversary, until an assessment is recorded', () => {
    expect(openAfter(history.designation())).toEqual(['assessment:designation 2026-07-01']);
    expect(openAfter([...history.designation(), f.assess('advance', '2026-06-15')])).toEqual([]);
  });

  it('moves the assessment with an extension', () => {
    expect(openAfter([...history.designation(), f.assess('extend', '2026-06-10'), f.extend(3, '2026-06-12')])).toEqual(['assessment:designation 2026-10-01']);
  });

  it('owes each delivery year the assessment and the proposal whose closing date falls in the year', () => {
    expect(openAfter(history.year1())).toEqual(['assessment:delivery.year1 2027-07-01', 'proposal:2027 2027-03-31']);
    expect(openAfter([...history.year1(), f.submitProposal(2027, '2027-03-01')])).toEqual(['assessment:delivery.year1 2027-07-01']);
    expect(openAfter([...history.year1(), f.submitProposal(2027, '2027-03-01'), f.returnProposal('p-2027', '2027-03-10')])).toContain(
      'proposal:2027 2027-03-31',
    );
    expect(openAfter(history.replication())).toEqual(['assessment:replication 2030-07-01', 'proposal:2030 2030-03-31']);
  });

  it('uses configured closing dates', () => {
    expect(openAfter(history.year1(), { proposalClosingDates: { 2027: '2027-04-30' } })).toContain('proposal:2027 2027-04-30');
  });

  it('keeps the assessment but no proposal while suspended, and nothing once the life has ended', () => {
    expect(openAfter([...history.year1(), f.suspend('2026-12-01')])).toEqual(['assessment:delivery.year1 2027-07-01']);
    expect(openAfter(history.graduated())).toEqual([]);
    expect(openAfter([...history.year1(), f.withdraw('2026-12-01')])).toEqual([]);
  });
});

describe("COE NoteDeadline (the scheduler's system command)", () => {
  it("writes the stage's own event for an open deadline, changing no state", () => {
    spec
      .given(history.designation())
      .when('NoteDeadline', note('assessment:designation', '2026-07-01', 'lead-30'))
      .then({
        type: 'AssessmentDueSoon',
        to: 'active.designation',
        data: { deadline: 'assessment:designation', dueDate: '2026-07-01', stage: 'lead-30', daysBefore: 30, noticeDate: '2026-06-01', kind: 'assessment' },
      });
    spec
      .given(history.designation())
      .when('NoteDeadline', note('assessment:designation', '2026-07-01', 'due'))
      .then({ type: 'AssessmentFellDue' });
    spec
      .given(history.designation())
      .when('NoteDeadline', note('assessment:designation', '2026-07-01', 'overdue'))
      .then({ type: 'AssessmentBecameOverdue', data: { noticeDate: '2026-07-02' } });
    spec
      .given(history.year1())
      .when('NoteDeadline', note('proposal:2027', '2027-03-31', 'overdue'))
      .then({ type: 'ProposalWindowClosed', to: 'active.delivery.year1' });
  });

  it('accepts a notice while suspended', () => {
    spec
      .given([...history.year1(), f.suspend('2026-12-01')])
      .when('NoteDeadline', note('assessment:delivery.year1', '2027-07-01', 'due'))
      .then({ type: 'AssessmentFellDue', to: 'suspended' });
  });

  it('refuses a deadline that is met, moved or unknown, and a notice before its day', () => {
    const assessed = [...history.designation(), f.assess('advance', '2026-06-15')];
    spec
      .given(assessed)
      .when('NoteDeadline', note('assessment:designation', '2026-07-01', 'due'))
      .thenRefuses(DEADLINE_RULES.NOT_OPEN);
    const extended = [...history.designation(), f.assess('extend', '2026-06-10'), f.extend(3, '2026-06-12')];
    spec
      .given(extended)
      .when('NoteDeadline', note('assessment:designation', '2026-07-01', 'overdue'))
      .thenRefuses(DEADLINE_RULES.NOT_OPEN, { open: '2026-10-01' });
    spec
      .given(history.designation())
      .when('NoteDeadline', note('proposal:2026', '2026-03-31', 'due'))
      .thenRefuses(DEADLINE_RULES.NOT_OPEN);
    const early = specification(definition, new Date('2026-05-31T09:00:00Z'));
    early
      .given(history.designation())
      .when('NoteDeadline', note('assessment:designation', '2026-07-01', 'lead-30'))
      .thenRefuses(DEADLINE_RULES.NOT_YET, { noticeDate: '2026-06-01' });
  });

  it('refuses a malformed stage', () => {
    spec
      .given(history.designation())
      .when('NoteDeadline', note('assessment:designation', '2026-07-01', 'soon'))
      .thenRefuses('VALIDATION_FAILED');
  });
});
