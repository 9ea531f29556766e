import { DEADLINE_RULES, type Command } from '@apo/engine';
import { eventsOf, specification, stateFromEvents } from '@apo/engine/testing';
import * as f from '../testing/coe-v2-fixtures';
import type { CoeV2Config } from './coe-v2-calendar';
import { coeV2Deadlines, coeV2IsOverdue } from './coe-v2-deadlines';
import { createCoeDefinitionV2 } from './coe-v2-definition';
import { describeCoeV2 } from './coe-v2-describe';
import type { CoeV2Context } from './coe-v2-model';

const definition = createCoeDefinitionV2();
const spec = specification(definition, f.NOW);
const { history } = f;

const stateAfter = (commands: readonly Command[], config: CoeV2Config = {}, now = f.NOW) => {
  const def = createCoeDefinitionV2(config);
  const state = stateFromEvents(def, eventsOf(def, commands, now));
  return { state: state.state, context: state.context as CoeV2Context };
};
/** The deadlines open after `commands`, as `key due-date`. */
const openAfter = (commands: readonly Command[], config: CoeV2Config = {}, now = f.NOW) => {
  const { state, context } = stateAfter(commands, config, now);
  return coeV2Deadlines(config, state, context).map((d) => `${d.key} ${d.dueDate}`);
};

