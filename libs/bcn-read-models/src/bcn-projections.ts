import type { Projection } from '@apo/read-store';
import { bcnExchangesProjection } from './bcn-exchanges-projection';

/** Every BCN read model, in the order the runner applies a batch to them. */
export const bcnProjections = (): Projection[] => [bcnExchangesProjection];
