import type { DefinitionRegistry } from '@apo/engine';
import { createRegistry } from '@apo/programmes';

/**
 * Every released workflow definition version the store may hold (every programme: COE, BCN):
 * what the audit replays with. Worker threads build their own registry from this module
 * (functions do not cross threads). Closing dates only affect decisions, never replay, so the
 * default configuration is right.
 */
export function auditRegistry(): DefinitionRegistry {
  return createRegistry();
}

/** Where a worker thread finds a registry: a module's absolute path and a function it exports. */
export interface RegistrySource {
  readonly module: string;
  readonly exportName: string;
}

export const DEFAULT_REGISTRY_SOURCE: RegistrySource = { module: __filename, exportName: 'auditRegistry' };

/** In a worker thread: the registry its `workerData.registry` source names. */
export async function loadRegistry(source: RegistrySource): Promise<DefinitionRegistry> {
  const loaded = (await import(source.module)) as Record<string, () => DefinitionRegistry>;
  return loaded[source.exportName]();
}
