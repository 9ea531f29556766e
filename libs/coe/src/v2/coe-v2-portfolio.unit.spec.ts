import { decide, type NewEvent } from '@apo/engine';
import { stateFromEvents } from '@apo/engine/testing';
import { PORTFOLIO, SITTINGS, type Sitting } from '../testing/coe-v2-portfolio';
import { coeV2Deadlines, coeV2IsOverdue, coeV2WasOverdue } from './coe-v2-deadlines';
import { COE_V2_EFFECTIVE_DATE_FIELDS, createCoeDefinitionV2 } from './coe-v2-definition';
import { describeCoeV2 } from './coe-v2-describe';
import type { CoeV2Context } from './coe-v2-model';

const definition = createCoeDefinitionV2();
type Stored = NewEvent & { readonly effectiveDate: string; readonly sitting: Sitting };

/** Enters a COE's steps up to `last` sitting, each on its sitting's day, as the workflow service would (business date per event). */
function enter(id: string, last: Sitting): Stored[] {
  const stored: Stored[] = [];
  for (const { sitting, command } of PORTFOLIO[id].filter((step) => step.sitting <= last)) {
    const day = SITTINGS[sitting];
    const decision = decide(definition, stateFromEvents(definition, stored), command, new Date(`${day}T09:00:00Z`));
    if (!decision.ok) throw new Error(`${id}: ${command.type} refused: ${decision.error.code} ${decision.error.message}`);
    const stated = command.data[COE_V2_EFFECTIVE_DATE_FIELDS[command.type]];
    for (const event of decision.events)
      stored.push({ type: event.type, data: event.data, effectiveDate: event.effectiveDate ?? (typeof stated === 'string' ? stated : day), sitting });
  }
  return stored;
}

const folded = (events: readonly NewEvent[]) => {
  const state = stateFromEvents(definition, events);
  return { state: state.state, context: state.context as CoeV2Context };
};
/**
 * The COE as of a business date, by everything known, as the audit's time travel answers it
 * (docs/audit.md): the events in stream order up to the first one dated later.
 */
const asOf = (events: readonly Stored[], date: string) => {
  const firstLater = events.findIndex((e) => e.effectiveDate > date);
  return folded(firstLater < 0 ? events : events.slice(0, firstLater));
};
const now = (id: string, sitting: Sitting = 2) => folded(enter(id, sitting));
const open = (id: string, sitting: Sitting = 2) => {
  const { state, context } = now(id, sitting);
  return coeV2Deadlines({}, state, context).map((d) => `${d.key} ${d.dueDate}`);
};
/** [state, overdue] on each business date, by everything entered. */
const timeline = (id: string, dates: string[]) => {
  const events = enter(id, 3);
  return dates.map((date) => {
    const { state, context } = asOf(events, date);
    return [date, state, coeV2WasOverdue({}, state, context, date)];
  });
};

