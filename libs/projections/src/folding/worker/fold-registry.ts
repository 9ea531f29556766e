import type { DefinitionRegistry } from '@apo/engine';
import { createRegistry } from '@apo/programmes';

/**
 * The registry a rebuild's fold worker replays with (the deadlines', the COE overview's): every programme's released definitions
 * with the default configuration. Configuration (closing dates) only changes what a command
 * decides and what a deadline policy reports, never how a machine folds an event, and the
 * policies run on the main thread with the entry point's own registry; the worker checks at
 * start that each machine it folds with matches the main thread's (see fold-worker.ts).
 */
export function foldRegistry(): DefinitionRegistry {
  return createRegistry();
}

/** Where a worker thread finds a registry: a module's absolute path and a function it exports (functions do not cross threads). */
export interface RegistrySource {
  readonly module: string;
  readonly exportName: string;
}

export const DEFAULT_FOLD_REGISTRY: RegistrySource = { module: __filename, exportName: 'foldRegistry' };

/** In a worker thread: the registry a source names. */
export async function loadRegistry(source: RegistrySource): Promise<DefinitionRegistry> {
  const loaded = (await import(source.module)) as Record<string, () => DefinitionRegistry>;
  return loaded[source.exportName]();
}
