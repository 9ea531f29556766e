import type { DefinitionRegistry } from '@apo/engine';

/** Where a worker thread finds a registry: a module's absolute path and a function it exports (functions do not cross threads). */
export interface RegistrySource {
  readonly module: string;
  readonly exportName: string;
}

/** In a worker thread: the registry a source names. */
export async function loadRegistry(source: RegistrySource): Promise<DefinitionRegistry> {
  const loaded = (await import(source.module)) as Record<string, () => DefinitionRegistry>;
  return loaded[source.exportName]();
}
