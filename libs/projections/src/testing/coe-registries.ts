import { createBcnDefinition } from '@apo/bcn';
import { createCoeDefinition, createCoeDefinitionV2 } from '@apo/coe';
import { DefinitionRegistry } from '@apo/engine';

/**
 * The COE definition as it was before version 2 (with BCN): new COE streams start on version 1.
 * Histories written in version 1's commands (`coeLifeScript`, `generatePortfolio`) are run with
 * it, whatever version the entry points' registry starts new streams on.
 */
export const coeV1Registry = (): DefinitionRegistry => new DefinitionRegistry([createCoeDefinition(), createBcnDefinition()]);

/** Both COE versions (with BCN): new COE streams start on version 2, version 1 streams replay on version 1. */
export const coeV1V2Registry = (): DefinitionRegistry => new DefinitionRegistry([createCoeDefinition(), createCoeDefinitionV2(), createBcnDefinition()]);

/** Where a deadlines fold worker builds `coeV1V2Registry` (see `RegistrySource`). */
export const COE_V1_V2_REGISTRY = { module: __filename, exportName: 'coeV1V2Registry' } as const;
