import { describe, expect, it } from '@jest/globals';
import { layoutMachine, stateWords, within, words, type Box, type Machine, type MachineState } from './diagram-layout';

const leaf = (id: string, type: MachineState['type'] = 'atomic'): MachineState => ({ id, key: id.split('.').pop() ?? id, type, states: [] });
const t = (from: string, to: string, event: string, extra: { guard?: string; toPriorState?: boolean } = {}) => ({
  from,
  to,
  event,
  toPriorState: false,
  ...extra,
});

/** A small life: applied, reviewed, then active through two years (a compound state), suspended and back, or withdrawn. */
const MACHINE: Machine = {
  programme: 'coe',
  definition: 'sample',
  version: 1,
  initial: 'applied',
  states: [
    leaf('applied'),
    leaf('underReview'),
    {
      id: 'active',
      key: 'active',
      type: 'compound',
      initial: 'active.year1',
      states: [leaf('active.year1'), leaf('active.year2')],
    },
    leaf('suspended'),
    leaf('withdrawn', 'final'),
  ],
  transitions: [
    t('applied', 'underReview', 'ReviewStarted'),
    t('applied', 'withdrawn', 'CoeWithdrawn'),
    t('underReview', 'active', 'CoeDesignated'),
    t('underReview', 'withdrawn', 'CoeWithdrawn'),
    t('active.year1', 'active.year2', 'PhaseAdvanced', { guard: 'hasAdvanceAssessment' }),
    t('active', 'suspended', 'CoeSuspended'),
    t('active', 'withdrawn', 'CoeWithdrawn'),
    t('active', 'withdrawn', 'CoeTerminated'),
    t('suspended', 'active', 'CoeReinstated', { toPriorState: true }),
  ],
};

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const contains = (outer: Box, inner: Box) =>
  outer.x <= inner.x && outer.y <= inner.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;

describe('layoutMachine: the state diagram drawn by hand', () => {
  const layout = layoutMachine(MACHINE, 'active.year1', ['PhaseAdvanced', 'CoeSuspended', 'CoeWithdrawn']);
  const box = (id: string) => layout.boxes.find((b) => b.state.id === id) as Box;

  it('draws every state once; a compound state is a box around its children', () => {
    expect(layout.boxes.map((b) => b.state.id).sort()).toEqual(['active', 'active.year1', 'active.year2', 'applied', 'suspended', 'underReview', 'withdrawn']);
    expect(contains(box('active'), box('active.year1'))).toBe(true);
    expect(contains(box('active'), box('active.year2'))).toBe(true);
  });

  it('puts states in rows from the initial state, the ends of a life in a column on the right; no two states overlap', () => {
    expect(box('applied').y).toBeLessThan(box('underReview').y);
    expect(box('underReview').y).toBeLessThan(box('active').y);
    expect(box('active.year1').y).toBeLessThan(box('active.year2').y);
    expect(box('withdrawn').x).toBeGreaterThan(Math.max(box('active').x + box('active').w, box('suspended').x + box('suspended').w));
    const leaves = layout.boxes.filter((b) => b.state.states.length === 0);
    for (const a of leaves) for (const b of leaves) if (a !== b) expect([a.state.id, b.state.id, overlap(a, b)]).toEqual([a.state.id, b.state.id, false]);
  });

  it('makes the current state taller (room for the words "current state")', () => {
    expect(box('active.year1').h).toBeGreaterThan(box('active.year2').h);
  });

  it('draws one arrow per pair of states, its events listed, and highlights those allowed now from the current state', () => {
    const arrows = Object.fromEntries(layout.arrows.map((a) => [`${a.from}→${a.to}`, a]));
    expect(Object.keys(arrows)).toHaveLength(8);
    expect(arrows['active→withdrawn'].label).toBe('CoeWithdrawn, CoeTerminated');
    expect(arrows['suspended→active'].label).toBe('CoeReinstated (to prior state)');
    expect(layout.arrows.filter((a) => a.allowed).map((a) => `${a.from}→${a.to}`)).toEqual([
      'active.year1→active.year2',
      'active→suspended',
      'active→withdrawn',
    ]);
  });

  it('keeps every box and label inside the viewBox', () => {
    const { x, y, width, height } = layout.viewBox;
    for (const b of layout.boxes) expect(b.x >= x && b.y >= y && b.x + b.w <= x + width && b.y + b.h <= y + height).toBe(true);
    for (const a of layout.arrows) expect(a.labelAt.x >= x && a.labelAt.y >= y && a.labelAt.x <= x + width && a.labelAt.y <= y + height).toBe(true);
  });
});

describe('state names in words', () => {
  it('splits camel case and numbers, and joins the path with ›', () => {
    expect([words('underReview'), words('year1'), words('continuedSupport')]).toEqual(['under review', 'year 1', 'continued support']);
    expect(stateWords('active.delivery.year1')).toBe('active › delivery › year 1');
  });

  it('knows a state inside another', () => {
    expect([within('active.year1', 'active'), within('active', 'active'), within('activeX', 'active')]).toEqual([true, true, false]);
  });
});
