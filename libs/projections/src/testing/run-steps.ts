import { DefinitionRegistry, ManualClock } from '@apo/engine';
import { COE_DEFINITION_NAME, createCoeDefinition } from '@apo/coe';
import type { LifeStep } from '@apo/coe/testing';
import type { EventStore } from '@apo/event-store';
// Test support only: histories come through the real command pipeline, which lives one layer up.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { WorkflowService } from '@apo/workflow';
import type { PortfolioStep } from './coe-portfolio';

/**
 * Runs COE commands through the real command pipeline, the clock set to 10:00 UTC on each
 * step's day (so `recordedAt` follows the business calendar).
 */
export async function runSteps(store: EventStore, steps: readonly PortfolioStep[]): Promise<void> {
  const clock = new ManualClock('2020-01-01T00:00:00Z');
  const service = new WorkflowService(store, new DefinitionRegistry([createCoeDefinition()]), clock);
  for (const step of steps) {
    clock.set(`${step.on}T10:00:00.000Z`);
    await service.execute({ definition: COE_DEFINITION_NAME, instanceId: step.coe, command: step.command, actor: { id: `${step.role}:test`, role: step.role } });
  }
}

/** A `coeLifeScript`-style history as portfolio steps of one COE. */
export const lifeScriptSteps = (coe: string, script: readonly LifeStep[]): PortfolioStep[] => script.map((s) => ({ coe, on: s.on, role: s.role, command: s.command }));
