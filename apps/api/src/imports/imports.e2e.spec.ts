import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiHarness } from '../testing/api-harness';

const EXAMPLES = resolve(__dirname, '../../../../docs/examples');
/** The example file of docs/import.md as the objects POST /imports takes. */
const linesOf = (file: string) =>
  readFileSync(join(EXAMPLES, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => JSON.parse(line) as { instance: string; command: string; data: Record<string, unknown> });

describe('POST /imports (real server, real port)', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start(), 30_000);
  afterAll(() => h.stop());

  it('imports a sitting for an admin, all or nothing per COE, and answers the same report again as unchanged', async () => {
    const lines = linesOf('portfolio-sitting-1.jsonl');
    const dry = await h.request('POST', '/imports?dryRun=true', { role: 'admin', body: { lines } });
    expect(dry).toMatchObject({ status: 200, body: { ok: true, dryRun: true } });
    expect((await h.request('GET', '/coes/jp-pilot', { role: 'auditor' })).status).toBe(404);

    const first = await h.request('POST', '/imports', { role: 'admin', body: { lines } });
    expect(first).toMatchObject({ status: 200, body: { ok: true, refused: [] } });
    expect((first.body.instances as { outcome: string }[]).map((i) => i.outcome)).toEqual(['imported', 'imported', 'imported', 'imported', 'imported']);
    const again = await h.request('POST', '/imports', { role: 'admin', body: { lines } });
    expect((again.body.instances as { outcome: string }[]).every((i) => i.outcome === 'unchanged')).toBe(true);
    const pilot = await h.request('GET', '/coes/jp-pilot', { role: 'auditor' });
    expect(pilot).toMatchObject({ status: 200, body: { state: 'active.delivery.year2' } });
  });

  it('names a refused line with its number and code, and a line it cannot read refuses the request (400 naming it)', async () => {
    const refused = await h.request('POST', '/imports', {
      role: 'admin',
      body: {
        lines: [
          {
            instance: 'api-late',
            command: 'SubmitApplication',
            data: {
              name: 'COE',
              memberEconomy: 'TH',
              nominatingNpo: 'FTPI',
              hostInstitution: { name: 'FTPI', type: 'npo' },
              focusArea: 'lean',
              appliedOn: '2019-05',
            },
          },
          { instance: 'api-late', command: 'StartReview', data: { startedOn: '2019-01' } },
        ],
      },
    });
    expect(refused).toMatchObject({
      status: 200,
      body: { ok: false, refused: [{ line: 2, instance: 'api-late', command: 'StartReview', code: 'COE.DATE_OUT_OF_ORDER' }] },
    });
    expect((await h.request('GET', '/coes/api-late', { role: 'auditor' })).status).toBe(404);

    const unreadable = await h.request('POST', '/imports', {
      role: 'admin',
      body: {
        lines: [
          { instance: 'x', command: 'StartReview', data: {} },
          { instance: 'y', command: 'StartReview' },
        ],
      },
    });
    expect(unreadable).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', fields: [{ field: 'lines[1].data' }] } });
  });

  it('is for the admin role only', async () => {
    expect((await h.request('POST', '/imports', { role: 'assessor', body: { lines: [{ instance: 'x', command: 'StartReview', data: {} }] } })).status).toBe(
      403,
    );
  });
});
