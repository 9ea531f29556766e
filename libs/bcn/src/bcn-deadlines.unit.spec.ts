import { DEADLINE_RULES, type Command } from '@apo/engine';
import { eventsOf, specification, stateFromEvents } from '@apo/engine/testing';
import { createBcnDefinition } from './bcn-definition';
import { bcnDeadlines } from './bcn-deadlines';
import type { BcnContext } from './bcn-model';
import * as f from './testing/bcn-fixtures';

const definition = createBcnDefinition();
const spec = specification(definition, f.NOW);
const { history } = f;

const openAfter = (commands: readonly Command[], config = {}) => {
  const state = stateFromEvents(definition, eventsOf(definition, commands, f.NOW));
  return bcnDeadlines(config, state.state, state.context as BcnContext).map((d) => `${d.key} ${d.dueDate}`);
};

describe('BCN deadlines', () => {
  it('owes a draft every window of its programme year still open when it was drafted', () => {
    expect(openAfter(history.draft())).toEqual(['window:2023-1 2023-03-31', 'window:2023-2 2023-06-30']);
    expect(openAfter([f.draft({ draftedOn: '2023-04-10' })])).toEqual(['window:2023-2 2023-06-30']);
    expect(openAfter(history.draft(), { closingDates: { 2023: ['2023-05-15'] } })).toEqual(['window:2023-1 2023-05-15']);
  });

  it('owes nothing while the Secretariat decides or the exchange is being arranged', () => {
    for (const reached of [history.submitted(), history.proposed(), history.approved(), history.scheduled()]) expect(openAfter(reached)).toEqual([]);
  });

  it('owes the report 30 days after implementation and the first follow-up 6 months after the report, as configured', () => {
    expect(openAfter(history.implemented())).toEqual(['report 2023-10-08']);
    expect(openAfter(history.implemented(), { reportDueDays: 14 })).toEqual(['report 2023-09-22']);
    expect(openAfter(history.reported())).toEqual(['follow-up 2024-04-15']);
    expect(openAfter(history.reported(), { followUpDueMonths: 3 })).toEqual(['follow-up 2024-01-15']);
  });

  it('owes nothing once a follow-up is recorded or the exchange ended', () => {
    for (const reached of [history.followUp(), history.closed(), history.rejected(), [...history.submitted(), f.withdraw('2023-04-01')]])
      expect(openAfter(reached)).toEqual([]);
  });

  it('writes the window, report and follow-up notices as their own events', () => {
    spec
      .given(history.draft())
      .when('NoteDeadline', { deadline: 'window:2023-1', dueDate: '2023-03-31', stage: 'overdue' })
      .then({ type: 'ApplicationWindowClosed', to: 'draft' });
    spec
      .given(history.implemented())
      .when('NoteDeadline', { deadline: 'report', dueDate: '2023-10-08', stage: 'due' })
      .then({ type: 'ReportFellDue', to: 'implemented' });
    spec
      .given(history.reported())
      .when('NoteDeadline', { deadline: 'follow-up', dueDate: '2024-04-15', stage: 'lead-7' })
      .then({ type: 'FollowUpDueSoon', data: { daysBefore: 7 } });
  });

  it('refuses a notice for a deadline no longer open', () => {
    spec
      .given(history.submitted())
      .when('NoteDeadline', { deadline: 'window:2023-1', dueDate: '2023-03-31', stage: 'overdue' })
      .thenRefuses(DEADLINE_RULES.NOT_OPEN);
  });

  it('takes the NoteDeadline command from the system role only', () => {
    expect(definition.commands.NoteDeadline.roles).toEqual(['system']);
  });
});
