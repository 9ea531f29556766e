import type { Projection } from '../runner/projection';
import { coeActivityProjection } from './coe-activity-projection';
import { coeAssessmentsProjection, coeReplicationsProjection } from './coe-event-row-projections';
import { coeOverviewProjection, type CoeOverviewOptions } from './coe-overview-projection';
import { coePhaseHistoryProjection } from './coe-phase-history-projection';

/** What the COE read models fold streams with: every definition version, and the store to read a stream back. */
export type CoeProjectionDependencies = CoeOverviewOptions;

/** Every COE read model, in the order the runner applies a batch to them. */
export const coeProjections = (dependencies: CoeProjectionDependencies): Projection[] => [
  coeOverviewProjection(dependencies),
  coeAssessmentsProjection,
  coeActivityProjection,
  coePhaseHistoryProjection,
  coeReplicationsProjection,
];
