export * from './witness-config';
export * from './witness-checkpoint';
export * from './witness-status';
export * from './directory-witness';
export * from './webhook-witness';
export * from './witness-publisher';
export * from './witness-metrics';
