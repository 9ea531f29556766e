import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  deadlineLifePlan,
  expectEveryNoticeOnceAndReplayable,
  liveThrough,
  noticeLine,
  openDeadlineWorld,
  writtenNotices,
  type DeadlineWorld,
} from './testing';

describe('deadline scheduler: a five-year COE life and a BCN programme year on a moving clock', () => {
  let dir: string;
  let world: DeadlineWorld | undefined;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'scheduler-'))));
  afterEach(async () => {
    await world?.close();
    world = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every lead, due and overdue notice exactly once, on its day, as system:scheduler', async () => {
    world = await openDeadlineWorld(dir, { schedulers: 1, start: '2025-01-01' });
    await liveThrough(world, deadlineLifePlan(), '2025-01-01', '2031-06-30');
    await expectEveryNoticeOnceAndReplayable(world);
  }, 60_000);

  it('writes each notice once with two schedulers ticking at the same moments', async () => {
    world = await openDeadlineWorld(dir, { schedulers: 2, start: '2025-01-01' });
    await liveThrough(world, deadlineLifePlan(), '2025-01-01', '2031-06-30');
    await expectEveryNoticeOnceAndReplayable(world);
  }, 60_000);

  it('catches up after being away: due and overdue written late, stale reminders skipped', async () => {
    world = await openDeadlineWorld(dir, { schedulers: 1, start: '2025-01-01' });
    const plan = deadlineLifePlan().filter((step) => step.on < '2026-01-01');
    await liveThrough(world, plan, '2025-01-01', '2025-12-31');
    world.clock.set('2026-08-15T09:00:00Z');
    const result = await world.schedulers[0].tick();
    expect(result).toMatchObject({ appended: 2, failed: 0 });
    const notices = await writtenNotices(world.store);
    expect(notices.map(noticeLine)).toEqual([
      '2025-06-01 coe-th-digital LaunchDueSoon launch lead-30',
      '2025-06-24 coe-th-digital LaunchDueSoon launch lead-7',
      '2026-08-15 coe-th-digital AssessmentFellDue assessment:designation due',
      '2026-08-15 coe-th-digital AssessmentBecameOverdue assessment:designation overdue',
    ]);
  });

  it('writes nothing while writes are refused (an open audit alarm), and every owed notice at the first tick after', async () => {
    let refused: string | undefined = 'audit alarm 1 is open (truncated tail from leaf 7)';
    world = await openDeadlineWorld(dir, { schedulers: 1, start: '2025-01-01', writesRefused: async () => refused });
    const plan = deadlineLifePlan().filter((step) => step.on < '2026-01-01');
    refused = undefined;
    await liveThrough(world, plan, '2025-01-01', '2025-12-31');
    const before = (await writtenNotices(world.store)).length;
    refused = 'audit alarm 1 is open (truncated tail from leaf 7)';
    world.clock.set('2026-08-15T09:00:00Z');
    expect(await world.schedulers[0].tick()).toEqual({ appended: 0, alreadyWritten: 0, moot: 0, failed: 0 });
    expect(await writtenNotices(world.store)).toHaveLength(before);
    refused = undefined;
    expect(await world.schedulers[0].tick()).toMatchObject({ appended: 2, failed: 0 });
  });
});
