import { ReadStoreError } from '@apo/read-store';
import { toProblem } from '../http/problem';

describe('read store failures as problem+json', () => {
  it('READ_STORE_BAD_QUERY is a 400 naming the bad argument', () => {
    const { problem, internal } = toProblem(new ReadStoreError('READ_STORE_BAD_QUERY', 'limit must be an integer from 1 to 10000', { limit: 0 }));
    expect(problem).toMatchObject({ status: 400, code: 'READ_STORE_BAD_QUERY', detail: 'limit must be an integer from 1 to 10000', limit: 0 });
    expect(internal).toBe(false);
  });

  it('an unreachable or closed read store is a 503 that echoes nothing of the cause', () => {
    for (const code of ['READ_STORE_UNREACHABLE', 'READ_STORE_CLOSED'] as const) {
      const { problem, internal } = toProblem(
        new ReadStoreError(code, 'read store postgres://reports@db:5432/x is not reachable: ECONNREFUSED', { location: 'db' }),
      );
      expect(problem).toMatchObject({ status: 503, code, detail: 'the read models are unavailable; retry later' });
      expect(JSON.stringify(problem)).not.toMatch(/ECONNREFUSED|postgres:|location/);
      expect(internal).toBe(true);
    }
  });

  it('other read store failures are 500s', () => {
    expect(toProblem(new ReadStoreError('READ_STORE_CORRUPT', 'not a database')).problem).toMatchObject({ status: 500, code: 'READ_STORE_CORRUPT' });
  });
});
