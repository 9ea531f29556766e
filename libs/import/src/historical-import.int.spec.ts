import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCoeDefinition, createCoeDefinitionV2 } from '@apo/coe';
import { COE_V2_PORTFOLIO, COE_V2_SITTINGS, type CoeV2Sitting } from '@apo/coe/testing';
import { DefinitionRegistry, ManualClock, type Command } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { WorkflowService } from '@apo/workflow';
import { importLines, type ImportLine } from './index';

const registry = new DefinitionRegistry([createCoeDefinition(), createCoeDefinitionV2()]);
const actor = { id: 'import:test', role: 'admin' } as const;
const options = { definition: 'coe-lifecycle', actor };

/** The portfolio's lines of the given sittings, as a file would hold them (instances one after the other). */
function file(sittings: readonly CoeV2Sitting[]): ImportLine[] {
  const lines: ImportLine[] = [];
  for (const [instance, steps] of Object.entries(COE_V2_PORTFOLIO)) {
    for (const step of steps) if (sittings.includes(step.sitting)) lines.push({ line: lines.length + 1, instance, command: step.command });
  }
  return lines;
}

describe('historical import of the real portfolio', () => {
  let dir: string;
  let store: EventStore;
  let clock: ManualClock;
  let service: WorkflowService;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'import-'));
    store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
    clock = new ManualClock(`${COE_V2_SITTINGS[1]}T09:00:00Z`);
    service = new WorkflowService(store, registry, clock);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const types = async (id: string) => (await store.readStream(`coe-${id}`)).map((e) => e.type);

  it('imports in two sittings; a re-run and a second sitting that repeats the first append nothing twice', async () => {
    const first = await importLines(service, file([1]), options);
    expect(first).toMatchObject({ ok: true, refused: [] });
    expect(first.instances.map((i) => [i.instance, i.outcome])).toEqual([
      ['jp-pilot', 'imported'],
      ['th-food-safety', 'imported'],
      ['my-lean-health', 'imported'],
      ['sg-business-excellence', 'imported'],
      ['ph-agri', 'imported'],
    ]);
    expect(await types('jp-pilot')).toContain('PhaseExtended');
    const again = await importLines(service, file([1]), options);
    expect(again.instances.every((i) => i.outcome === 'unchanged' && i.appended === 0)).toBe(true);

    clock.set(`${COE_V2_SITTINGS[2]}T09:00:00Z`);
    const second = await importLines(service, file([1, 2]), options);
    expect(second.ok).toBe(true);
    const pilot = second.instances.find((i) => i.instance === 'jp-pilot');
    expect(pilot).toMatchObject({ outcome: 'imported', skipped: file([1]).filter((l) => l.instance === 'jp-pilot').length, state: 'retired' });
    expect(second.instances.find((i) => i.instance === 'sg-business-excellence')).toMatchObject({ state: 'network.continuedSupport' });
    expect(second.instances.find((i) => i.instance === 'vn-green')).toMatchObject({ outcome: 'imported', state: 'designated' });
    // Every stream's events in file order, each command once.
    const pilotLines = file([1, 2]).filter((l) => l.instance === 'jp-pilot');
    expect((await store.readStream('coe-jp-pilot')).map((e) => e.metadata.commandId).filter((id, i, all) => all.indexOf(id) === i)).toHaveLength(
      pilotLines.length,
    );
  });

  it('a refused line names itself (line, code, field) and leaves its COE exactly as it was; the other COEs are imported', async () => {
    const lines = file([1]);
    const broken = lines.findIndex((l) => l.instance === 'th-food-safety' && l.command.type === 'StartReview');
    const bad: ImportLine[] = lines.map((l, i) =>
      i === broken ? { ...l, command: { type: 'StartReview', data: { startedOn: '2018-10-01' } } as Command } : l,
    );
    const report = await importLines(service, bad, options);
    expect(report.ok).toBe(false);
    expect(report.refused).toEqual([
      expect.objectContaining({ line: broken + 1, instance: 'th-food-safety', command: 'StartReview', code: 'COE.DATE_OUT_OF_ORDER' }),
    ]);
    expect(await types('th-food-safety')).toEqual([]);
    expect(report.instances.filter((i) => i.outcome === 'imported')).toHaveLength(4);

    const missingField = lines.map((l) =>
      l.instance === 'ph-agri' && l.command.type === 'SubmitApplication'
        ? { ...l, command: { type: 'SubmitApplication', data: { ...l.command.data, memberEconomy: 'XX' } } }
        : l,
    );
    const named = await importLines(service, missingField, options);
    expect(named.refused).toEqual([
      expect.objectContaining({ instance: 'ph-agri', code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ field: 'memberEconomy' })] }),
    ]);
  });

  it('a dry run decides every line and stores nothing', async () => {
    clock.set(`${COE_V2_SITTINGS[2]}T09:00:00Z`);
    const report = await importLines(service, file([1, 2]), { ...options, dryRun: true });
    expect(report).toMatchObject({ ok: true, dryRun: true, refused: [] });
    expect(report.instances.every((i) => i.outcome === 'would import')).toBe(true);
    expect(await types('jp-pilot')).toEqual([]);
  });
});
