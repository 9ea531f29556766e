import { bcnProjections } from './bcn/bcn-projections';
import { coeProjections } from './coe/coe-projections';
import type { Projection } from './runner/projection';

/**
 * Every read model of every programme: what the runner keeps (API in-process, apps/projector),
 * what `coe projections status|rebuild` lists. Add a programme's projections here.
 */
export const readModelProjections = (): Projection[] => [...coeProjections(), ...bcnProjections()];
