import fc from 'fast-check';
import { decide, DefinitionRegistry, fold, seal, verifyStream, type Command, type EnvelopedEvent, type UntrustedEvent } from '@apo/engine';
import { stateFromEvents } from '@apo/engine/testing';
import { createCoeDefinition } from './coe-definition';
import * as f from './testing/coe-fixtures';

const definition = createCoeDefinition();
const registry = new DefinitionRegistry([definition]);
const actor = { id: 'assessor:test', role: 'admin' };

/** A pool of commands along a COE's calendar; random picks are kept when the engine accepts them. */
const pool: Command[] = [
  f.submitApplication(),
  f.startReview(),
  f.designate(),
  ...['2026-06-01', '2027-06-01', '2028-06-01', '2029-06-01', '2030-06-01'].flatMap((d) => [
    f.assess('advance', d),
    f.assess('extend', d),
    f.assess('terminate', d),
  ]),
  ...['2026-07-01', '2027-07-01', '2028-07-01', '2029-07-01', '2030-07-01'].map((d) => f.advance(d)),
  f.extend(3, '2026-06-02'),
  f.extend(2, '2028-06-02'),
  f.suspend('2027-08-01'),
  f.reinstate('2027-09-01'),
  f.submitProposal(2028, '2028-03-01'),
  f.approveProposal('p-2028', '2028-04-01'),
  f.recordActivity('2027-10-01'),
  f.recordPublication('2028-10-01'),
  f.recordReplication('2029-10-01'),
  f.withdraw('2030-12-01'),
  { type: 'TerminateCoe', data: { basis: 'assessment', reason: 'weak', terminatedOn: '2030-12-01' } },
];

/** Runs picks through decide + seal, like the service does, and returns the stored events. */
function record(picks: number[]): EnvelopedEvent[] {
  const stored: EnvelopedEvent[] = [];
  picks.forEach((pick, n) => {
    const state = fold(definition, stored);
    const command = pool[pick];
    const decision = decide(definition, state, command, f.NOW);
    if (!decision.ok) return;
    const sealed = seal({
      definition,
      streamId: 'coe-prop',
      firstRevision: state.revision + 1,
      prevHash: state.lastHash,
      events: decision.events,
      command: { actor, commandId: `cmd-${n}`, recordedAt: f.NOW.toISOString(), effectiveDate: '2026-01-01' },
    });
    stored.push(...sealed);
  });
  return stored;
}

const serialize = (e: EnvelopedEvent): string =>
  JSON.stringify({ streamId: e.streamId, revision: e.revision, eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata });

/** Reads the stored form back; an unreadable record is broken at its own revision. */
function firstBroken(rows: string[]): number | undefined {
  const events: UntrustedEvent[] = [];
  for (let i = 0; i < rows.length; i++) {
    try {
      events.push(JSON.parse(rows[i]) as UntrustedEvent);
    } catch {
      return verifyStream(registry, 'coe-prop', events).divergences[0]?.revision ?? i;
    }
  }
  return verifyStream(registry, 'coe-prop', events).divergences[0]?.revision;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const picks = fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 5, maxLength: 60 });

describe('COE histories (property)', () => {
  it('replay reproduces every recorded `to` state and the hash chain holds', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 0, maxLength: 60 }), (p) => {
        const stored = record([0, 1, 2, ...p]);
        const result = verifyStream(registry, 'coe-prop', stored);
        expect(result.divergences).toEqual([]);
        expect(result.finalState?.state).toBe(stored.at(-1)?.metadata.to);
        expect(result.finalState?.state).toBe(stateFromEvents(definition, stored).state);
      }),
      { numRuns: 150 },
    );
  });

  it('changing any byte of any stored event breaks validation at exactly that event', () => {
    fc.assert(
      fc.property(picks, fc.nat(), fc.nat(), fc.nat(), (p, whichEvent, whichChar, replacement) => {
        const rows = record([0, 1, 2, ...p]).map(serialize);
        const i = whichEvent % rows.length;
        const positions = [...rows[i]].flatMap((ch, at) => (ALNUM.includes(ch) ? [at] : []));
        const at = positions[whichChar % positions.length];
        const original = rows[i][at];
        const candidates = ALNUM.replace(original, '');
        rows[i] = rows[i].slice(0, at) + candidates[replacement % candidates.length] + rows[i].slice(at + 1);
        expect(firstBroken(rows)).toBe(i);
      }),
      { numRuns: 300 },
    );
  });

  it('an edit that leaves a later guard without its field is reported at the edited event, not thrown (seed 759257745)', () => {
    // Designated's `period.key` edited to `aey`: PhaseExtended's guard later reads `period.key.split`.
    const rows = record([0, 1, 2, 16, 23, 3, 0, 0, 0, 3]).map(serialize);
    expect(rows[2]).toContain('"period":{"key":"designation"');
    rows[2] = rows[2].replace('"period":{"key":"designation"', '"period":{"aey":"designation"');
    expect(firstBroken(rows)).toBe(2);
    const events = rows.map((row) => JSON.parse(row) as UntrustedEvent);
    const result = verifyStream(registry, 'coe-prop', events);
    expect(result.divergences.at(-1)).toMatchObject({ kind: 'allowed', actual: expect.stringMatching(/^PhaseExtended \(.*split/) });
    expect(result.finalState).toBeUndefined();
  });

  it('an untouched history verifies clean', () => {
    expect(firstBroken(record([0, 1, 2, 3, 4, 5]).map(serialize))).toBeUndefined();
  });
});
