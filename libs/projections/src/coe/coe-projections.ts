import type { Projection } from '../runner/projection';
import { coeActivityProjection } from './coe-activity-projection';
import { coeAssessmentsProjection, coeReplicationsProjection } from './coe-event-row-projections';
import { coeOverviewProjection } from './coe-overview-projection';
import { coePhaseHistoryProjection } from './coe-phase-history-projection';

/** Every COE read model, in the order the runner applies a batch to them. */
export const coeProjections = (): Projection[] => [
  coeOverviewProjection,
  coeAssessmentsProjection,
  coeActivityProjection,
  coePhaseHistoryProjection,
  coeReplicationsProjection,
];
