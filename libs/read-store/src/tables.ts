/**
 * The read database as Kysely sees it: one interface for SQLite and PostgreSQL. Positions are
 * written as decimal strings and come back as numbers (SQLite) or strings (PostgreSQL int8), so
 * readers always go through `String(...)`. Dates are ISO 8601 text in both dialects, booleans are
 * 0/1 integers: the same rows, byte for byte, whichever database holds them.
 */
type Position = string | number;

export interface MigrationsTable {
  version: number;
  applied_at: string;
}

export interface CheckpointsTable {
  name: string;
  version: number;
  /** Global log position of the last event applied (or examined); null: nothing yet. */
  position: Position | null;
  /** `recordedAt` of the last event applied, for "seconds behind". */
  last_recorded_at: string | null;
  /** When the projection last started from zero (ISO instant); null until then. */
  rebuilt_at: string | null;
  updated_at: string;
}

/** An event a projection could not apply: skipped by that projection, listed until it is rebuilt. */
export interface ProjectionFailedEventsTable {
  projection: string;
  position: Position;
  stream_id: string;
  revision: number;
  /** Null when the store could not tell (an unreadable event from an older reader). */
  event_type: string | null;
  /** What went wrong: the projection's error, or why the stored event cannot be read. */
  error: string;
  /** When a runner first met it (ISO instant). */
  first_seen_at: string;
}

export interface CoeOverviewTable {
  id: string;
  name: string | null;
  member_economy: string | null;
  focus_area: string | null;
  applied_on: string | null;
  launch_date: string | null;
  state: string;
  phase: string;
  delivery_year: number | null;
  period: string | null;
  phase_start: string | null;
  due_date: string | null;
  suspended: number;
  last_assessment_id: string | null;
  last_assessment_date: string | null;
  last_assessment_recommendation: string | null;
  last_assessment_overall: number | null;
  activities: number;
  publications: number;
  replications: number;
  revision: number;
  updated_at: string;
  position: Position;
  // Migration 5: what version 2 describes, and the one next due date.
  definition_version: number | null;
  nominating_npo: string | null;
  host_institution: string | null;
  host_type: string | null;
  status: string | null;
  stage: string | null;
  planned_launch_date: string | null;
  designation_meeting: string | null;
  designation_decision_date: string | null;
  /** JSON array of { decision, meeting, decisionDate }. */
  governing_body_decisions: string | null;
  period_due_date: string | null;
  next_due_date: string | null;
  next_due_key: string | null;
  next_due_kind: string | null;
  next_due_label: string | null;
  open_deadlines: number | null;
  historical: number | null;
  last_status_assessment_date: string | null;
  last_status_assessment_stage: string | null;
}

export interface CoeAssessmentsTable {
  position: Position;
  coe_id: string;
  assessment_id: string;
  period: string;
  assessed_on: string;
  competency: number;
  dissemination: number;
  collaboration: number;
  outputs: number;
  impact: number;
  overall: number;
  recommendation: string;
  actor: string;
  recorded_at: string;
  /** Migration 5: `period` (of the 1-3-1 cycle) or `status` (version 2's in the network: period `network`, recommendation the stage). */
  kind: string;
  /** Migration 5: position of the last correction of this assessment (null: as recorded). */
  corrected_by: Position | null;
}

export interface CoeActivityCountsTable {
  coe_id: string;
  year: number;
  /** `activity` or `publication`. */
  category: string;
  kind: string;
  count: number;
  position: Position;
}

export interface CoeActivityParticipantsTable {
  coe_id: string;
  year: number;
  economy: string;
  participants: number;
  activities: number;
  position: Position;
}

export interface CoePhaseHistoryTable {
  coe_id: string;
  period: string;
  phase: string;
  started_on: string;
  /** The calendar's start (null: none, e.g. a network stage). */
  scheduled_start: string | null;
  /** The due date, extensions included (null: none, e.g. a network stage). */
  due_date: string | null;
  ended_on: string | null;
  duration_days: number | null;
  outcome: string;
  on_schedule: number | null;
  position: Position;
}

export interface CoeReplicationsTable {
  position: Position;
  coe_id: string;
  replication_id: string;
  target_economy: string;
  description: string;
  date: string;
  bcn_exchange_id: string | null;
  /** Migration 5: position of the last correction of this record (null: as recorded). */
  corrected_by: Position | null;
}

export interface BcnExchangesTable {
  id: string;
  title: string | null;
  topic: string | null;
  programme_year: number | null;
  /** `application` (a sending NPO, in a window) or `secretariat` (a proposal); null while a draft. */
  origin: string | null;
  application_window: number | null;
  closing_date: string | null;
  sending_economy: string | null;
  sending_npo: string | null;
  /** Requested in the draft, then as scheduled. */
  hosting_economy: string | null;
  hosting_npo: string | null;
  state: string;
  drafted_on: string | null;
  /** Submitted (application) or proposed (Secretariat) on. */
  applied_on: string | null;
  decided_on: string | null;
  modality: string | null;
  start_date: string | null;
  end_date: string | null;
  /** Participants on the current roster (0 before scheduling). */
  participants: number;
  reschedules: number;
  implemented_on: string | null;
  reported_on: string | null;
  follow_ups: number;
  last_follow_up_on: string | null;
  closed_on: string | null;
  withdrawn_on: string | null;
  revision: number;
  updated_at: string;
  position: Position;
}

