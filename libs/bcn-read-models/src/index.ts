// The BCN programme's read models, each a Projection the runner keeps.
export * from './bcn-exchanges-projection';
export * from './bcn-projections';
