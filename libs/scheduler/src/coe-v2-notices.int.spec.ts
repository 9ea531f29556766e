import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COE_DEFINITION_NAME } from '@apo/coe';
import { v2 } from '@apo/coe/testing';
import { verifyStream, type Command, type UntrustedEvent } from '@apo/engine';
import { createRegistry } from '@apo/programmes';
import { liveThrough, noticeLine, openDeadlineWorld, writtenNotices, type DeadlineWorld, type PlannedStep } from './testing';

const ENTRY_DAY = '2032-05-01';
const step = (instanceId: string, on: string, command: Command, role = 'admin'): PlannedStep => ({
  on,
  definition: COE_DEFINITION_NAME,
  instanceId,
  role,
  command,
});
const entered = (instanceId: string, commands: readonly Command[]) => commands.map((command) => step(instanceId, ENTRY_DAY, command));

/**
 * Four COEs on definition version 2, all entered on 2032-05-01: one in the COE network whose
 * first status assessment falls due, one designated for a launch in June 2032 (a month: due on
 * its last day) that launches late, one whose assessment recommends advancing and is never
 * advanced, and one entered from history whose designation assessment was due in 2016.
 */
function versionTwoPlan(): PlannedStep[] {
  return [
    ...entered('net', v2.history.network()),
    ...entered('late-launch', [
      v2.submitApplication({ appliedOn: '2032-01-10' }),
      { type: 'StartReview', data: { startedOn: '2032-02-01' } },
      v2.designate('2032-06', '2032-04'),
    ]),
    step('late-launch', '2032-07-05', v2.launch('2032-07-05')),
    ...entered('unadvanced', [
      v2.submitApplication({ appliedOn: '2031-01-10' }),
      { type: 'StartReview', data: { startedOn: '2031-02-01' } },
      v2.designate('2031-06-01', '2031-04-15'),
    ]),
    step('unadvanced', '2032-05-10', v2.assess('advance', '2032-05-10'), 'assessor'),
    ...entered('imported', [
      v2.submitApplication({ appliedOn: '2015', historical: true }),
      { type: 'StartReview', data: { startedOn: '2015' } },
      v2.designate('2015-07', '2015-04'),
    ]),
    step('imported', '2032-06-10', v2.completeHistoricalEntry('2032-06-10'), 'assessor'),
  ];
}

describe('deadline scheduler: the notices of COE definition version 2 (launch, decision, status assessment, historical entry)', () => {
  let dir: string;
  let world: DeadlineWorld | undefined;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'scheduler-v2-'))));
  afterEach(async () => {
    await world?.close();
    world = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each kind on its days (a partial due date on its last day), nothing for an instance under historical entry until it is brought up to date', async () => {
    world = await openDeadlineWorld(dir, { schedulers: 1, start: ENTRY_DAY });
    await liveThrough(world, versionTwoPlan(), ENTRY_DAY, '2032-07-10');
    const notices = await writtenNotices(world.store);
    expect(notices.map(noticeLine).sort()).toEqual(
      [
        // The network's first status assessment: 24 months after the cycle ended on 2030-07-01.
        '2032-06-01 coe-net StatusAssessmentDueSoon statusAssessment:1 lead-30',
        '2032-06-24 coe-net StatusAssessmentDueSoon statusAssessment:1 lead-7',
        '2032-07-01 coe-net StatusAssessmentFellDue statusAssessment:1 due',
        '2032-07-02 coe-net StatusAssessmentBecameOverdue statusAssessment:1 overdue',
        // Launch planned for June 2032: due on 2032-06-30; launched on 2032-07-05.
        '2032-05-31 coe-late-launch LaunchDueSoon launch lead-30',
        '2032-06-23 coe-late-launch LaunchDueSoon launch lead-7',
        '2032-06-30 coe-late-launch LaunchDateReached launch due',
        '2032-07-01 coe-late-launch LaunchBecameOverdue launch overdue',
        // Designation due 2032-06-01: assessed on 2032-05-10 recommending advance, never advanced.
        '2032-05-02 coe-unadvanced AssessmentDueSoon assessment:designation lead-30',
        '2032-05-10 coe-unadvanced DecisionDueSoon decision:designation lead-30',
        '2032-05-25 coe-unadvanced DecisionDueSoon decision:designation lead-7',
        '2032-06-01 coe-unadvanced DecisionFellDue decision:designation due',
        '2032-06-02 coe-unadvanced DecisionBecameOverdue decision:designation overdue',
        // Entered from history: silent until brought up to date, then overdue since July 2016.
        '2032-06-10 coe-imported AssessmentFellDue assessment:designation due',
        '2032-06-10 coe-imported AssessmentBecameOverdue assessment:designation overdue',
      ].sort(),
    );
    expect(notices.find((n) => n.streamId === 'coe-imported')).toMatchObject({ dueDate: '2016-07-31' });
    expect(notices.find((n) => n.streamId === 'coe-late-launch')).toMatchObject({ dueDate: '2032-06-30' });
    const registry = createRegistry();
    for (const streamId of new Set(notices.map((n) => n.streamId))) {
      const events = (await world.store.readStream(streamId)) as unknown as UntrustedEvent[];
      expect(events[0].metadata).toMatchObject({ version: 2 });
      expect(verifyStream(registry, streamId, events).divergences).toEqual([]);
    }
  }, 60_000);
});
