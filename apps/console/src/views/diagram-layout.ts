import type { components } from '../api-schema';

export type Machine = components['schemas']['ProgrammeMachine'];
export type MachineState = components['schemas']['MachineState'];
export type MachineTransition = components['schemas']['MachineTransition'];

/** A state's box, in SVG units from the diagram's top left. */
export interface Box {
  readonly state: MachineState;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** One arrow between two boxes: every transition between the same two states drawn as one, its events listed. */
export interface Arrow {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** SVG path data. */
  readonly path: string;
  readonly labelAt: { readonly x: number; readonly y: number };
  /** One of its events is allowed now (from the current state). */
  readonly allowed: boolean;
}

export interface Layout {
  /** The SVG's viewBox: every box and label inside it. */
  readonly viewBox: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly boxes: readonly Box[];
  readonly arrows: readonly Arrow[];
}

const CHAR = 7.4;
const LEAF_H = 40;
const CURRENT_H = 58;
const PAD = 14;
const HEADER = 26;
const GAP_X = 56;
const GAP_Y = 72;
const MARGIN = 16;
/** The width of one character of an arrow's label (11px). */
export const LABEL_CHAR = 6.2;

/** A state's key in words: `underReview` → "under review", `year1` → "year 1". */
export const words = (key: string): string =>
  key
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();

/** A state id in words, its compound states first: `active.delivery.year1` → "active › delivery › year 1". */
export const stateWords = (id: string): string => id.split('.').map(words).join(' › ');

/** `id` is `ancestor` or inside it. */
export const within = (id: string, ancestor: string): boolean => id === ancestor || id.startsWith(`${ancestor}.`);

interface Sized {
  readonly state: MachineState;
  readonly w: number;
  readonly h: number;
  /** Children's places relative to this box (compound states). */
  readonly children: readonly Placed[];
}
interface Placed {
  readonly sized: Sized;
  readonly x: number;
  readonly y: number;
}

/**
 * Rows of siblings by their distance from the initial sibling, following the transitions between
 * them (a transition from or to a descendant counts for the sibling that holds it); siblings no
 * path reaches start a row after the last.
 */
function ranks(siblings: readonly MachineState[], initial: string | undefined, transitions: readonly MachineTransition[]): MachineState[][] {
  const holder = (id: string) => siblings.find((s) => within(id, s.id));
  const next = new Map<string, Set<MachineState>>(siblings.map((s) => [s.id, new Set()]));
  for (const t of transitions) {
    const a = holder(t.from);
    const b = holder(t.to);
    if (a && b && a !== b) next.get(a.id)?.add(b);
  }
  const rank = new Map<string, number>();
  const visit = (start: MachineState, r: number) => {
    rank.set(start.id, r);
    const queue = [start];
    while (queue.length > 0) {
      const s = queue.shift() as MachineState;
      for (const n of next.get(s.id) ?? []) {
        if (rank.has(n.id)) continue;
        rank.set(n.id, (rank.get(s.id) ?? 0) + 1);
        queue.push(n);
      }
    }
  };
  const first = siblings.find((s) => s.id === initial) ?? siblings[0];
  if (first) visit(first, 0);
  for (const s of siblings) if (!rank.has(s.id)) visit(s, Math.max(...rank.values(), -1) + 1);
  const rows: MachineState[][] = [];
  for (const s of siblings) (rows[rank.get(s.id) ?? 0] ??= []).push(s);
  return rows.filter((row) => row !== undefined);
}

/** Siblings in rows by rank, the ends of a life (final states, states nothing leaves) in a column on the right, each beside its rank's row. */
function arrange(
  siblings: readonly MachineState[],
  initial: string | undefined,
  machine: Machine,
  current: string,
): { w: number; h: number; placed: Placed[] } {
  const ranked = ranks(siblings, initial, machine.transitions);
  // The ends of a life: final states, and states nothing leaves (a COE withdrawn or terminated).
  const isFinal = (s: MachineState) => s.type === 'final' || !machine.transitions.some((t) => within(t.from, s.id) && !within(t.to, s.id));
  const mainOnly = siblings.some((s) => !isFinal(s));
  const rows = ranked.map((row) => row.filter((s) => !mainOnly || !isFinal(s)).map((s) => size(s, machine, current)));
  const rowW = rows.map((row) => row.reduce((sum, s) => sum + s.w, 0) + GAP_X * Math.max(0, row.length - 1));
  const mainW = Math.max(0, ...rowW);
  const placed: Placed[] = [];
  const rowTop: number[] = [];
  let y = 0;
  rows.forEach((row, i) => {
    rowTop.push(y);
    let x = (mainW - rowW[i]) / 2;
    for (const sized of row) {
      placed.push({ sized, x, y });
      x += sized.w + GAP_X;
    }
    if (row.length > 0) y += Math.max(...row.map((s) => s.h)) + GAP_Y;
  });
  let h = Math.max(0, y - GAP_Y);
  let w = mainW;
  if (mainOnly) {
    const finals = ranked.flatMap((row, i) => row.filter(isFinal).map((s) => ({ sized: size(s, machine, current), top: rowTop[i] ?? 0 })));
    const column = mainW + (mainW > 0 ? GAP_X * 2 : 0);
    let free = 0;
    for (const { sized, top } of finals) {
      const at = Math.max(top, free);
      placed.push({ sized, x: column, y: at });
      free = at + sized.h + GAP_Y / 2;
      w = Math.max(w, column + sized.w);
      h = Math.max(h, at + sized.h);
    }
  }
  return { w, h, placed };
}

function size(state: MachineState, machine: Machine, current: string): Sized {
  const label = words(state.key);
  if (state.states.length === 0) {
    const marked = state.id === current;
    const w = Math.max(100, label.length * CHAR + 28, marked ? 'current state'.length * CHAR + 28 : 0);
    return { state, w, h: marked ? CURRENT_H : LEAF_H, children: [] };
  }
  const inner = arrange(state.states, state.initial, machine, current);
  return {
    state,
    w: Math.max(inner.w + 2 * PAD, label.length * CHAR + 2 * PAD),
    h: inner.h + HEADER + PAD,
    children: inner.placed.map((p) => ({ ...p, x: p.x + PAD + Math.max(0, (label.length * CHAR - inner.w) / 2), y: p.y + HEADER })),
  };
}

/** Where the segment from the centre of `box` towards (tx, ty) leaves the box. */
function edgeOf(box: Box, tx: number, ty: number): { x: number; y: number } {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const scale = Math.min(dx === 0 ? Infinity : box.w / 2 / Math.abs(dx), dy === 0 ? Infinity : box.h / 2 / Math.abs(dy));
  return { x: cx + dx * scale, y: cy + dy * scale };
}

const round = (n: number): number => Math.round(n * 10) / 10;

interface Point {
  readonly x: number;
  readonly y: number;
}

/** An arrow's path and where along it its label may go (`t` from 0 at the source to 1 at the target). */
function arrow(from: Box, to: Box, bend: number): { path: string; at: (t: number) => Point } {
  if (within(to.state.id, from.state.id) || within(from.state.id, to.state.id)) {
    // Into a child of the compound it leaves (or out to the compound holding it): a short hook from the compound's left side.
    const [outer, inner] = within(to.state.id, from.state.id) ? [from, to] : [to, from];
    const y = inner.y + inner.h / 2;
    const [x1, x2] = outer === from ? [outer.x, inner.x] : [inner.x, outer.x];
    const bow = Math.min(outer.x, inner.x) - 24;
    const path = `M${round(x1)},${round(y - 6)} C${round(bow)},${round(y - 6)} ${round(bow)},${round(y + 6)} ${round(x2)},${round(y + 6)}`;
    return { path, at: (t) => ({ x: bow - 4, y: y - 14 + (t - 0.5) * 40 }) };
  }
  const start = edgeOf(from, to.x + to.w / 2, to.y + to.h / 2);
  const end = edgeOf(to, from.x + from.w / 2, from.y + from.h / 2);
  const mx = (start.x + end.x) / 2;
  const my = (start.y + end.y) / 2;
  const length = Math.hypot(end.x - start.x, end.y - start.y) || 1;
  // Arrows back up the page (and a second arrow between the same two states) bow to one side.
  const offset = end.y < start.y - 1 ? 48 + bend : bend;
  const cx = mx + (-(end.y - start.y) / length) * offset;
  const cy = my + ((end.x - start.x) / length) * offset;
  const path = `M${round(start.x)},${round(start.y)} Q${round(cx)},${round(cy)} ${round(end.x)},${round(end.y)}`;
  const at = (t: number): Point => ({
    x: round((1 - t) * (1 - t) * start.x + 2 * t * (1 - t) * cx + t * t * end.x),
    y: round((1 - t) * (1 - t) * start.y + 2 * t * (1 - t) * cy + t * t * end.y + 4),
  });
  return { path, at };
}

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}
const overlaps = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const labelRect = (label: string, p: Point): Rect => ({ x: p.x - (label.length * LABEL_CHAR) / 2 - 2, y: p.y - 11, w: label.length * LABEL_CHAR + 4, h: 14 });
/** Where a label may go along its arrow, best first. */
const ALONG = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];
const ASIDE = [0, 13, -13, 26, -26, 39, -39, 52, -52];
const SAMPLES = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
const inside = (r: Rect, p: Point): boolean => p.x > r.x && p.x < r.x + r.w && p.y > r.y && p.y < r.y + r.h;

