import { callTree, flameGraphSvg, topSelf, topTotal, type CpuProfile } from './flamegraph';

const frame = (id: number, functionName: string, children: number[] = [], url = '') => ({ id, callFrame: { functionName, url, lineNumber: 0 }, children });

/** root -> main -> (work -> hash), (work via another call site), idle; samples as listed. */
const profile: CpuProfile = {
  nodes: [
    frame(1, '(root)', [2, 6, 7]),
    frame(2, 'main', [3, 5], 'file:///repo/apps/api/src/main.ts'),
    frame(3, 'work', [4], 'file:///repo/libs/engine/src/decide.ts'),
    frame(4, 'hash', [], 'node:crypto'),
    frame(5, 'work', [], 'file:///repo/libs/engine/src/decide.ts'),
    frame(6, '(garbage collector)'),
    frame(7, '(idle)'),
  ],
  samples: [2, 3, 4, 4, 5, 5, 6, 7, 7, 7, 7, 7],
};

describe('flame graph from a V8 cpuprofile', () => {
  it('counts busy samples per call path, merges the same function at the same place, leaves idle out', () => {
    const tree = callTree(profile);
    expect(tree.total).toBe(7);
    const main = tree.children.get('main\u0000apps/api/src/main.ts:1');
    expect(main).toMatchObject({ total: 6, self: 1 });
    const work = main?.children.get('work\u0000libs/engine/src/decide.ts:1');
    expect(work).toMatchObject({ total: 5, self: 3 });
    expect(work?.children.get('hash\u0000node:crypto:1')).toMatchObject({ total: 2, self: 2 });
    expect([...tree.children.values()].map((f) => f.name)).toEqual(['main', '(garbage collector)']);
  });

  it('ranks functions by self time as a share of busy samples', () => {
    expect(topSelf(callTree(profile), 2)).toEqual([
      { name: 'work', file: 'libs/engine/src/decide.ts:1', share: 3 / 7 },
      { name: 'hash', file: 'node:crypto:1', share: 2 / 7 },
    ]);
  });

  it('ranks functions by total time, callees included, each sample once per function', () => {
    const recursive: CpuProfile = {
      nodes: [
        frame(1, '(root)', [2]),
        frame(2, 'walk', [3], 'file:///r/libs/a.ts'),
        frame(3, 'walk', [4], 'file:///r/libs/a.ts'),
        frame(4, 'leaf', [], 'node:x'),
      ],
      samples: [2, 3, 4, 4],
    };
    expect(topTotal(callTree(recursive), 5, () => true)).toEqual([
      { name: 'walk', file: 'libs/a.ts:1', share: 1 },
      { name: 'leaf', file: 'node:x:1', share: 0.5 },
    ]);
    expect(topTotal(callTree(profile), 5, (f) => f.file.startsWith('libs/')).map((e) => [e.name, e.share])).toEqual([['work', 5 / 7]]);
  });

  it('draws one box per path as wide as its share, callers below callees, with a title to hover', () => {
    const svg = flameGraphSvg(callTree(profile), 'demo <run>');
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" width="([\d.]+)" height="15" fill="[^"]+" y="(\d+)"/g)].map(([, x, width, y]) => ({
      x: Number(x),
      width: Number(width),
      y: Number(y),
    }));
    expect(rects).toHaveLength(4); // main, work, hash, GC
    const [gc, main, work, hash] = rects; // siblings in name order: '(garbage collector)' first
    expect(main.width).toBeCloseTo((6 / 7) * 1200 - 0.5, 0);
    expect(main.x).toBeCloseTo(gc.width + 0.5, 0);
    expect(gc.y).toBe(main.y);
    expect(work.y).toBeLessThan(main.y);
    expect(hash.y).toBeLessThan(work.y);
    expect(svg).toContain('demo &lt;run&gt; (7 busy samples)');
    expect(svg).toContain('<title>hash node:crypto:1 28.6 % (self 28.6 %)</title>');
  });

  it('folds away paths under the minimum share', () => {
    const svg = flameGraphSvg(callTree(profile), 't', 0.2);
    expect(svg.match(/<rect x=/g)).toHaveLength(3); // main, work, hash: GC's 1/7 is under 0.2
    expect(svg).not.toContain('garbage collector');
  });
});
