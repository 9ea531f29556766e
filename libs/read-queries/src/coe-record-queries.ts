import { sql } from 'kysely';
import type { ReadStore, CoeReplicationsTable } from '@apo/read-store';
import { checkPage, readPage, toBoolean, toNumber, toPositionString, type Page, type PageOptions } from './page';

/** Where a row of facts (assessments, replications) last changed: its own event, or the correction that rewrote it. */
const changedAt = sql<string>`coalesce(corrected_by, position)`;
/** A position to compare `changedAt` with: an expression has no column affinity in SQLite, so the text is cast. */
const positionValue = (position: string) => sql<string>`cast(${position} as bigint)`;

export interface AssessmentFilter extends PageOptions {
  readonly coeId?: string;
  /** `period` (of the 1-3-1 cycle) or `status` (in the COE network). */
  readonly kind?: string;
  /** The period assessed; `network` for status assessments. */
  readonly period?: string;
  /** advance, extend, terminate; for status assessments the stage recommended. */
  readonly recommendation?: string;
}

export interface AssessmentItem {
  coeId: string;
  assessmentId: string;
  period: string;
  assessedOn: string;
  competency: number;
  dissemination: number;
  collaboration: number;
  outputs: number;
  impact: number;
  overall: number;
  recommendation: string;
  kind: string;
  actor: string;
  recordedAt: string;
  /** The last correction's position (null: as recorded). */
  correctedBy: string | null;
  position: string;
}

/** Assessments in the order they were recorded (as corrected since); the feed gives a corrected one again at its correction. */
export async function listAssessments(readStore: ReadStore, filter: AssessmentFilter = {}): Promise<Page<AssessmentItem>> {
  const { limit, offset, since } = checkPage(filter);
  return readPage(readStore, ['coe-assessments'], async (trx) => {
    let q = trx.selectFrom('coe_assessments');
    if (filter.coeId !== undefined) q = q.where('coe_id', '=', filter.coeId);
    if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
    if (filter.period !== undefined) q = q.where('period', '=', filter.period);
    if (filter.recommendation !== undefined) q = q.where('recommendation', '=', filter.recommendation);
    if (since !== undefined) q = q.where(changedAt, '>', positionValue(since));
    const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy(since === undefined ? 'position' : changedAt)
      .orderBy('position')
      .limit(limit)
      .offset(offset)
      .execute();
    const items = rows.map((r) => ({
      coeId: r.coe_id,
      assessmentId: r.assessment_id,
      period: r.period,
      assessedOn: r.assessed_on,
      competency: toNumber(r.competency),
      dissemination: toNumber(r.dissemination),
      collaboration: toNumber(r.collaboration),
      outputs: toNumber(r.outputs),
      impact: toNumber(r.impact),
      overall: toNumber(r.overall),
      recommendation: r.recommendation,
      kind: r.kind,
      actor: r.actor,
      recordedAt: r.recorded_at,
      correctedBy: r.corrected_by === null ? null : toPositionString(r.corrected_by),
      position: toPositionString(r.position),
    }));
    return { items, total: toNumber(count.n) };
  });
}

export interface ActivityCountFilter extends PageOptions {
  readonly coeId?: string;
  readonly year?: number;
  /** `activity` or `publication`. */
  readonly category?: string;
  readonly kind?: string;
}

export interface ActivityCountItem {
  coeId: string;
  year: number;
  category: string;
  kind: string;
  count: number;
  position: string;
}

