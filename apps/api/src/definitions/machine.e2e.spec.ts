import { ApiHarness } from '../testing/api-harness';

type State = { id: string; type: string; initial?: string; states: State[] };
const ids = (states: State[]): string[] => states.flatMap((s) => [s.id, ...ids(s.states)]);

describe('GET /definitions/:programme/:version/machine: the machine the console draws', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('serves the COE version 2 machine: nested states, initial children, guarded transitions, history targets', async () => {
    const r = await h.request('GET', '/definitions/coe/2/machine', { role: 'reporter' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ programme: 'coe', definition: 'coe-lifecycle', version: 2 });
    const states = r.body.states as State[];
    expect(ids(states)).toEqual(expect.arrayContaining(['active', 'active.delivery', 'active.delivery.year1', 'active.replication', 'suspended']));
    const active = states.find((s) => s.id === 'active');
    expect(active?.type).toBe('compound');
    expect(active?.initial).toEqual(expect.stringMatching(/^active\./));
    expect(r.body.transitions).toEqual(
      expect.arrayContaining([
        { from: 'active.delivery.year3', to: 'active.replication', event: 'PhaseAdvanced', guard: 'hasAdvanceAssessment', toPriorState: false },
        { from: 'suspended', to: 'active', event: 'CoeReinstated', toPriorState: true },
      ]),
    );
  });

  it('serves the BCN machine with its rules on the transitions', async () => {
    const r = await h.request('GET', '/definitions/bcn/1/machine', { role: 'assessor' });
    expect(r.status).toBe(200);
    expect(r.body.initial).toBe('new');
    expect(r.body.transitions).toContainEqual({ from: 'draft', to: 'submitted', event: 'ExchangeSubmitted', guard: 'withinClosingDate', toPriorState: false });
  });

  it('never changes for a version: an immutable answer with an ETag, 304 when the copy is current', async () => {
    const first = await h.request('GET', '/definitions/coe/1/machine', { role: 'auditor' });
    expect(first.headers.get('cache-control')).toContain('immutable');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toBe('"coe-lifecycle@1"');
    const again = await h.request('GET', '/definitions/coe/1/machine', { role: 'auditor', headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves the latest version under `latest`, revalidated rather than immutable', async () => {
    const r = await h.request('GET', '/definitions/coe/latest/machine', { role: 'assessor' });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(2);
    expect(r.headers.get('etag')).toBe('"coe-lifecycle@2"');
    expect(r.headers.get('cache-control')).toBe('private, no-cache');
  });

  it.each(['/definitions/xyz/1/machine', '/definitions/coe/9/machine', '/definitions/coe/two/machine'])('answers 404 for %s', async (path) => {
    const r = await h.request('GET', path, { role: 'admin' });
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('NOT_FOUND');
  });

  it('is for readers with a key only', async () => {
    expect((await h.request('GET', '/definitions/coe/2/machine')).status).toBe(401);
  });
});
