import type { DefinitionRegistry } from '@apo/engine';
import { createRegistry } from '@apo/programmes';
import type { RegistrySource } from '@apo/stream-folding';

/**
 * The registry a rebuild's fold worker replays with (the deadlines'): every programme's released
 * definitions with the default configuration. Configuration (closing dates) only changes what a command
 * decides and what a deadline policy reports, never how a machine folds an event, and the
 * policies run on the main thread with the entry point's own registry; the worker checks at
 * start that each machine it folds with matches the main thread's (see fold-worker.ts).
 */
export function foldRegistry(): DefinitionRegistry {
  return createRegistry();
}

/** The deadlines rebuild's default worker registry (`foldRegistry`). */
export const DEFAULT_FOLD_REGISTRY: RegistrySource = { module: __filename, exportName: 'foldRegistry' };
