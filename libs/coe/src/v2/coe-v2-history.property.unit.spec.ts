import fc from 'fast-check';
import { decide, definitelyBefore, DefinitionRegistry, fold, seal, verifyStream, type Command, type EnvelopedEvent } from '@apo/engine';
import { createCoeDefinition } from '../coe-definition';
import * as f from '../testing/coe-v2-fixtures';
import { COE_V2_EFFECTIVE_DATE_FIELDS, createCoeDefinitionV2 } from './coe-v2-definition';
import { latestFact } from './coe-v2-dates';
import type { CoeV2Context } from './coe-v2-model';

const definition = createCoeDefinitionV2();
const registry = new DefinitionRegistry([createCoeDefinition(), definition]);
const actor = { id: 'assessor:test', role: 'admin' };
const { correct } = f;

/** A pool of version 2 commands along a COE's calendar, partial dates and corrections included; random picks are kept when the engine accepts them. */
const pool: Command[] = [
  f.submitApplication({ appliedOn: '2025-01' }),
  f.startReview(),
  f.designate(),
  ...['2026-06', '2027-06-01', '2028-06-01', '2029', '2030-06-01'].flatMap((d) => [f.assess('advance', d), f.assess('extend', d), f.assess('terminate', d)]),
  ...['2026-07-01', '2027-07', '2028-07-01', '2029-07-01', '2030-07-01'].map((d) => f.advance(d)),
  f.extendBySecretariat('2026-06-02', '2026-10-01'),
  f.extendByGoverningBody('2028-06-02', '2029-12'),
  f.suspend('2027-08-01'),
  f.reinstate('2027-09-01'),
  f.submitProposal(2028, '2028-03-01'),
  f.approveProposal('p-2028', '2028-04-01'),
  f.recordActivity('2027-10-01'),
  f.recordPublication('2028'),
  f.recordReplication('2029-10-01'),
  f.assessStatus('networkMember', '2030-09-01'),
  f.decideStage('networkMember', '2030-10-01'),
  f.completeHistoricalEntry('2030-12-01'),
  correct({ fact: 'launch' }, { date: '2025-07-15' }),
  correct({ fact: 'advance', period: 'designation' }, { date: '2026-07-20' }),
  correct({ assessmentId: 'a-2027-06-01-advance' }, { overall: 3.5 }),
  correct({ activityId: 'act-2027-10-01' }, { date: '2027-11' }),
  f.withdraw('2030-12-01'),
  f.terminate('2030-12-01'),
];

/** Runs picks through decide + seal as the workflow service does (each event's own business date first), returning the stored events. */
function record(picks: number[]): EnvelopedEvent[] {
  const stored: EnvelopedEvent[] = [];
  picks.forEach((pick, n) => {
    const state = fold(definition, stored);
    const command = pool[pick];
    const decision = decide(definition, state, command, f.NOW);
    if (!decision.ok) return;
    const stated = command.data[COE_V2_EFFECTIVE_DATE_FIELDS[command.type]];
    const envelope = { actor, commandId: `cmd-${n}`, recordedAt: f.NOW.toISOString(), effectiveDate: typeof stated === 'string' ? stated : '2031-01-15' };
    stored.push(
      ...seal({ definition, streamId: 'coe-prop', firstRevision: state.revision + 1, prevHash: state.lastHash, events: decision.events, command: envelope }),
    );
  });
  return stored;
}

describe('COE v2 histories (property)', () => {
  it('replay reproduces every recorded state on version 2 and the hash chain holds', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { maxLength: 60 }), (p) => {
        const stored = record([0, 1, 2, ...p]);
        const result = verifyStream(registry, 'coe-prop', stored);
        expect(result.divergences).toEqual([]);
        expect(result.finalState?.state).toBe(stored.at(-1)?.metadata.to);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps life-cycle facts in date order: none is definitely before a fact recorded earlier, corrections included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { maxLength: 60 }), (p) => {
        const { timeline } = fold(definition, record([0, 1, 2, ...p])).context as CoeV2Context;
        timeline.forEach((fact, i) => {
          const latest = latestFact(timeline.slice(0, i));
          if (latest) expect([fact, definitelyBefore(fact.date, latest.date)]).toEqual([fact, false]);
        });
      }),
      { numRuns: 150 },
    );
  });
});