describe('the real portfolio, entered into version 2', () => {
  it('writes no notice between the two sittings: imported COEs owe nothing until brought up to date', () => {
    for (const id of ['jp-pilot', 'th-food-safety', 'my-lean-health', 'sg-business-excellence', 'ph-agri']) {
      const { state, context } = now(id, 1);
      expect([id, coeV2Deadlines({}, state, context)]).toEqual([id, []]);
      expect(describeCoeV2({}, state, context)).toMatchObject({ historical: true, dueDate: null });
    }
  });

  it('the pilot: delivery year 2 extended by the Governing Body for two years, then the network, then retired', () => {
    expect(
      timeline('jp-pilot', ['2009-05-01', '2009-07-01', '2012-08-01', '2014-06-30', '2014-07-01', '2016-08-01', '2021-05-01', '2023-05-01', '2025-11-17']),
    ).toEqual([
      ['2009-05-01', 'designated', false],
      ['2009-07-01', 'active.designation', false],
      ['2012-08-01', 'active.delivery.year2', false],
      ['2014-06-30', 'active.delivery.year2', false],
      ['2014-07-01', 'active.delivery.year3', false],
      ['2016-08-01', 'network.continuedSupport', false],
      ['2021-05-01', 'network.member', false],
      ['2023-05-01', 'retired', false],
      ['2025-11-17', 'retired', false],
    ]);
    const { state, context } = now('jp-pilot');
    expect(describeCoeV2({}, state, context)).toMatchObject({
      extensions: [{ period: 'delivery.year2', decidedBy: 'governingBody', previousDueDate: '2012-07', until: '2014-07' }],
      governingBodyDecisions: [
        { decision: 'designationDecision', meeting: '50th Governing Body Meeting', decisionDate: '2009-04' },
        { decision: 'extension', meeting: '54th Governing Body Meeting', decisionDate: '2012-06' },
        { decision: 'nextStageDecision', meeting: '61st Governing Body Meeting', decisionDate: '2021-04' },
      ],
      ended: true,
    });
  });

  it('a host that is not an NPO: shown with its type and the nominating NPO; overdue once its extension ran out', () => {
    const { state, context } = now('th-food-safety');
    expect(describeCoeV2({}, state, context)).toMatchObject({
      hostInstitution: { name: 'National Food Institute', type: 'other' },
      nominatingNpo: 'Foundation for Thailand Productivity Institute',
      phase: 'replication',
      periodDueDate: '2025-06-30',
    });
    expect(open('th-food-safety')).toEqual(['assessment:replication 2025-06-30']);
    expect(coeV2IsOverdue({}, state, context, SITTINGS[2])).toBe(true);
    expect(timeline('th-food-safety', ['2022-01-01', '2024-10-01', '2025-06-30', '2025-07-01'])).toEqual([
      ['2022-01-01', 'active.delivery.year2', false],
      ['2024-10-01', 'active.replication', false],
      ['2025-06-30', 'active.replication', false],
      ['2025-07-01', 'active.replication', true],
    ]);
  });

  it('two COEs at one host: one overdue for its first status assessment only (never "overdue in replication"), one on time in delivery year 3', () => {
    const lean = now('my-lean-health');
    const digital = now('my-digital');
    expect([describeCoeV2({}, lean.state, lean.context).hostInstitution, describeCoeV2({}, digital.state, digital.context).hostInstitution]).toEqual([
      { name: 'Malaysia Productivity Corporation', type: 'npo' },
      { name: 'Malaysia Productivity Corporation', type: 'npo' },
    ]);
    expect(lean.state).toBe('network.continuedSupport');
    expect(open('my-lean-health')).toEqual(['statusAssessment:1 2023-07-01']);
    expect(coeV2IsOverdue({}, lean.state, lean.context, SITTINGS[2])).toBe(true);
    expect(digital.state).toBe('active.delivery.year3');
    expect(describeCoeV2({}, digital.state, digital.context).status).toBe('in delivery year 3');
    expect(open('my-digital')).toEqual(['assessment:delivery.year3 2026-08-01', 'proposal:2026 2026-03-31']);
    expect(coeV2IsOverdue({}, digital.state, digital.context, SITTINGS[2])).toBe(false);
    expect(timeline('my-lean-health', ['2020-01-01', '2021-07-01', '2023-07-01', '2023-07-02'])).toEqual([
      ['2020-01-01', 'active.delivery.year3', false],
      ['2021-07-01', 'network.continuedSupport', false],
      ['2023-07-01', 'network.continuedSupport', false],
      ['2023-07-02', 'network.continuedSupport', true],
    ]);
  });

  it('designated 2013 and still in the network in 2025: assessed in 2021 and 2023, not overdue until its next status assessment falls due', () => {
    const { state, context } = now('sg-business-excellence');
    expect(state).toBe('network.continuedSupport');
    expect(open('sg-business-excellence')).toEqual(['statusAssessment:3 2025-12-04']);
    expect(coeV2IsOverdue({}, state, context, SITTINGS[2])).toBe(false);
    expect(coeV2IsOverdue({}, state, context, '2025-12-05')).toBe(true);
    expect(timeline('sg-business-excellence', ['2014-08-01', '2015-07-01', '2019-07-01', '2021-07-02', '2021-08-20', '2024-01-01'])).toEqual([
      ['2014-08-01', 'active.designation', false],
      ['2015-07-01', 'active.delivery.year1', false],
      ['2019-07-01', 'network.continuedSupport', false],
      ['2021-07-02', 'network.continuedSupport', true],
      ['2021-08-20', 'network.continuedSupport', false],
      ['2024-01-01', 'network.continuedSupport', false],
    ]);
  });

  it('dates known to the month or year: ordered by their first day, due at their last', () => {
    // "Terminated in 2018" after an assessment of February 2018: shown once the assessment is.
    expect(timeline('ph-agri', ['2015-01-31', '2015-02-01', '2015-04-01', '2016-12-31', '2017-01-01', '2017-12-31', '2018-01-31', '2018-02-01'])).toEqual([
      ['2015-01-31', 'underReview', false],
      ['2015-02-01', 'designated', false],
      ['2015-04-01', 'active.designation', false],
      ['2016-12-31', 'active.delivery.year1', false],
      ['2017-01-01', 'active.delivery.year2', false],
      ['2017-12-31', 'active.delivery.year2', false],
      ['2018-01-31', 'active.delivery.year2', false],
      ['2018-02-01', 'terminated', false],
    ]);
    const { state, context } = asOf(enter('ph-agri', 2), '2016-12-31');
    expect(describeCoeV2({}, state, context)).toMatchObject({ periodStart: '2016-04', periodDueDate: '2017-04', dueDate: null, businessDueDate: '2017-03-31' });
    // The 2017 proposal (31 March lies certainly inside April 2016 to April 2017) is owed before the assessment.
  });

  it('designation decided months before the launch: designated, launching on the planned date, then launched on the actual one', () => {
    const designated = now('vn-green');
    expect(describeCoeV2({}, designated.state, designated.context)).toMatchObject({
      phase: 'designated',
      status: 'designated, launching on 2026-01-15',
      dueDate: '2026-01-15',
      historical: false,
    });
    expect(coeV2IsOverdue({}, designated.state, designated.context, SITTINGS[2])).toBe(false);
    expect(coeV2IsOverdue({}, designated.state, designated.context, '2026-01-16')).toBe(true);
    const launched = now('vn-green', 3);
    expect(describeCoeV2({}, launched.state, launched.context)).toMatchObject({
      phase: 'designation',
      plannedLaunchDate: '2026-01-15',
      launchDate: '2026-01-20',
      dueDate: '2027-01-20',
    });
    expect(timeline('vn-green', ['2025-06-11', '2025-06-12', '2026-01-19', '2026-01-20'])).toEqual([
      ['2025-06-11', 'underReview', false],
      ['2025-06-12', 'designated', false],
      ['2026-01-19', 'designated', true],
      ['2026-01-20', 'active.designation', false],
    ]);
  });
});
