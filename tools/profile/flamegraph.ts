/**
 * A V8 `.cpuprofile` (from `node --cpu-prof`) as a static SVG flame graph: one box per call path,
 * as wide as the share of busy samples spent in it and its callees, callers below callees. Idle
 * samples are left out; paths under `minShare` of the busy samples are folded into their caller.
 * Hovering a box shows its function, file and share (the SVG's <title>).
 */

export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly samples?: readonly number[];
}

/** A call path in the merged tree: `total` samples in it and its callees, `self` in it alone. */
export interface Frame {
  readonly name: string;
  readonly file: string;
  total: number;
  self: number;
  readonly children: Map<string, Frame>;
}

const IDLE = '(idle)';

const label = (node: CpuProfileNode): { name: string; file: string } => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/(apps|libs|tools)\//, '$1/');
  return { name: functionName || '(anonymous)', file: url ? `${file}:${lineNumber + 1}` : '' };
};

/** The profile's call tree with sample counts, identical sibling frames merged, idle left out. */
export function callTree(profile: CpuProfile): Frame {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const hits = new Map<number, number>();
  if (profile.samples) for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  else for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  const root: Frame = { name: 'all', file: '', total: 0, self: 0, children: new Map() };
  const visit = (node: CpuProfileNode, into: Frame): number => {
    let total = 0;
    for (const childId of node.children ?? []) {
      const child = byId.get(childId);
      if (!child || child.callFrame.functionName === IDLE) continue;
      const { name, file } = label(child);
      const key = `${name}\u0000${file}`;
      let frame = into.children.get(key);
      if (!frame) into.children.set(key, (frame = { name, file, total: 0, self: 0, children: new Map() }));
      const own = hits.get(child.id) ?? 0;
      frame.self += own;
      const sub = own + visit(child, frame);
      frame.total += sub;
      total += sub;
    }
    return total;
  };
  const rootNode = profile.nodes[0];
  root.total = visit(rootNode, root);
  return root;
}

/** The functions with the most self time, as shares of the busy samples. */
export function topSelf(tree: Frame, count: number): { name: string; file: string; share: number }[] {
  const self = new Map<string, { name: string; file: string; samples: number }>();
  const walk = (frame: Frame) => {
    for (const child of frame.children.values()) {
      const key = `${child.name}\u0000${child.file}`;
      const entry = self.get(key) ?? { name: child.name, file: child.file, samples: 0 };
      entry.samples += child.self;
      self.set(key, entry);
      walk(child);
    }
  };
  walk(tree);
  return [...self.values()]
    .sort((a, b) => b.samples - a.samples)
    .slice(0, count)
    .map(({ name, file, samples }) => ({ name, file, share: tree.total > 0 ? samples / tree.total : 0 }));
}

/**
 * The functions with the most total time (themselves and their callees, each sample counted once
 * per function however deep the recursion), among those `include` accepts, as shares of the busy
 * samples.
 */
export function topTotal(tree: Frame, count: number, include: (frame: Frame) => boolean): { name: string; file: string; share: number }[] {
  const totals = new Map<string, { name: string; file: string; samples: number }>();
  const walk = (frame: Frame, onPath: ReadonlySet<string>) => {
    for (const child of frame.children.values()) {
      const key = `${child.name}\u0000${child.file}`;
      if (!onPath.has(key) && include(child)) {
        const entry = totals.get(key) ?? { name: child.name, file: child.file, samples: 0 };
        entry.samples += child.total;
        totals.set(key, entry);
      }
      walk(child, new Set(onPath).add(key));
    }
  };
  walk(tree, new Set());
  return [...totals.values()]
    .sort((a, b) => b.samples - a.samples)
    .slice(0, count)
    .map(({ name, file, samples }) => ({ name, file, share: tree.total > 0 ? samples / tree.total : 0 }));
}

const WIDTH = 1200;
const ROW = 16;
const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Warm colours for dependencies, green for this repository's code, grey for V8 and Node. */
const colour = (frame: Frame): string => {
  const hash = [...frame.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 40;
  if (frame.name.startsWith('(')) return `rgb(${170 + hash},${170 + hash},${170 + hash})`;
  if (/^(apps|libs|tools)\//.test(frame.file)) return `rgb(${90 + hash},${190 + hash / 2},${90 + hash})`;
  if (frame.file === '' || frame.file.startsWith('node:')) return `rgb(${200 + hash},${120 + hash},${110})`;
  return `rgb(${225 + hash / 2},${150 + hash * 2},${60})`;
};

/** The SVG flame graph of a call tree, titled, with paths under `minShare` folded away. */
export function flameGraphSvg(tree: Frame, title: string, minShare = 0.002): string {
  const boxes: string[] = [];
  let depth = 0;
  const place = (frame: Frame, x: number, level: number) => {
    depth = Math.max(depth, level);
    let childX = x;
    for (const child of [...frame.children.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      if (child.total / tree.total < minShare) continue;
      const width = (child.total / tree.total) * WIDTH;
      boxes.push(box(child, childX, level, width, tree.total));
      place(child, childX, level + 1);
      childX += width;
    }
  };
  if (tree.total > 0) place(tree, 0, 0);
  const height = (depth + 1) * ROW + 40;
  const flip = (svg: string) => svg.replace(/data-level="(\d+)" y="0"/g, (_, level: string) => `y="${height - 10 - (Number(level) + 1) * ROW}"`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="monospace" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fdfdf6"/>`,
    `<text x="4" y="16" font-size="13">${escape(title)} (${tree.total} busy samples)</text>`,
    ...boxes.map(flip),
    '</svg>',
    '',
  ].join('\n');
}

function box(frame: Frame, x: number, level: number, width: number, total: number): string {
  const share = `${((frame.total / total) * 100).toFixed(1)} %`;
  const text = width > 40 ? `<text x="${(x + 3).toFixed(1)}" dy="12" data-level="${level}" y="0">${escape(truncate(frame.name, width))}</text>` : '';
  return (
    `<g><title>${escape(`${frame.name} ${frame.file} ${share} (self ${((frame.self / total) * 100).toFixed(1)} %)`)}</title>` +
    `<rect x="${x.toFixed(1)}" width="${Math.max(width - 0.5, 0.5).toFixed(1)}" height="${ROW - 1}" fill="${colour(frame)}" data-level="${level}" y="0"/>${text}</g>`
  );
}

const truncate = (name: string, width: number): string => {
  const chars = Math.floor((width - 6) / 6.6);
  return name.length <= chars ? name : `${name.slice(0, Math.max(chars - 1, 1))}…`;
};
