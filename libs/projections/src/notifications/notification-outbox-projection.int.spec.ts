import { ManualClock, SCHEDULER_ACTOR } from '@apo/engine';
import { COE_DEFINITION_NAME } from '@apo/coe';
import { coeLifeScript } from '@apo/coe/testing';
import type { EventStore } from '@apo/event-store';
import { createRegistry } from '@apo/programmes';
// Test support only: the notice goes through the real command pipeline, one layer up.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { WorkflowService } from '@apo/workflow';
import type { ReadStore } from '@apo/read-store';
import type { ProjectionRunner } from '../runner/projection-runner';
import { coeV1Registry, LiveProjections, lifeScriptSteps, runSteps } from '../testing';
import { testTargets } from '@apo/read-store/testing';
import { notificationOutboxProjection, type NotificationPayload } from '@apo/shared-read-models';

const registry = createRegistry();
const steps = lifeScriptSteps('th-digital', coeLifeScript);

const outbox = async (readStore: ReadStore) =>
  (await readStore.db.selectFrom('notification_outbox').selectAll().orderBy('position').execute()).map((r) => ({ ...r, position: String(r.position) }));

describe.each(testTargets('notification outbox'))('notification outbox projection (%s)', (_dialect, makeTarget) => {
  const live = new LiveProjections(makeTarget, { prefix: 'notification-outbox-', projections: [notificationOutboxProjection(registry)], batchSize: 3 });
  let store: EventStore;
  let readStore: ReadStore;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    ({ store, readStore, runner } = await live.start());
    // Application, review, designation, an activity (no transition); then the scheduler notices
    // the designation period's assessment on its due date.
    await runSteps(store, steps.slice(0, 4), coeV1Registry());
    const clock = new ManualClock('2026-07-01T06:00:00.000Z');
    const service = new WorkflowService(store, registry, clock);
    await service.execute({
      definition: COE_DEFINITION_NAME,
      instanceId: 'th-digital',
      command: { type: 'NoteDeadline', data: { deadline: 'assessment:designation', dueDate: '2026-07-01', stage: 'due' } },
      actor: SCHEDULER_ACTOR,
    });
    // A stream of no registered programme is ignored.
    await store.appendToStream(
      'other-1',
      [{ eventId: '00000000-0000-4000-8000-000000000001', type: 'Something', data: {}, metadata: { from: 'a', to: 'b' } }],
      'no_stream',
    );
    await runner.catchUp();
  });
  afterAll(() => live.stop());

  it('keeps one row per transition and per deadline notice, with the payload webhooks receive', async () => {
    const rows = await outbox(readStore);
    expect(rows.map((r) => [r.position, r.category, r.event_type])).toEqual([
      ['1', 'transition', 'ApplicationSubmitted'],
      ['2', 'transition', 'ReviewStarted'],
      ['3', 'transition', 'CoeDesignated'],
      ['5', 'deadline', 'AssessmentFellDue'],
    ]);
    const events = await store.readStream('coe-th-digital');
    const designated = JSON.parse(rows[2].payload) as NotificationPayload;
    expect(designated).toEqual({
      id: events[2].eventId,
      category: 'transition',
      type: 'CoeDesignated',
      programme: 'coe',
      instanceId: 'th-digital',
      streamId: 'coe-th-digital',
      revision: 2,
      position: '3',
      from: 'underReview',
      to: expect.stringMatching(/^active\./),
      data: events[2].data,
      actor: { id: 'admin:test', role: 'admin' },
      recordedAt: '2025-04-16T10:00:00.000Z',
      effectiveDate: (events[2].metadata as { effectiveDate: string }).effectiveDate,
    });
    expect(rows[2]).toMatchObject({ event_id: events[2].eventId, stream_id: 'coe-th-digital', recorded_at: '2025-04-16T10:00:00.000Z' });
    const notice = JSON.parse(rows[3].payload) as NotificationPayload;
    expect(notice).toMatchObject({
      category: 'deadline',
      type: 'AssessmentFellDue',
      revision: 4,
      position: '5',
      actor: SCHEDULER_ACTOR,
      data: { deadline: 'assessment:designation', kind: 'assessment', dueDate: '2026-07-01', stage: 'due', noticeDate: '2026-07-01' },
    });
    expect(notice.from).toBe(notice.to);
  });

  it('a rebuild writes the same rows, byte for byte', async () => {
    const before = await outbox(readStore);
    await runner.rebuild('notification-outbox');
    await runner.catchUp();
    expect(await outbox(readStore)).toEqual(before);
  });
});