/** Activities and publications by COE, year and kind (by key, or by position with `sincePosition`). */
export async function listActivityCounts(readStore: ReadStore, filter: ActivityCountFilter = {}): Promise<Page<ActivityCountItem>> {
  const { limit, offset, since } = checkPage(filter);
  return readPage(readStore, ['coe-activity'], async (trx) => {
    let q = trx.selectFrom('coe_activity_counts');
    if (filter.coeId !== undefined) q = q.where('coe_id', '=', filter.coeId);
    if (filter.year !== undefined) q = q.where('year', '=', filter.year);
    if (filter.category !== undefined) q = q.where('category', '=', filter.category);
    if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
    if (since !== undefined) q = q.where('position', '>', since);
    const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const ordered =
      since === undefined
        ? q.selectAll().orderBy('coe_id').orderBy('year').orderBy('category').orderBy('kind')
        : q.selectAll().orderBy('position').orderBy('coe_id').orderBy('year').orderBy('category').orderBy('kind');
    const rows = await ordered.limit(limit).offset(offset).execute();
    const items = rows.map((r) => ({
      coeId: r.coe_id,
      year: toNumber(r.year),
      category: r.category,
      kind: r.kind,
      count: toNumber(r.count),
      position: toPositionString(r.position),
    }));
    return { items, total: toNumber(count.n) };
  });
}

export interface ParticipantFilter extends PageOptions {
  readonly coeId?: string;
  readonly year?: number;
  readonly economy?: string;
}

export interface ParticipantItem {
  coeId: string;
  year: number;
  economy: string;
  participants: number;
  activities: number;
  position: string;
}

/** Participants of activities by COE, year and member economy. */
export async function listActivityParticipants(readStore: ReadStore, filter: ParticipantFilter = {}): Promise<Page<ParticipantItem>> {
  const { limit, offset, since } = checkPage(filter);
  return readPage(readStore, ['coe-activity'], async (trx) => {
    let q = trx.selectFrom('coe_activity_participants');
    if (filter.coeId !== undefined) q = q.where('coe_id', '=', filter.coeId);
    if (filter.year !== undefined) q = q.where('year', '=', filter.year);
    if (filter.economy !== undefined) q = q.where('economy', '=', filter.economy);
    if (since !== undefined) q = q.where('position', '>', since);
    const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const ordered =
      since === undefined
        ? q.selectAll().orderBy('coe_id').orderBy('year').orderBy('economy')
        : q.selectAll().orderBy('position').orderBy('coe_id').orderBy('year').orderBy('economy');
    const rows = await ordered.limit(limit).offset(offset).execute();
    const items = rows.map((r) => ({
      coeId: r.coe_id,
      year: toNumber(r.year),
      economy: r.economy,
      participants: toNumber(r.participants),
      activities: toNumber(r.activities),
      position: toPositionString(r.position),
    }));
    return { items, total: toNumber(count.n) };
  });
}

/** The rows' periods: version 1's five, and version 2's designation awaiting launch and network stages (entered again: `network.member#2`). */
export const PHASE_HISTORY_PERIODS = [
  'designated',
  'designation',
  'delivery.year1',
  'delivery.year2',
  'delivery.year3',
  'replication',
  'network.continuedSupport',
  'network.member',
] as const;
export const PHASE_HISTORY_PHASES = ['designated', 'designation', 'delivery', 'replication', 'network'] as const;
/** How a row ended (open: not yet). */
export const PHASE_OUTCOMES = ['advanced', 'graduated', 'terminated', 'withdrawn', 'launched', 'cycleCompleted', 'stageChanged', 'retired', 'open'] as const;

export interface PhaseHistoryFilter extends PageOptions {
  readonly coeId?: string;
  readonly period?: string;
  readonly phase?: string;
  /** advanced, graduated, terminated, withdrawn, open; version 2: launched, cycleCompleted, stageChanged, retired. */
  readonly outcome?: string;
  /** Ended by the due date (true) or after it (false); open periods match neither. */
  readonly onSchedule?: boolean;
}

export interface PhaseHistoryItem {
  coeId: string;
  period: string;
  phase: string;
  startedOn: string;
  scheduledStart: string | null;
  dueDate: string | null;
  endedOn: string | null;
  durationDays: number | null;
  outcome: string;
  onSchedule: boolean | null;
  position: string;
}

