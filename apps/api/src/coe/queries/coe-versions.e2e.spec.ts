import fc from 'fast-check';
import { COE_V2_SITTINGS } from '@apo/coe/testing';
import {
  coeV1Registry,
  coeV1V2Registry,
  coeV2HistorySteps,
  coeV2LifeArbitrary,
  coeV2PortfolioSteps,
  COE_V2_ENTRY_DAY,
  generatePortfolio,
  type PortfolioStep,
} from '@apo/projections/testing';
import { ApiHarness, type HttpAnswer } from '../../testing/api-harness';
import type { OpenApiDocument } from '../../testing/api-client/api-client';
import { resolveRef, type SchemaNode } from '../../testing/api-client/schema-conformance';

type Row = Record<string, unknown>;
const items = (r: HttpAnswer): Row[] => r.body.items as Row[];
const ids = (r: HttpAnswer): string[] => items(r).map((i) => String(i.id ?? i.instanceId));
const lines = (steps: readonly PortfolioStep[]) => steps.map((s) => ({ instance: s.coe, command: s.command.type, data: s.command.data }));
const distinctSorted = (values: string[]) => [...new Set(values)].sort();

/** The version 1 COEs: generated lives up to August 2025, written before version 2 existed. */
const V1_STEPS = generatePortfolio({ count: 24, seed: 3, cutoff: '2025-08-31', idPrefix: 'old' });
const V1_COES = new Set(V1_STEPS.map((s) => s.coe)).size;
/** Random version 2 lives entered from history on one day (lines the rules refuse are left out). */
const LIVES = fc.sample(coeV2LifeArbitrary, { numRuns: 6, seed: 17 }).map((life, i) => coeV2HistorySteps(`random-${i}`, { ...life, imported: true }));
/** Days the answers to "overdue" are compared on: the version 1 COEs' life, the sittings, and after. */
const DAYS = ['2025-08-31', '2025-11-17', '2026-01-19', '2026-07-02', '2031-01-16', '2032-06-01'];

/**
 * COEs of both definition versions in one log, as after the upgrade: version 1 COEs imported
 * while the API ran version 1 only, then, restarted with both versions, the real portfolio
 * entered into version 2 in its sittings and random version 2 histories.
 */
