import fc from 'fast-check';
import { decide, DefinitionRegistry, fold, seal, verifyStream, type Command, type EnvelopedEvent } from '@apo/engine';
import { stateFromEvents } from '@apo/engine/testing';
import { createBcnDefinition } from './bcn-definition';
import { ELIGIBLE_CATEGORIES, PARTICIPANT_CATEGORIES, PARTICIPANT_LIMITS, type Modality } from './bcn-model';
import { BCN_RULES } from './bcn-rules';
import * as f from './testing/bcn-fixtures';

const definition = createBcnDefinition();
const registry = new DefinitionRegistry([definition]);
const actor = { id: 'assessor:test', role: 'admin' };

/** A pool of commands along an exchange's calendar; random picks are kept when the engine accepts them. */
const pool: Command[] = [
  f.submit(),
  f.submit('2023-07-02'),
  f.propose(),
  f.approve(),
  f.reject(),
  f.schedule(),
  f.schedule({ scheduledOn: '2023-06-01', modality: 'virtual', participants: f.roster(9) }),
  f.schedule({ scheduledOn: '2023-06-02', participants: f.roster(6) }),
  f.implement(),
  f.report(),
  f.followUp('2023-12-01'),
  f.followUp('2024-01-20'),
  f.close(),
  f.withdraw('2023-08-01'),
];

/** Runs the draft and then the picks through decide + seal, as the service does. */
function record(picks: number[]): EnvelopedEvent[] {
  const stored: EnvelopedEvent[] = [];
  [f.draft(), ...picks.map((p) => pool[p])].forEach((command, n) => {
    const state = fold(definition, stored);
    const decision = decide(definition, state, command, f.NOW);
    if (!decision.ok) return;
    stored.push(
      ...seal({
        definition,
        streamId: 'bcn-prop',
        firstRevision: state.revision + 1,
        prevHash: state.lastHash,
        events: decision.events,
        command: { actor, commandId: `cmd-${n}`, recordedAt: f.NOW.toISOString(), effectiveDate: '2023-01-01' },
      }),
    );
  });
  return stored;
}

const participant = fc.record({ name: fc.constant('P'), position: fc.constant('Director'), category: fc.constantFrom(...PARTICIPANT_CATEGORIES) });

describe('BCN histories (property)', () => {
  it('replay reproduces every recorded state and the hash chain holds', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { maxLength: 30 }), (picks) => {
        const stored = record(picks);
        const result = verifyStream(registry, 'bcn-prop', stored);
        expect(result.divergences).toEqual([]);
        expect(result.finalState?.state).toBe(stored.at(-1)?.metadata.to);
        expect(result.finalState?.state).toBe(stateFromEvents(definition, stored).state);
      }),
      { numRuns: 200 },
    );
  });

  it('schedules a roster exactly when it fits the modality, everyone is eligible and the host is another NPO', () => {
    const approved = stateFromEvents(definition, record([0, 3]));
    fc.assert(
      fc.property(
        fc.constantFrom<Modality>('virtual', 'faceToFace'),
        fc.array(participant, { minLength: 1, maxLength: 14 }),
        fc.constantFrom('TH', 'LA', 'MY'),
        (modality, participants, hostingNpo) => {
          const decision = decide(definition, approved, f.schedule({ modality, participants, hostingNpo }), f.NOW);
          const fits = participants.length <= PARTICIPANT_LIMITS[modality];
          const eligible = participants.every((p) => (ELIGIBLE_CATEGORIES as readonly string[]).includes(p.category));
          expect(decision.ok).toBe(fits && eligible && hostingNpo !== 'LA');
          if (!decision.ok) expect([BCN_RULES.TOO_MANY_PARTICIPANTS, BCN_RULES.PARTICIPANT_NOT_ELIGIBLE, BCN_RULES.SAME_NPO]).toContain(decision.error.code);
        },
      ),
      { numRuns: 300 },
    );
  });
});
