import { coeLifeScript, type LifeStep } from './coe-life-script';

const step = (on: string, role: LifeStep['role'], type: string, data: Record<string, unknown>): LifeStep => ({ on, role, command: { type, data } });

/**
 * `coeLifeScript`'s life recorded on definition version 2, where the two differ: the COE is
 * designated on the Governing Body's date (2025-04-16) and launched on 2025-07-01 (LaunchCoe);
 * the Secretariat extends designation up to a date (2026-10-01: three months) instead of by a
 * number of months; and advancing out of replication completes the cycle (CycleCompleted): the
 * COE ends in the COE network (`network.continuedSupport`), not `graduated`. 26 events.
 */
export const coeLifeScriptV2: LifeStep[] = coeLifeScript.flatMap((s): LifeStep[] => {
  if (s.command.type === 'DesignateCoe') return [s, step('2025-07-01', 'assessor', 'LaunchCoe', { launchedOn: '2025-07-01' })];
  if (s.command.type === 'ExtendPhase')
    return [step(s.on, s.role, 'ExtendPhase', { decidedBy: 'secretariat', decidedOn: s.on, until: '2026-10-01', reason: 'pilot factories delayed' })];
  return [s];
});
