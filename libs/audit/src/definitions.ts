import { DefinitionRegistry } from '@apo/engine';
import { createCoeDefinition } from '@apo/coe';

/**
 * Every released workflow definition version the store may hold: what the audit replays with.
 * Worker threads build their own registry from this module (functions do not cross threads).
 * Proposal closing dates only affect decisions, never replay, so the default COE config is right.
 */
export function auditRegistry(): DefinitionRegistry {
  return new DefinitionRegistry([createCoeDefinition()]);
}

/** Where a worker thread finds a registry: a module's absolute path and a function it exports. */
export interface RegistrySource {
  readonly module: string;
  readonly exportName: string;
}

export const DEFAULT_REGISTRY_SOURCE: RegistrySource = { module: __filename, exportName: 'auditRegistry' };
