import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { ALARM_POLL_MS, AuditAlarmGate } from './alarm-gate';
import type { AlarmSource, OpenAlarm } from './alarm-source';

const alarm: OpenAlarm = { id: 1, kind: 'truncated', summary: 'truncated tail from leaf 97 / position 98', detectedAt: '2031-01-01T00:00:00.000Z' };

/** A source answering `answers` in turn (the last one again after), counting the questions. */
function scripted(...answers: (readonly OpenAlarm[] | Error)[]): AlarmSource & { asked: number } {
  const source = {
    asked: 0,
    async openAlarms() {
      const answer = answers[Math.min(source.asked, answers.length - 1)];
      source.asked++;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return source;
}

describe('AuditAlarmGate', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('asks the source at most once per second however often it is asked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 60 }), async (steps) => {
        let now = 0;
        const source = scripted([]);
        const gate = new AuditAlarmGate(source, () => now);
        const asks: number[] = [];
        for (const step of steps) {
          now += step;
          const before = source.asked;
          await gate.openAlarms();
          if (source.asked > before) asks.push(now);
        }
        expect(asks[0]).toBe(steps[0]);
        asks.slice(1).forEach((at, i) => expect(at - asks[i]).toBeGreaterThanOrEqual(ALARM_POLL_MS));
      }),
    );
  });

  it('sees an alarm opened, then acknowledged, within a second', async () => {
    let now = 0;
    const gate = new AuditAlarmGate(scripted([], [alarm], []), () => now);
    expect(await gate.openAlarms()).toEqual([]);
    now += 500;
    expect(await gate.openAlarms()).toEqual([]);
    now += ALARM_POLL_MS;
    expect(await gate.openAlarms()).toEqual([alarm]);
    now += ALARM_POLL_MS;
    expect(await gate.openAlarms()).toEqual([]);
  });

  it('callers at the same moment share one question', async () => {
    const source = scripted([alarm]);
    const gate = new AuditAlarmGate(source, () => 0);
    expect(await Promise.all([gate.openAlarms(), gate.openAlarms(), gate.openAlarms()])).toEqual([[alarm], [alarm], [alarm]]);
    expect(source.asked).toBe(1);
  });

  it('a failing source keeps the last answer: an open alarm stays open, none stays none', async () => {
    let now = 0;
    const gate = new AuditAlarmGate(scripted([alarm], new Error('read store unreachable')), () => now);
    expect(await gate.openAlarms()).toEqual([alarm]);
    now += ALARM_POLL_MS;
    expect(await gate.openAlarms()).toEqual([alarm]);
    const quiet = new AuditAlarmGate(scripted(new Error('read store unreachable')), () => 0);
    expect(await quiet.openAlarms()).toEqual([]);
    const odd = new AuditAlarmGate({ openAlarms: async () => 'no' as unknown as OpenAlarm[] }, () => 0);
    expect(await odd.openAlarms()).toEqual([]);
  });
});
