import { BCN_DEFINITION_NAME } from '@apo/bcn';
import { bcnLifeScript, BCN_LIFE_SCRIPT_ID } from '@apo/bcn/testing';
import { COE_DEFINITION_NAME } from '@apo/coe';
import { coeLifeScriptV2 } from '@apo/coe/testing';
import type { Command, ManualClock } from '@apo/engine';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import type { ProjectionRunner } from '@apo/projections';
import type { WorkflowService } from '@apo/workflow';
import type { DeadlineScheduler } from '../deadline-scheduler';

/** One thing a person records on a given day, in one instance. */
export interface PlannedStep {
  readonly on: string;
  readonly definition: string;
  readonly instanceId: string;
  readonly role: string;
  readonly command: Command;
}

export const LIFE_COE_ID = 'th-digital';
/** An exchange drafted and never submitted: both windows of 2030 close on it. */
export const IDLE_DRAFT_ID = 'idle-draft-2030';
/** An exchange applied for in the second window whose report comes late. */
export const LATE_REPORT_ID = 'late-report-2030';

const bcn = (on: string, instanceId: string, type: string, data: Record<string, unknown>): PlannedStep => ({
  on,
  definition: BCN_DEFINITION_NAME,
  instanceId,
  role: 'assessor',
  command: { type, data },
});

/**
 * A whole COE life (2025 to 2030, with an extension, a suspension, a waived late proposal and a
 * programme year with no proposal at all) and a BCN programme year with three exchanges: the
 * life script's, which meets every date, an idle draft, and one reported late.
 */
export function deadlineLifePlan(): PlannedStep[] {
  const coe = coeLifeScriptV2.map((step) => ({
    on: step.on,
    definition: COE_DEFINITION_NAME,
    instanceId: LIFE_COE_ID,
    role: step.role,
    command: step.command,
  }));
  const exchange = bcnLifeScript.map((step) => ({
    on: step.on,
    definition: BCN_DEFINITION_NAME,
    instanceId: BCN_LIFE_SCRIPT_ID,
    role: step.role,
    command: step.command,
  }));
  const people = [{ name: 'Ana Cruz', position: 'Director', category: 'npoOfficial' }];
  const others = [
    bcn('2030-02-01', IDLE_DRAFT_ID, 'DraftExchange', {
      title: 'Lean in hospitals',
      topic: 'lean healthcare',
      programmeYear: 2030,
      sendingNpo: 'PH',
      hostingNpo: 'JP',
      draftedOn: '2030-02-01',
    }),
    bcn('2030-04-20', LATE_REPORT_ID, 'DraftExchange', {
      title: 'Green productivity audits',
      topic: 'green productivity',
      programmeYear: 2030,
      sendingNpo: 'VN',
      hostingNpo: 'KR',
      draftedOn: '2030-04-20',
    }),
    bcn('2030-05-10', LATE_REPORT_ID, 'SubmitExchange', { submittedOn: '2030-05-10' }),
    { ...bcn('2030-06-02', LATE_REPORT_ID, 'ApproveExchange', { approvedOn: '2030-06-02' }), role: 'admin' },
    bcn('2030-06-15', LATE_REPORT_ID, 'ScheduleExchange', {
      scheduledOn: '2030-06-15',
      startDate: '2030-07-28',
      endDate: '2030-08-01',
      modality: 'virtual',
      hostingNpo: 'KR',
      participants: people,
    }),
    bcn('2030-08-01', LATE_REPORT_ID, 'RecordImplementation', { implementedOn: '2030-08-01' }),
    bcn('2030-09-20', LATE_REPORT_ID, 'SubmitReport', { reportedOn: '2030-09-20', summary: 'Audit method shared', outcomes: ['audit checklist'] }),
    bcn('2030-10-05', LATE_REPORT_ID, 'CloseExchange', { closedOn: '2030-10-05' }),
  ];
  return [...coe, ...exchange, ...others].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

export interface DeadlineLifeWorld {
  readonly store: EventStore;
  readonly runner: ProjectionRunner;
  /** Records the plan's steps (the people). */
  readonly workflow: WorkflowService;
  readonly schedulers: readonly DeadlineScheduler[];
  readonly clock: ManualClock;
}

export const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

async function catchUp(world: DeadlineLifeWorld): Promise<void> {
  for await (const head of world.store.readAll({ direction: 'backwards', maxCount: 1 })) await world.runner.waitForPosition(head.position);
}

/**
 * Lives through every day from `from` to `to`: the day's steps (each with a command id of its
 * own, so running a day twice records nothing twice), the read models catching up, then every
 * scheduler ticking at once. `onDayDone` runs after each day (a crash test saves its progress).
 */
export async function liveThrough(
  world: DeadlineLifeWorld,
  plan: readonly PlannedStep[],
  from: string,
  to: string,
  onDayDone?: (day: string) => void,
): Promise<void> {
  for (let day = from; day <= to; day = nextDay(day)) {
    world.clock.set(`${day}T09:00:00Z`);
    for (const [index, step] of plan.entries()) {
      if (step.on !== day) continue;
      await world.workflow.execute({
        definition: step.definition,
        instanceId: step.instanceId,
        command: step.command,
        actor: { id: `plan:${step.role}`, role: step.role },
        commandId: `plan:${step.instanceId}:${index}`,
      });
    }
    await catchUp(world);
    await Promise.all(world.schedulers.map((scheduler) => scheduler.tick()));
    await catchUp(world);
    onDayDone?.(day);
  }
}

/** A notice as the log holds it: what a test compares. */
export interface WrittenNotice {
  readonly streamId: string;
  readonly type: string;
  readonly deadline: string;
  readonly dueDate: string;
  readonly stage: string;
  readonly recordedOn: string;
}

/** Every notice in the log, in log order. */
export async function writtenNotices(store: EventStore): Promise<WrittenNotice[]> {
  const notices: WrittenNotice[] = [];
  for await (const event of store.readAll()) {
    if ((event.metadata.actor as { id?: string } | undefined)?.id !== 'system:scheduler') continue;
    notices.push(noticeOf(event));
  }
  return notices;
}

function noticeOf(event: RecordedEvent): WrittenNotice {
  const data = event.data as { deadline: string; dueDate: string; stage: string };
  return {
    streamId: event.streamId,
    type: event.type,
    deadline: data.deadline,
    dueDate: data.dueDate,
    stage: data.stage,
    recordedOn: String(event.metadata.recordedAt).slice(0, 10),
  };
}
