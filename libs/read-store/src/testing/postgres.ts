import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The test server; `PROJECTIONS_TEST_PG_URL` points the suites elsewhere. */
export const TEST_PG_URL = process.env.PROJECTIONS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: boolean | undefined;

/**
 * Whether the PostgreSQL suites run. Decided synchronously (a child process tries to connect)
 * because jest needs to know while it collects tests. Unreachable: prints a visible SKIPPED line
 * and the suite is skipped, unless REQUIRE_POSTGRES=1, which makes it a failure.
 */
export function postgresAvailable(suite: string): boolean {
  reachable ??=
    spawnSync(
      process.execPath,
      [
        '-e',
        `const { Client } = require('pg'); const c = new Client({ connectionString: ${JSON.stringify(TEST_PG_URL)}, connectionTimeoutMillis: 3000 }); c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));`,
      ],
      {
        cwd: __dirname,
        timeout: 10_000,
      },
    ).status === 0;
  if (!reachable) {
    if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`${suite}: PostgreSQL not reachable at ${new URL(TEST_PG_URL).host} and REQUIRE_POSTGRES=1`);
    process.stdout.write(`SKIPPED ${suite}: PostgreSQL not reachable at ${new URL(TEST_PG_URL).host}\n`);
  }
  return reachable;
}

/** A fresh schema name for one test run (`proj_test_<random>`). */
export const testSchemaName = (): string => `proj_test_${randomBytes(6).toString('hex')}`;

export async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