describe('COEs of both definition versions over HTTP: host filters, reports, one answer to overdue', () => {
  const h = new ApiHarness();
  /** The head of the log once everything was written: every read waits for the read models to reach it. */
  let head = '0';
  const get = (path: string, headers: Record<string, string> = {}) =>
    h.request('GET', path, { role: 'reporter', headers: { 'X-Min-Position': head, ...headers } });
  const importAt = async (day: string, steps: readonly PortfolioStep[]) => {
    h.clock.set(`${day}T10:00:00.000Z`);
    const r = await h.request('POST', '/imports', { role: 'admin', body: { lines: lines(steps) } });
    expect(r.status).toBe(200);
    return r.body as { ok: boolean; refused: unknown[] };
  };
  /** Every page of a list. */
  const all = async (path: string): Promise<Row[]> => {
    const rows: Row[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await get(`${path}${path.includes('?') ? '&' : '?'}limit=100&offset=${offset}`);
      expect(page.status).toBe(200);
      rows.push(...items(page));
      if (rows.length >= (page.body.total as number)) return rows;
    }
  };

  beforeAll(async () => {
    await h.start({}, undefined, coeV1Registry());
    expect(await importAt('2025-09-01', V1_STEPS)).toMatchObject({ ok: true, refused: [] });
    const dir = await h.halt();
    await h.start({}, dir, coeV1V2Registry());
    for (const sitting of [1, 2, 3] as const) {
      const steps = coeV2PortfolioSteps(sitting).filter((s) => s.on === COE_V2_SITTINGS[sitting]);
      expect(await importAt(COE_V2_SITTINGS[sitting], steps)).toMatchObject({ ok: true, refused: [] });
    }
    // One line per request: a line the rules refuse is left out, the rest of the life goes on.
    for (const life of LIVES) for (const step of life) await importAt(COE_V2_ENTRY_DAY, [step]);
    const health = await h.request('GET', '/health');
    head = String((health.body.readModels as { headPosition: string }).headPosition);
  }, 180_000);
  afterAll(() => h.stop());

  it('GET /coes/:id describes each COE by its own version: version 1 shows its host and Governing Body decision from its events', async () => {
    const old = await get('/coes/old-0000');
    expect(old.body).toMatchObject({
      definitionVersion: 1,
      nominatingNpo: expect.stringMatching(/^NPO of [A-Z]{2}$/),
      hostInstitution: { name: 'Institute old-0000', type: expect.stringMatching(/^(npo|other)$/) },
      status: expect.any(String),
    });
    const pilot = await get('/coes/jp-pilot');
    expect(pilot.body).toMatchObject({
      definitionVersion: 2,
      state: 'retired',
      hostInstitution: { name: 'Japan Productivity Center', type: 'npo' },
      designation: { meeting: '50th Governing Body Meeting', decisionDate: '2009-04' },
      overdue: false,
    });
  });

  it('overdue has one answer: /coes, /reports/coe-overview, /deadlines and GET /coes/:id agree for every COE on every day', async () => {
    const everyCoe = (await all('/coes')).map((i) => String(i.id));
    expect(V1_COES).toBeGreaterThan(8);
    expect(everyCoe).toHaveLength(V1_COES + 7 + LIVES.length);
    const overdueSomeday = new Set<string>();
    for (const day of DAYS) {
      h.clock.set(`${day}T12:00:00.000Z`);
      const listed = (await all('/coes?overdue=true')).map((i) => String(i.id)).sort();
      const reported = (await all('/reports/coe-overview?overdue=true')).map((i) => String(i.id)).sort();
      const owing = distinctSorted((await all('/deadlines?programme=coe&overdue=true')).map((d) => String(d.instanceId)));
      const oneByOne: string[] = [];
      for (const id of everyCoe) if ((await get(`/coes/${id}`)).body.overdue === true) oneByOne.push(id);
      expect({ day, listed, reported, owing }).toEqual({ day, listed: oneByOne.sort(), reported: oneByOne, owing: oneByOne });
      const notOverdue = await get('/coes?overdue=false&limit=1');
      expect((notOverdue.body.total as number) + listed.length).toBe(everyCoe.length);
      listed.forEach((id) => overdueSomeday.add(id));
    }
    // The days asked cover COEs of both versions being overdue, and the portfolio's designation awaiting launch.
    expect([...overdueSomeday].some((id) => id.startsWith('old-'))).toBe(true);
    expect([...overdueSomeday].some((id) => !id.startsWith('old-'))).toBe(true);
  }, 120_000);

  it('lists filter by host (contains, ASCII case-insensitive), host type and nominating NPO: every COE hosted by an institution', async () => {
    const mpc = await get('/coes?host=malaysia%20PRODUCTIVITY');
    expect(ids(mpc)).toEqual(expect.arrayContaining(['my-digital', 'my-lean-health']));
    expect(items(mpc).every((i) => i.hostInstitution === 'Malaysia Productivity Corporation')).toBe(true);
    expect(ids(await get('/coes?hostType=other&nominatingNpo=foundation%20for%20thailand%20productivity%20institute'))).toEqual(['th-food-safety']);
    const others = await all('/coes?hostType=other');
    expect(others.every((i) => i.hostType === 'other')).toBe(true);
    expect(others.map((i) => i.definitionVersion)).toEqual(expect.arrayContaining([1, 2]));
    expect((await get('/coes?host=%25')).body).toMatchObject({ total: 0 });
    expect(ids(await get('/reports/coe-overview?host=national%20food'))).toEqual(['th-food-safety']);
    const refused = await get('/coes?hostType=university&phase=sleeping');
    expect(refused.status).toBe(400);
    expect((refused.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['hostType', 'phase']);
  });

  it('/reports/coe-overview takes coeId and carries host, nominating NPO and Governing Body decisions, in JSON and CSV', async () => {
    h.clock.set('2026-02-01T12:00:00.000Z');
    const one = await get('/reports/coe-overview?coeId=vn-green');
    expect(one.body).toMatchObject({
      total: 1,
      items: [
        {
          id: 'vn-green',
          hostInstitution: 'Vietnam Productivity Institute',
          hostType: 'npo',
          nominatingNpo: 'Vietnam Productivity Institute',
          designationMeeting: '66th Governing Body Meeting',
          designationDecisionDate: '2025-06-12',
          plannedLaunchDate: '2026-01-15',
          launchDate: '2026-01-20',
          phase: 'designation',
          nextDueDate: '2027-01-20',
          nextDueKind: 'assessment',
          overdue: false,
          definitionVersion: 2,
          governingBodyDecisions: [{ decision: 'designationDecision', meeting: '66th Governing Body Meeting', decisionDate: '2025-06-12' }],
        },
      ],
    });
    const csv = await get('/reports/coe-overview?coeId=jp-pilot', { accept: 'text/csv' });
    const [header, row] = String(csv.body.text).split('\r\n');
    const columns = header.split(',');
    expect(columns.slice(0, 7)).toEqual(['id', 'name', 'memberEconomy', 'focusArea', 'nominatingNpo', 'hostInstitution', 'hostType']);
    expect(row).toContain(
      'jp-pilot,COE on Productivity Measurement (pilot),JP,productivity measurement,Japan Productivity Center,Japan Productivity Center,npo,2008-10,50th Governing Body Meeting,2009-04,',
    );
    expect(row).toContain('"[{""decision"":""designationDecision"",""meeting"":""50th Governing Body Meeting"",""decisionDate"":""2009-04""}');
    expect((await get('/reports/coe-overview?coeId=nobody')).body).toMatchObject({ total: 0, items: [] });
  });

  it('/reports/portfolio counts COEs by economy, nominating NPO, host and focus area, in JSON and CSV', async () => {
    const my = await get('/reports/portfolio?memberEconomy=MY&host=Malaysia%20Productivity');
    expect(items(my).filter((r) => r.focusArea === 'lean healthcare' || r.focusArea === 'digital transformation')).toEqual([
      expect.objectContaining({
        nominatingNpo: 'Malaysia Productivity Corporation',
        hostInstitution: 'Malaysia Productivity Corporation',
        hostType: 'npo',
        focusArea: 'digital transformation',
        total: 1,
        delivery: 1,
      }),
      expect.objectContaining({ hostInstitution: 'Malaysia Productivity Corporation', focusArea: 'lean healthcare', total: 1, network: 1 }),
    ]);
    const csv = await get('/reports/portfolio?hostType=other', { accept: 'text/csv' });
    const [header, ...rows] = String(csv.body.text).trim().split('\r\n');
    expect(header).toBe(
      'memberEconomy,nominatingNpo,hostInstitution,hostType,focusArea,total,applied,underReview,designated,designation,delivery,replication,network,suspended,graduated,retired,rejected,terminated,withdrawn',
    );
    expect(rows).toContainEqual(expect.stringMatching(/^TH,Foundation for Thailand Productivity Institute,National Food Institute,other,food safety,1,/));
  });

  it('documents the host columns and filters in the OpenAPI document', async () => {
    const doc = (await fetch(`${h.api.url}/docs-json`).then((r) => r.json())) as OpenApiDocument;
    const parameters = (path: string) => (doc.paths[path].get.parameters ?? []).map((p) => p.name);
    for (const path of ['/coes', '/reports/coe-overview', '/reports/portfolio'])
      expect(parameters(path)).toEqual(expect.arrayContaining(['host', 'hostType', 'nominatingNpo']));
    expect(parameters('/reports/coe-overview')).toContain('coeId');
    const schema = (node: SchemaNode) => (node.$ref ? resolveRef(doc, node.$ref) : node);
    const columns = (path: string) => {
      const page = schema(doc.paths[path].get.responses[200].content?.['application/json'].schema ?? {});
      return Object.keys(schema(page.properties?.items.items ?? {}).properties ?? {});
    };
    expect(columns('/reports/coe-overview')).toEqual(
      expect.arrayContaining(['hostInstitution', 'hostType', 'nominatingNpo', 'governingBodyDecisions', 'nextDueDate', 'status', 'stage']),
    );
    expect(columns('/reports/portfolio')).toEqual(expect.arrayContaining(['hostInstitution', 'hostType', 'nominatingNpo', 'network', 'retired']));
  });
});