describe('COE v2 deadlines: one definition of due and overdue', () => {
  it('owes nothing before designation, and the launch while designated', () => {
    expect(openAfter(history.underReview())).toEqual([]);
    expect(openAfter(history.designated())).toEqual(['launch 2031-03-01']);
  });

  it('owes the period assessment, then the step it recommends, by the same due date', () => {
    expect(openAfter(history.designation())).toEqual(['assessment:designation 2026-07-01']);
    expect(openAfter([...history.designation(), f.assess('advance', '2026-06-15')])).toEqual(['decision:designation 2026-07-01']);
    expect(openAfter([...history.designation(), f.assess('extend', '2026-06-15')])).toEqual(['decision:designation 2026-07-01']);
    expect(openAfter([...history.designation(), f.assess('extend', '2026-06-15'), f.extendBySecretariat('2026-06-20', '2026-10-01')])).toEqual([
      'assessment:designation 2026-10-01',
    ]);
  });

  it('makes "overdue" and "open deadlines" agree for a COE whose last assessment recommended extend', () => {
    const { state, context } = stateAfter([...history.designation(), f.assess('extend', '2026-06-15')]);
    const [decision] = coeV2Deadlines({}, state, context);
    expect(decision).toMatchObject({ kind: 'decision', label: 'Extension decision on designation', dueDate: '2026-07-01' });
    expect(coeV2IsOverdue({}, state, context, '2026-07-01')).toBe(false);
    expect(coeV2IsOverdue({}, state, context, '2026-07-02')).toBe(true);
    expect(describeCoeV2({}, state, context)).toMatchObject({ dueDate: '2026-07-01', nextDeadline: { key: 'decision:designation' }, openDeadlines: 1 });
  });

  it('owes each proposal whose closing date falls certainly within the period', () => {
    expect(openAfter(history.year1())).toEqual(['assessment:delivery.year1 2027-07-01', 'proposal:2027 2027-03-31']);
    expect(openAfter([...history.year1(), f.submitProposal(2027, '2027-03-01')])).toEqual(['assessment:delivery.year1 2027-07-01']);
    // A year-precise period (2016 to 2017) may or may not hold 31 March of either year: no proposal is claimed.
    const yearly = [
      f.submitApplication({ appliedOn: '2014' }),
      { type: 'StartReview', data: { startedOn: '2014' } },
      f.designate('2015', '2014'),
      f.assess('advance', '2015'),
      f.advance('2016'),
    ];
    expect(openAfter(yearly)).toEqual(['assessment:delivery.year1 2017-12-31']);
  });

  it('gives a partial due date its last day, and keeps the date as stated in the label', () => {
    const monthly = [f.submitApplication({ appliedOn: '2015-01' }), { type: 'StartReview', data: { startedOn: '2015-02' } }, f.designate('2015-04', '2015-03')];
    const { state, context } = stateAfter(monthly);
    expect(coeV2Deadlines({}, state, context)).toEqual([
      { key: 'assessment:designation', kind: 'assessment', dueDate: '2016-04-30', label: 'Assessment of designation (due 2016-04)' },
    ]);
    expect(coeV2IsOverdue({}, state, context, '2016-04-30')).toBe(false);
    expect(coeV2IsOverdue({}, state, context, '2016-05-01')).toBe(true);
    expect(describeCoeV2({}, state, context)).toMatchObject({ periodDueDate: '2016-04', dueDate: '2016-04-30' });
  });

  it('owes a status assessment N months after the cycle end, then after the last one; never "overdue in replication"', () => {
    expect(openAfter(history.network())).toEqual(['statusAssessment:1 2032-07-01']);
    expect(openAfter([...history.network(), f.assessStatus('continuedSupport', '2030-12-01')])).toEqual(['statusAssessment:2 2032-12-01']);
    expect(openAfter(history.network(), { statusAssessmentMonths: 12 })).toEqual(['statusAssessment:1 2031-07-01']);
    const { state, context } = stateAfter(history.network());
    expect(describeCoeV2({}, state, context)).toMatchObject({ phase: 'network', stage: 'continuedSupport', period: null, dueDate: '2032-07-01' });
  });

  it('keeps the deadlines of where a suspended COE was, without proposals', () => {
    expect(openAfter([...history.year1(), f.suspend('2026-09-01')])).toEqual(['assessment:delivery.year1 2027-07-01']);
    expect(openAfter([...history.network(), f.suspend('2030-09-01')])).toEqual(['statusAssessment:1 2032-07-01']);
  });

  it('owes nothing once ended', () => {
    expect(openAfter([...history.network(), f.decideStage('retired', '2030-12-01', 'governingBody')])).toEqual([]);
    expect(openAfter([...history.year1(), f.withdraw('2026-09-01')])).toEqual([]);
  });

  it('opens no deadline while a COE is entered from history, and opens them (overdue if past) once it is up to date', () => {
    const imported = [f.submitApplication({ historical: true }), ...history.year1().slice(1)];
    expect(openAfter(imported)).toEqual([]);
    const upToDate = [...imported, f.completeHistoricalEntry('2031-01-15')];
    expect(openAfter(upToDate)).toEqual(['assessment:delivery.year1 2027-07-01', 'proposal:2027 2027-03-31']);
    const { state, context } = stateAfter(upToDate);
    expect(coeV2IsOverdue({}, state, context, '2031-01-15')).toBe(true);
    expect(describeCoeV2({}, state, context)).toMatchObject({ historical: false, upToDate: '2031-01-15', dueDate: '2027-03-31' });
  });

  it('refuses a notice for a COE under historical entry (the scheduler writes none)', () => {
    const imported = [f.submitApplication({ historical: true }), ...history.designation().slice(1)];
    spec
      .given(imported)
      .when('NoteDeadline', { deadline: 'assessment:designation', dueDate: '2026-07-01', stage: 'overdue' })
      .thenRefuses(DEADLINE_RULES.NOT_OPEN);
  });

  it('accepts the notices of each kind where that deadline is open', () => {
    const designated = specification(definition, new Date('2031-02-20T00:00:00Z'));
    designated
      .given(history.designated())
      .when('NoteDeadline', { deadline: 'launch', dueDate: '2031-03-01', stage: 'lead-14' })
      .then({ type: 'LaunchDueSoon', to: 'designated' });
    spec
      .given([...history.designation(), f.assess('extend', '2026-06-15')])
      .when('NoteDeadline', { deadline: 'decision:designation', dueDate: '2026-07-01', stage: 'overdue' })
      .then({ type: 'DecisionBecameOverdue' });
    spec
      .given(history.year1())
      .when('NoteDeadline', { deadline: 'proposal:2027', dueDate: '2027-03-31', stage: 'due' })
      .then({ type: 'ProposalClosingDateReached' });
    const late = specification(definition, new Date('2032-08-01T00:00:00Z'));
    late
      .given(history.network())
      .when('NoteDeadline', { deadline: 'statusAssessment:1', dueDate: '2032-07-01', stage: 'overdue' })
      .then({ type: 'StatusAssessmentBecameOverdue', to: 'network.continuedSupport' });
    late
      .given([...history.network(), f.suspend('2030-09-01')])
      .when('NoteDeadline', { deadline: 'statusAssessment:1', dueDate: '2032-07-01', stage: 'due' })
      .then({ type: 'StatusAssessmentFellDue', to: 'suspended' });
  });

  it('describes the host, the Governing Body meetings and the planned and actual launch', () => {
    const given = [...history.underReview(), f.designate('2031-03-01', '2030-11-20'), f.launch('2031-01-10')];
    const { state, context } = stateAfter(given, {}, new Date('2031-02-01T00:00:00Z'));
    expect(describeCoeV2({}, state, context)).toMatchObject({
      nominatingNpo: 'Malaysia Productivity Corporation',
      hostInstitution: { name: 'Malaysia Productivity Corporation', type: 'npo' },
      designation: { meeting: '65th Governing Body Meeting, Manila', decisionDate: '2030-11-20' },
      plannedLaunchDate: '2031-03-01',
      launchDate: '2031-01-10',
      governingBodyDecisions: [{ decision: 'designationDecision', meeting: '65th Governing Body Meeting, Manila', decisionDate: '2030-11-20' }],
      phase: 'designation',
      status: 'in designation',
    });
    const designated = stateAfter(history.designated());
    expect(describeCoeV2({}, designated.state, designated.context)).toMatchObject({
      phase: 'designated',
      status: 'designated, launching on 2031-03-01',
      dueDate: '2031-03-01',
    });
  });
});
