import * as f from '@apo/coe/testing';
import type { Command } from '@apo/engine';
import type { ApiHarness, HttpAnswer } from '../../testing/api-harness';

export type Row = Record<string, unknown>;
export const items = (r: HttpAnswer): Row[] => r.body.items as Row[];
export const REPORT_ROUTES = ['coe-overview', 'assessments', 'activity-counts', 'activity-participants', 'phase-history', 'replications', 'portfolio'];

/** Posts commands to one COE, in order, each accepted. */
export async function run(h: ApiHarness, id: string, commands: Command[]): Promise<void> {
  for (const c of commands) {
    const answer = await h.command(id, c.type, c.data);
    if (answer.status >= 300) throw new Error(`${id} ${c.type}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

/** GET as the reporter role. */
export const report = (h: ApiHarness, path: string, headers: Record<string, string> = {}) => h.request('GET', path, { role: 'reporter', headers });

/** Polls a report until `ready` holds: the projection runner follows the log asynchronously. */
export async function eventually(h: ApiHarness, path: string, ready: (r: HttpAnswer) => boolean, timeoutMs = 15_000): Promise<HttpAnswer> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await report(h, path);
    if (r.status === 200 && ready(r)) return r;
    if (Date.now() > until) throw new Error(`${path} did not become ready: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Three COEs: my-1 to replication with three activities (2025 training; 2026 training and a
 * workshop), a 2026 manual and a replication whose description needs CSV quoting; my-2 in
 * designation; th-1 under review. Resolves once the overview shows all of it.
 */
export async function seedPortfolio(h: ApiHarness): Promise<void> {
  const [apply, review, designate] = f.history.designation();
  const workshop = f.recordActivity('2026-05-01', { kind: 'workshop', participants: [{ economy: 'TH', count: 5 }] });
  await run(h, 'my-1', [
    apply,
    review,
    designate,
    f.recordActivity('2025-10-01'),
    f.recordActivity('2026-03-01'),
    workshop,
    f.recordPublication('2026-02-01', 'manual'),
  ]);
  await run(h, 'my-1', f.history.replication().slice(3));
  const replication = f.recordReplication('2029-09-01', 'VN', 'bcn-1');
  await run(h, 'my-1', [{ type: replication.type, data: { ...replication.data, description: 'Model factory, "lean" line' } }]);
  await run(h, 'my-2', f.history.designation());
  await run(h, 'th-1', [f.submitApplication({ memberEconomy: 'TH', focusArea: 'Digital Transformation' }), f.startReview()]);
  await eventually(h, '/reports/coe-overview', (r) => r.body.total === 3 && items(r).some((i) => i.id === 'my-1' && i.replications === 1));
}
