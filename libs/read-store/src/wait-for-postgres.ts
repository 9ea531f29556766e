import type { PoolConfig } from 'pg';
import { ReadStoreError } from './read-store-error';

/** Errors no wait mends: a wrong password or user, a database that does not exist. */
const PERMANENT = new Set(['28P01', '28000', '3D000']);
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Connects (and runs `SELECT 1`) until PostgreSQL answers, retrying with a doubling delay (250 ms up
 * to 5 s) until `timeoutMs` has passed (the last attempt may overrun it by a second); then a READ_STORE_UNREACHABLE error naming the server (without
 * its password), how long it waited, how many attempts, and the last error. A refused password or
 * a missing database fails at once.
 */
export async function waitForPostgres(config: PoolConfig, location: string, timeoutMs: number): Promise<void> {
  const { Client } = await import('pg');
  const started = Date.now();
  const deadline = started + timeoutMs;
  let delay = FIRST_DELAY_MS;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    // The last attempt may overrun the wait by up to a second rather than time out at once.
    const attemptMs = Math.min(config.connectionTimeoutMillis || MAX_DELAY_MS, Math.max(deadline - Date.now(), 1_000));
    const client = new Client({ ...config, connectionTimeoutMillis: attemptMs });
    client.on('error', () => undefined);
    let failure: unknown;
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      failure = error;
    } finally {
      await client.end().catch(() => undefined);
    }
    if (failure === undefined) return;
    const code = (failure as { code?: string }).code;
    const waited = Date.now() - started;
    if ((code !== undefined && PERMANENT.has(code)) || Date.now() >= deadline) {
      const reason = (failure as Error).message || code || String(failure);
      throw new ReadStoreError(
        'READ_STORE_UNREACHABLE',
        `read store ${location} is not reachable after ${waited} ms (${attempts} attempt${attempts === 1 ? '' : 's'}, READ_STORE_CONNECT_TIMEOUT_MS=${timeoutMs}): ${reason}`,
        { location },
        { cause: failure },
      );
    }
    await sleep(Math.min(delay, deadline - Date.now()));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}
