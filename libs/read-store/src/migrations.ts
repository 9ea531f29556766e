import { sql, type Kysely } from 'kysely';

/**
 * The read store's schema, one definition for both dialects (Kysely's schema builder emits the
 * dialect's DDL). Append a migration to change it; never edit a released one. A read model whose
 * rows change meaning also bumps its projection's `version`, which rebuilds it from the log.
 */
export type Migration = (db: Kysely<never>, dialect: 'sqlite' | 'postgres') => Promise<void>;

const position = 'bigint' as const;

/**
 * Text compares by code point in SQLite; PostgreSQL columns get the "C" collation so ORDER BY
 * gives the same order in both (a locale collation would skip punctuation, e.g. in ids).
 */
const textType = (dialect: 'sqlite' | 'postgres') => (dialect === 'postgres' ? sql`text collate "C"` : sql`text`);

export const MIGRATIONS: readonly Migration[] = [
  async (db, dialect) => {
    const text = textType(dialect);
    await db.schema
      .createTable('projection_checkpoints')
      .addColumn('name', text, (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('position', position)
      .addColumn('last_recorded_at', 'text')
      .addColumn('rebuilt_at', 'text')
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('coe_overview')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('name', 'text')
      .addColumn('member_economy', 'text')
      .addColumn('focus_area', 'text')
      .addColumn('applied_on', 'text')
      .addColumn('launch_date', 'text')
      .addColumn('state', text, (c) => c.notNull())
      .addColumn('phase', text, (c) => c.notNull())
      .addColumn('delivery_year', 'integer')
      .addColumn('period', 'text')
      .addColumn('phase_start', 'text')
      .addColumn('due_date', 'text')
      .addColumn('suspended', 'integer', (c) => c.notNull())
      .addColumn('last_assessment_id', 'text')
      .addColumn('last_assessment_date', 'text')
      .addColumn('last_assessment_recommendation', 'text')
      .addColumn('last_assessment_overall', 'double precision')
      .addColumn('activities', 'integer', (c) => c.notNull())
      .addColumn('publications', 'integer', (c) => c.notNull())
      .addColumn('replications', 'integer', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addColumn('position', position, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('coe_overview_phase').on('coe_overview').columns(['phase', 'due_date']).execute();
    await db.schema.createIndex('coe_overview_economy').on('coe_overview').columns(['member_economy', 'focus_area']).execute();
    await db.schema.createIndex('coe_overview_position').on('coe_overview').column('position').execute();

    await db.schema
      .createTable('coe_assessments')
      .addColumn('position', position, (c) => c.primaryKey())
      .addColumn('coe_id', text, (c) => c.notNull())
      .addColumn('assessment_id', text, (c) => c.notNull())
      .addColumn('period', text, (c) => c.notNull())
      .addColumn('assessed_on', text, (c) => c.notNull())
      .addColumn('competency', 'integer', (c) => c.notNull())
      .addColumn('dissemination', 'integer', (c) => c.notNull())
      .addColumn('collaboration', 'integer', (c) => c.notNull())
      .addColumn('outputs', 'integer', (c) => c.notNull())
      .addColumn('impact', 'integer', (c) => c.notNull())
      .addColumn('overall', 'double precision', (c) => c.notNull())
      .addColumn('recommendation', text, (c) => c.notNull())
      .addColumn('actor', text, (c) => c.notNull())
      .addColumn('recorded_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('coe_assessments_coe').on('coe_assessments').columns(['coe_id', 'position']).execute();

    await db.schema
      .createTable('coe_activity_counts')
      .addColumn('coe_id', text, (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('category', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('position', position, (c) => c.notNull())
      .addPrimaryKeyConstraint('coe_activity_counts_pk', ['coe_id', 'year', 'category', 'kind'])
      .execute();

    await db.schema
      .createTable('coe_activity_participants')
      .addColumn('coe_id', text, (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('economy', text, (c) => c.notNull())
      .addColumn('participants', 'integer', (c) => c.notNull())
      .addColumn('activities', 'integer', (c) => c.notNull())
      .addColumn('position', position, (c) => c.notNull())
      .addPrimaryKeyConstraint('coe_activity_participants_pk', ['coe_id', 'year', 'economy'])
      .execute();

    await db.schema
      .createTable('coe_phase_history')
      .addColumn('coe_id', text, (c) => c.notNull())
      .addColumn('period', text, (c) => c.notNull())
      .addColumn('phase', text, (c) => c.notNull())
      .addColumn('started_on', text, (c) => c.notNull())
      .addColumn('scheduled_start', text, (c) => c.notNull())
      .addColumn('due_date', text, (c) => c.notNull())
      .addColumn('ended_on', 'text')
      .addColumn('duration_days', 'integer')
      .addColumn('outcome', text, (c) => c.notNull())
      .addColumn('on_schedule', 'integer')
      .addColumn('position', position, (c) => c.notNull())
      .addPrimaryKeyConstraint('coe_phase_history_pk', ['coe_id', 'period'])
      .execute();

    await db.schema
      .createTable('coe_replications')
      .addColumn('position', position, (c) => c.primaryKey())
      .addColumn('coe_id', text, (c) => c.notNull())
      .addColumn('replication_id', text, (c) => c.notNull())
      .addColumn('target_economy', text, (c) => c.notNull())
      .addColumn('description', text, (c) => c.notNull())
      .addColumn('date', text, (c) => c.notNull())
      .addColumn('bcn_exchange_id', 'text')
      .execute();
    await db.schema.createIndex('coe_replications_coe').on('coe_replications').columns(['coe_id', 'position']).execute();
  },
  // 2: BCN exchanges (one row each) and their follow-up activities.
  async (db, dialect) => {
    const text = textType(dialect);
    await db.schema
      .createTable('bcn_exchanges')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('title', 'text')
      .addColumn('topic', 'text')
      .addColumn('programme_year', 'integer')
      .addColumn('origin', text)
      .addColumn('application_window', 'integer')
      .addColumn('closing_date', 'text')
      .addColumn('sending_economy', text)
      .addColumn('sending_npo', 'text')
      .addColumn('hosting_economy', text)
      .addColumn('hosting_npo', 'text')
      .addColumn('state', text, (c) => c.notNull())
      .addColumn('drafted_on', 'text')
      .addColumn('applied_on', 'text')
      .addColumn('decided_on', 'text')
      .addColumn('modality', text)
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text')
      .addColumn('participants', 'integer', (c) => c.notNull())
      .addColumn('reschedules', 'integer', (c) => c.notNull())
      .addColumn('implemented_on', 'text')
      .addColumn('reported_on', 'text')
      .addColumn('follow_ups', 'integer', (c) => c.notNull())
      .addColumn('last_follow_up_on', 'text')
      .addColumn('closed_on', 'text')
      .addColumn('withdrawn_on', 'text')
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addColumn('position', position, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('bcn_exchanges_state').on('bcn_exchanges').columns(['state', 'programme_year']).execute();
    await db.schema.createIndex('bcn_exchanges_window').on('bcn_exchanges').columns(['programme_year', 'application_window']).execute();
    await db.schema.createIndex('bcn_exchanges_sending').on('bcn_exchanges').columns(['sending_economy', 'hosting_economy']).execute();
    await db.schema.createIndex('bcn_exchanges_hosting').on('bcn_exchanges').column('hosting_economy').execute();
    await db.schema.createIndex('bcn_exchanges_position').on('bcn_exchanges').column('position').execute();

    await db.schema
      .createTable('bcn_follow_ups')
      .addColumn('position', position, (c) => c.primaryKey())
      .addColumn('exchange_id', text, (c) => c.notNull())
      .addColumn('follow_up_id', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('title', text, (c) => c.notNull())
      .addColumn('date', text, (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('sending_economy', text)
      .addColumn('hosting_economy', text)
      .execute();
    await db.schema.createIndex('bcn_follow_ups_exchange').on('bcn_follow_ups').columns(['exchange_id', 'position']).execute();
    // The COE replications that cite an exchange (the BCN side of the link).
    await db.schema.createIndex('coe_replications_bcn').on('coe_replications').column('bcn_exchange_id').execute();
  },
  // 3: deadlines (scheduler) and the webhook outbox with its deliveries.
  async (db, dialect) => {
    const text = textType(dialect);
    await db.schema
      .createTable('deadlines')
      .addColumn('stream_id', text, (c) => c.notNull())
      .addColumn('deadline_key', text, (c) => c.notNull())
      .addColumn('programme', text, (c) => c.notNull())
      .addColumn('instance_id', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('label', text, (c) => c.notNull())
      .addColumn('due_date', text, (c) => c.notNull())
      .addColumn('notices', text, (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('position', position, (c) => c.notNull())
      .addPrimaryKeyConstraint('deadlines_pk', ['stream_id', 'deadline_key'])
      .execute();
    await db.schema.createIndex('deadlines_due').on('deadlines').columns(['due_date', 'stream_id']).execute();
    await db.schema.createIndex('deadlines_instance').on('deadlines').columns(['programme', 'instance_id']).execute();

    await db.schema
      .createTable('notification_outbox')
      .addColumn('position', position, (c) => c.primaryKey())
      .addColumn('event_id', text, (c) => c.notNull())
      .addColumn('category', text, (c) => c.notNull())
      .addColumn('event_type', text, (c) => c.notNull())
      .addColumn('stream_id', text, (c) => c.notNull())
      .addColumn('payload', text, (c) => c.notNull())
      .addColumn('recorded_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('webhook', text, (c) => c.notNull())
      .addColumn('position', position, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', text)
      .addColumn('last_error', text)
      .addColumn('delivered_at', text)
      .addColumn('updated_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_deliveries_pk', ['webhook', 'position'])
      .execute();
    await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  },
  // 4: events a projection could not apply (skipped by it, kept here until it is rebuilt).
  async (db, dialect) => {
    const text = textType(dialect);
    await db.schema
      .createTable('projection_failed_events')
      .addColumn('projection', text, (c) => c.notNull())
      .addColumn('position', position, (c) => c.notNull())
      .addColumn('stream_id', text, (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('event_type', text)
      .addColumn('error', 'text', (c) => c.notNull())
      .addColumn('first_seen_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('projection_failed_events_pk', ['projection', 'position'])
      .execute();
    await db.schema.createIndex('projection_failed_events_position').on('projection_failed_events').column('position').execute();
  },
  // 5: COE definition version 2. The overview describes either version (host, nominating NPO,
  // Governing Body decisions, status, network stage, the next due date); the phase history has
  // rows without a calendar (a network stage has no due date); assessments include status ones;
  // a corrected assessment or replication is rewritten and says by which correction.
  // Their projections' versions were bumped with it, so they are rebuilt from the log.
  async (db, dialect) => {
    const text = textType(dialect);
    const columns: [string, 'text' | 'integer'][] = [
      ['definition_version', 'integer'],
      ['nominating_npo', 'text'],
      ['host_institution', 'text'],
      ['host_type', 'text'],
      ['status', 'text'],
      ['stage', 'text'],
      ['planned_launch_date', 'text'],
      ['designation_meeting', 'text'],
      ['designation_decision_date', 'text'],
      ['governing_body_decisions', 'text'],
      ['period_due_date', 'text'],
      ['next_due_date', 'text'],
      ['next_due_key', 'text'],
      ['next_due_kind', 'text'],
      ['next_due_label', 'text'],
      ['open_deadlines', 'integer'],
      ['historical', 'integer'],
      ['last_status_assessment_date', 'text'],
      ['last_status_assessment_stage', 'text'],
    ];
    for (const [name, type] of columns)
      await db.schema
        .alterTable('coe_overview')
        .addColumn(name, type === 'text' ? text : type)
        .execute();
    await db.schema.createIndex('coe_overview_next_due').on('coe_overview').columns(['next_due_date', 'id']).execute();

    await db.schema.dropTable('coe_phase_history').execute();
    await db.schema
      .createTable('coe_phase_history')
      .addColumn('coe_id', text, (c) => c.notNull())
      .addColumn('period', text, (c) => c.notNull())
      .addColumn('phase', text, (c) => c.notNull())
      .addColumn('started_on', text, (c) => c.notNull())
      .addColumn('scheduled_start', text)
      .addColumn('due_date', text)
      .addColumn('ended_on', text)
      .addColumn('duration_days', 'integer')
      .addColumn('outcome', text, (c) => c.notNull())
      .addColumn('on_schedule', 'integer')
      .addColumn('position', position, (c) => c.notNull())
      .addPrimaryKeyConstraint('coe_phase_history_pk', ['coe_id', 'period'])
      .execute();

    await db.schema
      .alterTable('coe_assessments')
      .addColumn('kind', text, (c) => c.notNull().defaultTo('period'))
      .execute();
    // A correction rewrites the row of the fact it corrects: the feed finds it by this position too.
    for (const table of ['coe_assessments', 'coe_replications']) {
      await db.schema.alterTable(table).addColumn('corrected_by', position).execute();
      await db.schema.createIndex(`${table}_corrected`).on(table).column('corrected_by').execute();
    }
  },
  // 6: the transparency log (issue #21). The Merkle tree over the global log: one leaf per event
  // and the root of every complete perfect subtree (kept by the `transparency-log` projection),
  // the signed checkpoints and the alarms of the self-check (kept outside any projection: a
  // rebuild of the tree never drops them).
  async (db, dialect) => {
    const text = textType(dialect);
    // SQLite: an INTEGER PRIMARY KEY is the rowid (one b-tree, not a table and an index) and the
    // nodes live in their primary key (WITHOUT ROWID): the writer appends a leaf and about one
    // node per event, so each b-tree less is a measurable share of its cost.
    const rowid = dialect === 'sqlite' ? ('integer' as const) : position;
    await db.schema
      .createTable('transparency_leaves')
      .addColumn('leaf_index', rowid, (c) => c.primaryKey())
      .addColumn('position', position, (c) => c.notNull())
      .addColumn('stream_id', text, (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('event_id', text, (c) => c.notNull())
      .addColumn('leaf_hash', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('transparency_leaves_position').on('transparency_leaves').column('position').execute();

    await db.schema
      .createTable('transparency_nodes')
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('node_index', position, (c) => c.notNull())
      .addColumn('hash', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('transparency_nodes_pk', ['level', 'node_index'])
      .$call((table) => (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
      .execute();

    await db.schema
      .createTable('transparency_checkpoints')
      .addColumn('tree_size', position, (c) => c.primaryKey())
      .addColumn('root_hash', text, (c) => c.notNull())
      .addColumn('note', text, (c) => c.notNull())
      .addColumn('origin', text, (c) => c.notNull())
      .addColumn('key_name', text, (c) => c.notNull())
      .addColumn('key_id', text, (c) => c.notNull())
      .addColumn('verifier_key', text, (c) => c.notNull())
      .addColumn('signed_at', text, (c) => c.notNull())
      .addColumn('epoch', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('transparency_alarms')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('detected_at', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('summary', text, (c) => c.notNull())
      .addColumn('detail', text, (c) => c.notNull())
      .addColumn('finding_key', text, (c) => c.notNull())
      .addColumn('acknowledged_at', text)
      .addColumn('acknowledged_by', text)
      .addColumn('ack_reason', text)
      .execute();
  },
];
