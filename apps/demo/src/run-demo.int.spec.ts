import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { runDemo } from './run-demo';

describe('npm start demo', () => {
  it('drives a COE through its cycle into the COE network on the embedded store and verifies its history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coe-demo-'));
    const lines: string[] = [];
    const store = await openSqliteEventStore({ dataDir: dir });
    try {
      const outcome = await runDemo(store, 'demo-test', (l) => lines.push(l));
      expect(outcome).toMatchObject({ streamId: 'coe-demo-test', finalState: 'network.continuedSupport', divergences: 0 });
      expect(outcome.events).toBe(26);
      expect(lines.join('\n')).toContain('CoeReinstated');
      expect(lines.join('\n')).toMatch(/^ {2}2025-04-16 {2}DesignateCoe +-> designated +rev 2 {2}due 2025-07-01$/m);
      expect(lines.join('\n')).toMatch(/CycleCompleted +active\.replication -> network\.continuedSupport/);
      expect(lines.at(-1)).toMatch(/^Verified: 26 events/);
      // Run twice on the same store: the second COE is independent and the store still appends.
      const again = await runDemo(store, 'demo-test-2', () => undefined);
      expect(again.finalState).toBe('network.continuedSupport');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
