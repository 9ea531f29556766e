import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { listBcnExchanges } from './bcn-exchange-queries';
import { listCoeOverview } from './coe-overview-queries';
import { listReplications } from './coe-record-queries';
import { testTargets } from '@apo/read-store/testing';
import { openReadStore } from '@apo/read-store';

describe('openReadStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'read-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['', 'mysql://root@localhost/db', 'sqlite:', 'postgres://u:secret@/db', 'postgres://localhost/db?schema=bad-name'])(
    'refuses the URL %j with READ_STORE_BAD_URL',
    async (url) => {
      const error = await openReadStore({ url }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ReadStoreError', code: 'READ_STORE_BAD_URL' });
      expect((error as Error).message).not.toContain('secret');
    },
  );

  it('reports an unreachable PostgreSQL server as READ_STORE_UNREACHABLE, without the password', async () => {
    const error = await openReadStore({ url: 'postgres://postgres:secret@127.0.0.1:1/test' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'READ_STORE_UNREACHABLE' });
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect((error as Error).message).not.toContain('secret');
  });

  it('reports a file that is not a database as READ_STORE_CORRUPT', async () => {
    const file = join(dir, 'notes.sqlite');
    writeFileSync(file, 'these are not the pages you are looking for'.repeat(100));
    await expect(openReadStore({ url: file })).rejects.toMatchObject({ code: 'READ_STORE_CORRUPT' });
  });

  it('reports a directory it cannot create as READ_STORE_UNREACHABLE', async () => {
    writeFileSync(join(dir, 'file'), '');
    await expect(openReadStore({ url: `sqlite:${join(dir, 'file', 'sub', 'read.sqlite')}` })).rejects.toMatchObject({ code: 'READ_STORE_UNREACHABLE' });
  });

  it('refuses bad query arguments with READ_STORE_BAD_QUERY', async () => {
    const readStore = await openReadStore({ url: ':memory:' });
    await expect(listCoeOverview(readStore, { today: '2030-01-01', limit: 0 })).rejects.toMatchObject({ code: 'READ_STORE_BAD_QUERY' });
    await expect(listCoeOverview(readStore, { today: 'yesterday' })).rejects.toMatchObject({ code: 'READ_STORE_BAD_QUERY' });
    await expect(listCoeOverview(readStore, { today: '2030-01-01', sincePosition: '1; drop table x' })).rejects.toMatchObject({ code: 'READ_STORE_BAD_QUERY' });
    await readStore.close();
  });
});

describe.each(testTargets('read store migrations'))('read store migrations (%s)', (_dialect, makeTarget) => {
  it('migrates once, reopens without migrating again, and refuses a schema from a newer version', async () => {
    const target = makeTarget();
    try {
      const first = await target.open();
      await first.close();
      const again = await target.open();
      expect((await again.db.selectFrom('read_store_migrations').select('version').execute()).map((r) => Number(r.version))).toEqual([1, 2, 3, 4, 5, 6]);
      expect(await listCoeOverview(again, { today: '2030-01-01' })).toEqual({ items: [], total: 0, position: '0' });
      await again.db.insertInto('read_store_migrations').values({ version: 99, applied_at: 'future' }).execute();
      await again.close();
      await expect(target.open()).rejects.toMatchObject({ code: 'READ_STORE_SCHEMA_TOO_NEW' });
    } finally {
      await target.cleanup();
    }
  });

  it('upgrades a store written by schema 1 (COE only) to the BCN, deadline, outbox and failed-event tables and the COE version 2 columns, keeping its rows', async () => {
    const target = makeTarget();
    try {
      const v1 = await target.open();
      // Back to what a release with only migration 1 left behind, with one COE replication row
      // (migration 5 recreates the phase history whatever form it has: left as it is).
      for (const table of ['transparency_leaves', 'transparency_nodes', 'transparency_checkpoints', 'transparency_alarms'])
        await sql.raw(`DROP TABLE ${table}`).execute(v1.db);
      await v1.db.deleteFrom('read_store_migrations').where('version', '=', 6).execute();
      for (const index of ['coe_overview_next_due', 'coe_assessments_corrected', 'coe_replications_corrected'])
        await sql.raw(`DROP INDEX ${index}`).execute(v1.db);
      for (const column of [
        'definition_version',
        'nominating_npo',
        'host_institution',
        'host_type',
        'status',
        'stage',
        'planned_launch_date',
        'designation_meeting',
        'designation_decision_date',
      ]) {
        await sql.raw(`ALTER TABLE coe_overview DROP COLUMN ${column}`).execute(v1.db);
      }
      for (const column of [
        'governing_body_decisions',
        'period_due_date',
        'next_due_date',
        'next_due_key',
        'next_due_kind',
        'next_due_label',
        'open_deadlines',
        'historical',
        'last_status_assessment_date',
        'last_status_assessment_stage',
      ]) {
        await sql.raw(`ALTER TABLE coe_overview DROP COLUMN ${column}`).execute(v1.db);
      }
      for (const column of ['kind', 'corrected_by']) await sql.raw(`ALTER TABLE coe_assessments DROP COLUMN ${column}`).execute(v1.db);
      await sql`ALTER TABLE coe_replications DROP COLUMN corrected_by`.execute(v1.db);
      await v1.db.deleteFrom('read_store_migrations').where('version', '=', 5).execute();
      await sql`DROP TABLE projection_failed_events`.execute(v1.db);
      await v1.db.deleteFrom('read_store_migrations').where('version', '=', 4).execute();
      for (const table of ['webhook_deliveries', 'notification_outbox', 'deadlines']) await sql.raw(`DROP TABLE ${table}`).execute(v1.db);
      await v1.db.deleteFrom('read_store_migrations').where('version', '=', 3).execute();
      await sql`DROP TABLE bcn_follow_ups`.execute(v1.db);
      await sql`DROP TABLE bcn_exchanges`.execute(v1.db);
      await sql`DROP INDEX coe_replications_bcn`.execute(v1.db);
      await v1.db.deleteFrom('read_store_migrations').where('version', '=', 2).execute();
      const row = {
        position: '7',
        coe_id: 'th-digital',
        replication_id: 'rep-1',
        target_economy: 'LA',
        description: 'toolkit',
        date: '2030-02-12',
        bcn_exchange_id: 'bcn-1',
      };
      await v1.db.insertInto('coe_replications').values(row).execute();
      await v1.close();
      const upgraded = await target.open();
      expect((await upgraded.db.selectFrom('read_store_migrations').select('version').orderBy('version').execute()).map((r) => Number(r.version))).toEqual([
        1, 2, 3, 4, 5, 6,
      ]);
      expect((await listReplications(upgraded)).items.map((r) => [r.bcnExchangeId, r.correctedBy])).toEqual([['bcn-1', null]]);
      expect(await listCoeOverview(upgraded, { today: '2030-01-01', host: 'x' })).toEqual({ items: [], total: 0, position: '0' });
      expect(await listBcnExchanges(upgraded)).toEqual({ items: [], total: 0, position: '0' });
      expect(await upgraded.db.selectFrom('projection_failed_events').selectAll().execute()).toEqual([]);
      expect(await upgraded.db.selectFrom('transparency_leaves').selectAll().execute()).toEqual([]);
      await upgraded.close();
    } finally {
      await target.cleanup();
    }
  });
});
