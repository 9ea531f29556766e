// The COE programme's read models, each a Projection the runner keeps.
export * from './coe-activity-projection';
export * from './coe-event-row-projections';
export * from './coe-overview-projection';
export * from './coe-phase-history-projection';
export * from './coe-projections';
export * from './coe-summary';
export * from './coe-v1-description';
export * from './coe-fold-registry';
