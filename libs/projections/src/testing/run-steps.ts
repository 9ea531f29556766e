import { ManualClock, NOTE_DEADLINE, SCHEDULER_ACTOR, type DefinitionRegistry } from '@apo/engine';
import { BCN_DEFINITION_NAME } from '@apo/bcn';
import type { BcnLifeStep } from '@apo/bcn/testing';
import { COE_DEFINITION_NAME } from '@apo/coe';
import type { LifeStep } from '@apo/coe/testing';
import type { EventStore } from '@apo/event-store';
import { createRegistry } from '@apo/programmes';
// Test support only: histories come through the real command pipeline, which lives one layer up.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { WorkflowService } from '@apo/workflow';
import type { PortfolioStep } from './coe-portfolio';
import { memoryPersonalData } from '@apo/personal-data/testing';

/** One command of a generated BCN history, on the day it is recorded. */
export interface ExchangeStep {
  readonly exchange: string;
  readonly on: string;
  readonly role: 'assessor' | 'admin';
  readonly command: PortfolioStep['command'];
}

/** A deadline notice as the scheduler writes it (`NoteDeadline`, as the system actor), on its day or later. */
export interface NoticeStep {
  readonly on: string;
  readonly notice: { readonly definition: string; readonly instanceId: string; readonly deadline: string; readonly dueDate: string; readonly stage: string };
}

export type WorkflowStep = PortfolioStep | ExchangeStep | NoticeStep;

/**
 * Runs COE and BCN commands (and notices) through the real command pipeline (by default the
 * registry every entry point builds; `coeV1Registry()` for histories in version 1's commands),
 * the clock set to 10:00 UTC on each step's day (so `recordedAt` follows the business calendar).
 */
export async function runSteps(store: EventStore, steps: readonly WorkflowStep[], registry: DefinitionRegistry = createRegistry()): Promise<void> {
  const clock = new ManualClock('2020-01-01T00:00:00Z');
  const service = new WorkflowService(store, registry, clock, { personalData: memoryPersonalData() });
  for (const step of steps) {
    clock.set(`${step.on}T10:00:00.000Z`);
    if ('notice' in step) {
      const { definition, instanceId, ...data } = step.notice;
      await service.execute({ definition, instanceId, command: { type: NOTE_DEADLINE, data }, actor: SCHEDULER_ACTOR });
      continue;
    }
    const [definition, instanceId] = 'exchange' in step ? [BCN_DEFINITION_NAME, step.exchange] : [COE_DEFINITION_NAME, step.coe];
    await service.execute({ definition, instanceId, command: step.command, actor: { id: `${step.role}:test`, role: step.role } });
  }
}

/** A `coeLifeScript`-style history as portfolio steps of one COE. */
export const lifeScriptSteps = (coe: string, script: readonly LifeStep[]): PortfolioStep[] =>
  script.map((s) => ({ coe, on: s.on, role: s.role, command: s.command }));

/** A `bcnLifeScript`-style history as steps of one exchange. */
export const exchangeScriptSteps = (exchange: string, script: readonly BcnLifeStep[]): ExchangeStep[] =>
  script.map((s) => ({ exchange, on: s.on, role: s.role, command: s.command }));

/** Steps of several histories as the global log would interleave them: by day, stable within a day. */
export const byDay = <T extends { on: string }>(steps: readonly T[]): T[] => [...steps].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
