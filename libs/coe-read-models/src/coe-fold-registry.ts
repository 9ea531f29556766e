import { createCoeDefinition, createCoeDefinitionV2 } from '@apo/coe';
import { DefinitionRegistry } from '@apo/engine';
import type { RegistrySource } from '@apo/stream-folding';

/**
 * The registry the COE overview's rebuild worker folds with: every COE definition version with
 * the default configuration (configuration never changes how a machine folds an event; the worker
 * checks at start that each machine matches the main thread's, see `workerFoldRebuild`).
 */
export const coeFoldRegistry = (): DefinitionRegistry => new DefinitionRegistry([createCoeDefinition(), createCoeDefinitionV2()]);

/** The COE overview rebuild's default worker registry (`coeFoldRegistry`). */
export const COE_FOLD_REGISTRY: RegistrySource = { module: __filename, exportName: 'coeFoldRegistry' };
