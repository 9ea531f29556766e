import type { Projection } from '@apo/read-store';
import { coeActivityProjection } from './coe-activity-projection';
import { coeAssessmentsProjection, coeReplicationsProjection } from './coe-event-row-projections';
import { coeOverviewProjection, type CoeOverviewOptions } from './coe-overview-projection';
import { coePhaseHistoryProjection } from './coe-phase-history-projection';
import type { StreamDependencies } from '@apo/stream-folding';

/** What the COE read models read streams back with (every definition version, and the store), and where and with whom the overview folds. */
export type CoeProjectionDependencies = StreamDependencies & Pick<CoeOverviewOptions, 'foldWorker' | 'onFoldWorkerFallback' | 'shared'>;

/** Every COE read model, in the order the runner applies a batch to them. */
export const coeProjections = (dependencies: CoeProjectionDependencies): Projection[] => [
  coeOverviewProjection(dependencies),
  coeAssessmentsProjection(dependencies),
  coeActivityProjection(dependencies),
  coePhaseHistoryProjection(dependencies),
  coeReplicationsProjection(dependencies),
];
