import { sql, type Kysely } from 'kysely';
import { MIGRATIONS } from './migrations';
import { ReadStoreError } from './read-store-error';
import type { ReadDatabase } from './tables';

/**
 * Applies the missing migrations in one write transaction. SQLite takes the write lock up front
 * (BEGIN IMMEDIATE) and PostgreSQL a transaction-scoped advisory lock, so two processes opening
 * the same store at once migrate it once.
 */
export async function migrate(db: Kysely<ReadDatabase>, dialect: 'sqlite' | 'postgres', location: string): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql.raw(dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN').execute(conn);
    try {
      if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext('apo-read-store-migrations'), hashtext(current_schema()))`.execute(conn);
      await conn.schema
        .createTable('read_store_migrations')
        .ifNotExists()
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .execute();
      const row = await conn
        .selectFrom('read_store_migrations')
        .select((eb) => eb.fn.max('version').as('version'))
        .executeTakeFirst();
      const current = Number(row?.version ?? 0);
      if (current > MIGRATIONS.length) {
        throw new ReadStoreError(
          'READ_STORE_SCHEMA_TOO_NEW',
          `read store ${location} has schema version ${current}; this version understands up to ${MIGRATIONS.length}. Upgrade the application.`,
          { location, version: current, supported: MIGRATIONS.length },
        );
      }
      for (let version = current + 1; version <= MIGRATIONS.length; version++) {
        await MIGRATIONS[version - 1](conn as unknown as Kysely<never>, dialect);
        await conn.insertInto('read_store_migrations').values({ version, applied_at: new Date().toISOString() }).execute();
      }
      await sql`COMMIT`.execute(conn);
    } catch (error) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}