export interface BcnFollowUpsTable {
  position: Position;
  exchange_id: string;
  follow_up_id: string;
  kind: string;
  title: string;
  date: string;
  year: number;
  sending_economy: string | null;
  hosting_economy: string | null;
}

/** One open deadline of one instance (kept by the `deadlines` projection; met ones are deleted). */
export interface DeadlinesTable {
  stream_id: string;
  /** Deadline key within the instance, e.g. `assessment:delivery.year2`. */
  deadline_key: string;
  /** Programme key (`coe`, `bcn`) and the instance id without the stream prefix. */
  programme: string;
  instance_id: string;
  kind: string;
  label: string;
  due_date: string;
  /** Notice stages already written to the stream, comma-separated in order (`lead-30,lead-7,due`). */
  notices: string;
  revision: number;
  position: Position;
}

/** A notification to deliver to webhooks: one per workflow event worth telling (transitions, notices). */
export interface NotificationOutboxTable {
  /** The event's global position: outbox order. */
  position: Position;
  /** The event id: receivers dedupe on it (delivery is at least once). */
  event_id: string;
  /** `transition` or `deadline`. */
  category: string;
  event_type: string;
  stream_id: string;
  /** The JSON body POSTed to every webhook. */
  payload: string;
  recorded_at: string;
}

/** Delivery of one outbox notification to one configured webhook. */
export interface WebhookDeliveriesTable {
  webhook: string;
  position: Position;
  /** `pending`, `delivered` or `dead` (the dead-letter list). */
  status: string;
  attempts: number;
  /** ISO instant of the next attempt (pending only). */
  next_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
  updated_at: string;
}

/** One leaf of the transparency log's Merkle tree: one event of the global log, in log order (issue #21). */
export interface TransparencyLeavesTable {
  /** 0-based leaf index: the event's place among the log's readable events. */
  leaf_index: Position;
  /** The event's global log position. */
  position: Position;
  stream_id: string;
  revision: number;
  event_id: string;
  /** 64 lower-case hex of the leaf hash, SHA-256(0x00 || leaf data) (`transparencyLeafData`). */
  leaf_hash: string;
}

/** The root of a complete perfect subtree of the Merkle tree: leaves [node_index * 2^level, (node_index + 1) * 2^level), level >= 1. */
export interface TransparencyNodesTable {
  level: number;
  node_index: Position;
  /** 64 lower-case hex. */
  hash: string;
}

/** A signed checkpoint (C2SP tlog-checkpoint) of the tree's first `tree_size` leaves. */
export interface TransparencyCheckpointsTable {
  tree_size: Position;
  /** 64 lower-case hex of the root hash. */
  root_hash: string;
  /** The whole signed note: checkpoint text, blank line, signature line. */
  note: string;
  origin: string;
  key_name: string;
  /** 8 lower-case hex digits of the signer's key ID. */
  key_id: string;
  /** The signer's verifier key string, so a checkpoint stays verifiable after a key rotation. */
  verifier_key: string;
  /** ISO instant. */
  signed_at: string;
  epoch: number;
}

/** A finding of the transparency log's self-check: shown and refusing writes until acknowledged. */
export interface TransparencyAlarmsTable {
  /** Assigned by the writer as max + 1 inside its transaction. */
  id: number;
  detected_at: string;
  kind: string;
  summary: string;
  /** JSON. */
  detail: string;
  /** What was found and where, as one string: the same tamper is one alarm, however often it is seen. */
  finding_key: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  ack_reason: string | null;
}

export interface ReadDatabase {
  read_store_migrations: MigrationsTable;
  projection_checkpoints: CheckpointsTable;
  projection_failed_events: ProjectionFailedEventsTable;
  coe_overview: CoeOverviewTable;
  coe_assessments: CoeAssessmentsTable;
  coe_activity_counts: CoeActivityCountsTable;
  coe_activity_participants: CoeActivityParticipantsTable;
  coe_phase_history: CoePhaseHistoryTable;
  coe_replications: CoeReplicationsTable;
  bcn_exchanges: BcnExchangesTable;
  bcn_follow_ups: BcnFollowUpsTable;
  deadlines: DeadlinesTable;
  notification_outbox: NotificationOutboxTable;
  webhook_deliveries: WebhookDeliveriesTable;
  transparency_leaves: TransparencyLeavesTable;
  transparency_nodes: TransparencyNodesTable;
  transparency_checkpoints: TransparencyCheckpointsTable;
  transparency_alarms: TransparencyAlarmsTable;
}

export type ReadTable = Exclude<keyof ReadDatabase, 'read_store_migrations'>;
