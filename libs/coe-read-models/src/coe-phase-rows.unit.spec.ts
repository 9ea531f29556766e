import type { RecordedEvent } from '@apo/event-store';
import type { CoePhaseHistoryTable } from '@apo/read-store';
import { foldPhase, noPhases } from './coe-phase-rows';

let position = 0n;
/** A version 2 event of COE `x` as the log holds it, dated `on`. */
const event = (type: string, on: string, data: Record<string, unknown>): RecordedEvent =>
  ({
    streamId: 'coe-x',
    revision: Number(position),
    position: ++position,
    type,
    data,
    metadata: { version: 2, effectiveDate: on, recordedAt: '2031-01-01T00:00:00.000Z', to: '', actor: { id: 'a', role: 'admin' } },
  }) as unknown as RecordedEvent;

function rows(events: RecordedEvent[]): CoePhaseHistoryTable[] {
  const phases = noPhases();
  const kept = new Map<string, CoePhaseHistoryTable>();
  for (const e of events) foldPhase(phases, e, (row) => kept.set(row.period, row));
  return [...kept.values()];
}

const period = (key: string, start: string, dueDate: string) => ({ key, start, dueDate });

describe('phase rows of version 2', () => {
  it('a network stage entered again is a row of its own (#2); a decision for the stage it is in changes nothing', () => {
    const network = rows([
      event('CycleCompleted', '2030-07-01', { completedOn: '2030-07-01', fromPeriod: 'replication', cycleEnd: '2030-07-01' }),
      event('NextStageDecided', '2031-01-10', { stage: 'continuedSupport' }),
      event('NextStageDecided', '2032-02-01', { stage: 'networkMember' }),
      event('NextStageDecided', '2033-03-01', { stage: 'continuedSupport' }),
      event('NextStageDecided', '2034-04-01', { stage: 'retired' }),
    ]);
    expect(network.map((r) => [r.period, r.started_on, r.ended_on, r.outcome])).toEqual([
      ['network.continuedSupport', '2030-07-01', '2032-02-01', 'stageChanged'],
      ['network.member', '2032-02-01', '2033-03-01', 'stageChanged'],
      ['network.continuedSupport#2', '2033-03-01', '2034-04-01', 'retired'],
    ]);
  });

  it('on schedule when the end is by the due date, late when after it, null when a month or year cannot tell; no duration without two days', () => {
    const [designation, year1, year2] = rows([
      event('CoeLaunched', '2015-04', { launchedOn: '2015-04', period: period('designation', '2015-04', '2016-04') }),
      event('PhaseAdvanced', '2016-04', { period: period('delivery.year1', '2016-04', '2017-04') }),
      event('PhaseAdvanced', '2017-04-10', { period: period('delivery.year2', '2017-04', '2018-04-01') }),
      event('PhaseAdvanced', '2018-04', { period: period('delivery.year3', '2018-04-01', '2019-04-01') }),
    ]);
    expect([designation.on_schedule, designation.duration_days]).toEqual([1, null]);
    expect([year1.ended_on, year1.on_schedule]).toEqual(['2017-04-10', 1]);
    expect([year2.due_date, year2.ended_on, year2.on_schedule]).toEqual(['2018-04-01', '2018-04', null]);
    const late = rows([
      event('CoeLaunched', '2020-01-01', { launchedOn: '2020-01-01', period: period('designation', '2020-01-01', '2021-01-01') }),
      event('PhaseAdvanced', '2021-02', { period: period('delivery.year1', '2021-01-01', '2022-01-01') }),
    ]);
    expect([late[0].on_schedule, late[0].duration_days]).toEqual([0, null]);
  });
});
