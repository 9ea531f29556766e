import { createCoeDefinition, createCoeDefinitionV2 } from '@apo/coe';
import { DefinitionRegistry } from '@apo/engine';

/** A registry without the BCN definition: a deadlines fold worker built from it cannot fold BCN streams (tests of its fallback). */
export const coeOnlyRegistry = (): DefinitionRegistry => new DefinitionRegistry([createCoeDefinition(), createCoeDefinitionV2()]);

export const COE_ONLY_REGISTRY = { module: __filename, exportName: 'coeOnlyRegistry' } as const;