/** The machine laid out in rows from its initial state, compound states as boxes around their children, `current` (a state id) taller. */
export function layoutMachine(machine: Machine, current: string, allowedEvents: readonly string[] = []): Layout {
  const root = arrange(machine.states, machine.initial, machine, current);
  const boxes: Box[] = [];
  const place = ({ sized, x, y }: Placed, dx: number, dy: number) => {
    boxes.push({ state: sized.state, x: x + dx, y: y + dy, w: sized.w, h: sized.h });
    for (const child of sized.children) place(child, x + dx, y + dy);
  };
  for (const p of root.placed) place(p, 0, 0);
  const byId = new Map(boxes.map((b) => [b.state.id, b]));

  const pairs = new Map<string, { from: string; to: string; events: string[]; allowed: boolean }>();
  for (const t of machine.transitions) {
    const key = `${t.from}→${t.to}`;
    const pair = pairs.get(key) ?? { from: t.from, to: t.to, events: [], allowed: false };
    const event = t.toPriorState ? `${t.event} (to prior state)` : t.event;
    if (!pair.events.includes(event)) pair.events.push(event);
    if (within(current, t.from) && allowedEvents.includes(t.event)) pair.allowed = true;
    pairs.set(key, pair);
  }
  // Labels go where they cover no state and no other label (the first free place along the arrow, then beside it).
  const taken: Rect[] = boxes.map((b) => (b.state.states.length > 0 ? { x: b.x, y: b.y, w: b.w, h: HEADER } : b));
  const arrows: Arrow[] = [];
  for (const pair of pairs.values()) {
    const from = byId.get(pair.from);
    const to = byId.get(pair.to);
    if (!from || !to) continue;
    const reverse = pairs.has(`${pair.to}→${pair.from}`);
    // An arrow that would cross another state bows around it (the first bend that crosses none).
    const others = boxes.filter((b) => b.state.states.length === 0 && b !== from && b !== to);
    const crosses = (a: ReturnType<typeof arrow>) => others.some((b) => SAMPLES.some((t) => inside(b, a.at(t))));
    const bends = (reverse ? [18, 48, -30, 90] : [0, 40, -40, 80, -80]).map((bend) => arrow(from, to, bend));
    const { path, at } = bends.find((a) => !crosses(a)) ?? bends[0];
    const label = pair.events.join(', ');
    const candidates = ASIDE.flatMap((dy) => ALONG.map((t) => ({ x: at(t).x, y: at(t).y + dy })));
    const labelAt = candidates.find((p) => !taken.some((r) => overlaps(r, labelRect(label, p)))) ?? candidates[0];
    taken.push(labelRect(label, labelAt));
    arrows.push({ from: pair.from, to: pair.to, label, allowed: pair.allowed, path, labelAt });
  }
  const xs = [
    ...boxes.flatMap((b) => [b.x, b.x + b.w]),
    ...arrows.flatMap((a) => [a.labelAt.x - (a.label.length * LABEL_CHAR) / 2, a.labelAt.x + (a.label.length * LABEL_CHAR) / 2]),
  ];
  const ys = [...boxes.flatMap((b) => [b.y, b.y + b.h]), ...arrows.flatMap((a) => [a.labelAt.y - 10, a.labelAt.y + 10])];
  const x = Math.floor(Math.min(...xs, 0) - MARGIN);
  const y = Math.floor(Math.min(...ys, 0) - MARGIN);
  return { viewBox: { x, y, width: Math.ceil(Math.max(...xs, root.w) + MARGIN - x), height: Math.ceil(Math.max(...ys, root.h) + MARGIN - y) }, boxes, arrows };
}