/** Periods (and version 2's designation awaiting launch and network stages) each COE went through, by COE and calendar. */
export async function listPhaseHistory(readStore: ReadStore, filter: PhaseHistoryFilter = {}): Promise<Page<PhaseHistoryItem>> {
  const { limit, offset, since } = checkPage(filter);
  return readPage(readStore, ['coe-phase-history'], async (trx) => {
    let q = trx.selectFrom('coe_phase_history');
    if (filter.coeId !== undefined) q = q.where('coe_id', '=', filter.coeId);
    const period = filter.period;
    // A network stage entered again is `<period>#2`, `#3`...: the period names them all (periods hold no LIKE wildcard).
    if (period !== undefined) q = q.where((eb) => eb.or([eb('period', '=', period), eb('period', 'like', `${period}#%`)]));
    if (filter.phase !== undefined) q = q.where('phase', '=', filter.phase);
    if (filter.outcome !== undefined) q = q.where('outcome', '=', filter.outcome);
    if (filter.onSchedule !== undefined) q = q.where('on_schedule', '=', filter.onSchedule ? 1 : 0);
    if (since !== undefined) q = q.where('position', '>', since);
    const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const ordered =
      since === undefined
        ? q.selectAll().orderBy('coe_id').orderBy('scheduled_start').orderBy('position')
        : q.selectAll().orderBy('position').orderBy('coe_id').orderBy('period');
    const rows = await ordered.limit(limit).offset(offset).execute();
    const items = rows.map((r) => ({
      coeId: r.coe_id,
      period: r.period,
      phase: r.phase,
      startedOn: r.started_on,
      scheduledStart: r.scheduled_start,
      dueDate: r.due_date,
      endedOn: r.ended_on,
      durationDays: r.duration_days === null ? null : toNumber(r.duration_days),
      outcome: r.outcome,
      onSchedule: toBoolean(r.on_schedule),
      position: toPositionString(r.position),
    }));
    return { items, total: toNumber(count.n) };
  });
}

export interface ReplicationFilter extends PageOptions {
  readonly coeId?: string;
  readonly targetEconomy?: string;
  readonly bcnExchangeId?: string;
}

export interface ReplicationItem {
  coeId: string;
  replicationId: string;
  targetEconomy: string;
  description: string;
  date: string;
  bcnExchangeId: string | null;
  /** The last correction's position (null: as recorded). */
  correctedBy: string | null;
  position: string;
}

export const toReplicationItem = (r: CoeReplicationsTable): ReplicationItem => ({
  coeId: r.coe_id,
  replicationId: r.replication_id,
  targetEconomy: r.target_economy,
  description: r.description,
  date: r.date,
  bcnExchangeId: r.bcn_exchange_id,
  correctedBy: r.corrected_by === null ? null : toPositionString(r.corrected_by),
  position: toPositionString(r.position),
});

/** Replication records in the order they were recorded (as corrected since); the feed gives a corrected one again at its correction. */
export async function listReplications(readStore: ReadStore, filter: ReplicationFilter = {}): Promise<Page<ReplicationItem>> {
  const { limit, offset, since } = checkPage(filter);
  return readPage(readStore, ['coe-replications'], async (trx) => {
    let q = trx.selectFrom('coe_replications');
    if (filter.coeId !== undefined) q = q.where('coe_id', '=', filter.coeId);
    if (filter.targetEconomy !== undefined) q = q.where('target_economy', '=', filter.targetEconomy);
    if (filter.bcnExchangeId !== undefined) q = q.where('bcn_exchange_id', '=', filter.bcnExchangeId);
    if (since !== undefined) q = q.where(changedAt, '>', positionValue(since));
    const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy(since === undefined ? 'position' : changedAt)
      .orderBy('position')
      .limit(limit)
      .offset(offset)
      .execute();
    return { items: rows.map(toReplicationItem), total: toNumber(count.n) };
  });
}
