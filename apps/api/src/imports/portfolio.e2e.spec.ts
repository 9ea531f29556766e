import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COE_V2_SITTINGS } from '@apo/coe/testing';
import { ApiHarness } from '../testing/api-harness';

const EXAMPLES = resolve(__dirname, '../../../../docs/examples');
const linesOf = (file: string) =>
  readFileSync(join(EXAMPLES, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => JSON.parse(line) as { instance: string; command: string; data: Record<string, unknown> });

/**
 * Issue 17's portfolio through the API: seven COEs of 2008-2026 (a pilot extended two years by the
 * Governing Body, a host that is not an NPO, two COEs at one host, a COE designated in 2013 still
 * in the network, dates known to the year or month, a designation decided months before its
 * launch) imported in two sittings with the scheduler on; time travel on both axes.
 */
describe('the real portfolio, imported in two sittings with the scheduler on (real server)', () => {
  const h = new ApiHarness();
  /** The recorded time just after each sitting. */
  const after: Record<1 | 2, string> = { 1: '', 2: '' };
  let noticesAfterSitting1 = -1;
  let noticesAfterSitting2: { type: string; effectiveDate: string; stream: string }[] = [];

  const scheduler = () => {
    const s = h.api.jobs.scheduler;
    if (!s) throw new Error('the API runs no scheduler');
    return s;
  };
  /** A scheduler tick once the read models have the log's last event. */
  const tick = async () => {
    const log = await h.request('GET', '/audit/export', { role: 'auditor' });
    const last = String(log.body.text).trimEnd().split('\n').at(-1) as string;
    const position = (JSON.parse(last) as { position: string }).position;
    expect((await h.request('GET', '/deadlines', { role: 'reporter', headers: { 'X-Min-Position': position } })).status).toBe(200);
    return scheduler().tick();
  };
  const schedulerNotices = async () => {
    const log = await h.request('GET', '/audit/export', { role: 'auditor' });
    return String(log.body.text)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { streamId: string; type: string; metadata: { actor: { id: string }; effectiveDate: string } })
      .filter((e) => e.metadata.actor.id === 'system:scheduler')
      .map((e) => ({ type: e.type, effectiveDate: e.metadata.effectiveDate, stream: e.streamId }));
  };

  beforeAll(async () => {
    await h.start({ SCHEDULER: 'on', SCHEDULER_INTERVAL_MS: '3600000' });
    for (const sitting of [1, 2] as const) {
      h.clock.set(`${COE_V2_SITTINGS[sitting]}T09:00:00Z`);
      const report = await h.request('POST', '/imports', { role: 'admin', body: { lines: linesOf(`portfolio-sitting-${sitting}.jsonl`) } });
      expect(report).toMatchObject({ status: 200, body: { ok: true, refused: [] } });
      await tick();
      if (sitting === 1) noticesAfterSitting1 = (await schedulerNotices()).length;
      else noticesAfterSitting2 = await schedulerNotices();
      after[sitting] = `${COE_V2_SITTINGS[sitting]}T23:59:59Z`;
    }
  }, 120_000);
  afterAll(() => h.stop());

  const state = async (id: string, query: string) => {
    const r = await h.request('GET', `/coes/${id}/state?${query}`, { role: 'auditor' });
    expect(r.status).toBe(200);
    return r.body as { state: string; overdue: boolean | null; divergences: unknown[]; notReplayable: unknown[]; knownEvents: number };
  };

  it('the scheduler writes nothing for COEs under historical entry; once brought up to date, the overdue ones get their notices, dated the day they concern', () => {
    expect(noticesAfterSitting1).toBe(0);
    const overdue = noticesAfterSitting2.filter((n) => n.type.endsWith('BecameOverdue'));
    expect(overdue).toEqual(
      expect.arrayContaining([
        { type: 'AssessmentBecameOverdue', effectiveDate: '2025-07-01', stream: 'coe-th-food-safety' },
        { type: 'StatusAssessmentBecameOverdue', effectiveDate: '2023-07-02', stream: 'coe-my-lean-health' },
      ]),
    );
  });

  it.each([
    // [COE, as of, state, overdue on that day]
    ['jp-pilot', '2009-05-01', 'designated', false],
    ['jp-pilot', '2009-07-01', 'active.designation', false],
    ['jp-pilot', '2012-08-01', 'active.delivery.year2', false],
    ['jp-pilot', '2014-06-30', 'active.delivery.year2', false],
    ['jp-pilot', '2014-07-01', 'active.delivery.year3', false],
    ['jp-pilot', '2016-08-01', 'network.continuedSupport', false],
    ['jp-pilot', '2021-05-01', 'network.member', false],
    ['jp-pilot', '2023-05-01', 'retired', false],
    ['th-food-safety', '2022-01-01', 'active.delivery.year2', false],
    ['th-food-safety', '2024-10-01', 'active.replication', false],
    ['th-food-safety', '2025-06-30', 'active.replication', false],
    ['th-food-safety', '2025-07-01', 'active.replication', true],
    ['my-lean-health', '2020-01-01', 'active.delivery.year3', false],
    ['my-lean-health', '2021-07-01', 'network.continuedSupport', false],
    ['my-lean-health', '2023-07-02', 'network.continuedSupport', true],
    ['sg-business-excellence', '2014-08-01', 'active.designation', false],
    ['sg-business-excellence', '2015-07-01', 'active.delivery.year1', false],
    ['sg-business-excellence', '2024-01-01', 'network.continuedSupport', false],
    ['ph-agri', '2015-03-01', 'designated', false],
    ['ph-agri', '2016-05-01', 'active.delivery.year1', false],
    ['ph-agri', '2019-01-01', 'terminated', false],
    ['my-digital', '2023-01-01', 'active.designation', false],
    ['vn-green', '2025-07-01', 'designated', false],
  ])('%s as of %s: %s, overdue %s', async (id, asOf, expected, overdue) => {
    expect(await state(id, `asOf=${asOf}`)).toMatchObject({ state: expected, overdue, divergences: [], notReplayable: [] });
  });

  it('as of a date by what was known after the first sitting, and as shown at each sitting', async () => {
    // The pilot's advances of 2014-2016 came in the second sitting.
    expect(await state('jp-pilot', `asOf=2016-08-01&asAt=${after[1]}`)).toMatchObject({ state: 'active.delivery.year2' });
    expect(await state('jp-pilot', `asAt=${after[1]}`)).toMatchObject({ state: 'active.delivery.year2', overdue: null });
    expect(await state('jp-pilot', `asAt=${after[2]}`)).toMatchObject({ state: 'retired' });
    expect(await state('sg-business-excellence', `asOf=2020-01-01&asAt=${after[1]}`)).toMatchObject({ state: 'active.delivery.year1' });
    expect(await state('sg-business-excellence', 'asOf=2020-01-01')).toMatchObject({ state: 'network.continuedSupport' });
    // my-digital did not exist before the second sitting.
    expect(await state('my-digital', `asAt=${after[1]}`)).toMatchObject({ state: 'new', knownEvents: 0 });
  });

  it('the read models: the host asked for, one answer to "overdue" in the list and the deadlines, and the overview report as CSV', async () => {
    const list = async (query: string) =>
      ((await h.request('GET', `/coes?${query}&limit=100`, { role: 'reporter' })).body.items as { id: string }[]).map((i) => i.id).sort();
    expect(await list('host=Malaysia%20Productivity')).toEqual(['my-digital', 'my-lean-health']);
    expect(await list('hostType=other')).toEqual(['th-food-safety']);
    expect(await list('nominatingNpo=Enterprise%20Singapore')).toEqual(['sg-business-excellence']);
    // On the day of the second sitting (the harness clock): the same COEs are overdue in both.
    const overdueList = await list('overdue=true');
    const deadlines = (await h.request('GET', '/deadlines?overdue=true&limit=100', { role: 'reporter' })).body.items as {
      instanceId: string;
      definition?: string;
    }[];
    expect([...new Set(deadlines.map((d) => d.instanceId))].filter((id) => !id.startsWith('bcn')).sort()).toEqual(overdueList);
    expect(overdueList).toEqual(expect.arrayContaining(['my-lean-health', 'th-food-safety']));
    expect(overdueList).not.toContain('sg-business-excellence');
    const csv = await h.request('GET', '/reports/coe-overview?coeId=th-food-safety', { role: 'reporter', headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    const [header, row] = String(csv.body.text).split('\r\n');
    const cells = Object.fromEntries(header.split(',').map((column, i) => [column, row.split(',')[i]]));
    expect(cells).toMatchObject({ id: 'th-food-safety', hostInstitution: 'National Food Institute', hostType: 'other', phase: 'replication' });
  });

  it('audit verify: the whole store replays and its chains hold', async () => {
    const verify = await h.request('GET', '/audit/verify', { role: 'auditor' });
    expect(verify).toMatchObject({ status: 200, body: { ok: true } });
  });
});
