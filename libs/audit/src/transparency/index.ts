export * from './log-leaf';
export * from './log-finding';
export * from './read-log-leaves';
export * from './open-checkpoints';
export * from './classify-log';
export * from './check-store';
export * from './evidence-bundle';
export * from './witnesses';
