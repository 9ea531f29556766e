export * from './audit-divergence';
export * from './check-stream';
export * from './definitions';
export * from './heads';
export * from './history';
export * from './read-through';
export * from './seal';
export * from './seal-store';
export * from './time-travel';
export * from './terminal-text';
export * from './timeline';
export * from './export/export-format';
export * from './export/export-stream';
export * from './verify/verify-batch';
export * from './verify/verify-instance';
export * from './verify/verify-store';
<<<<<<< HEAD
export * from './transparency/evidence-bundle';
=======
export * from './transparency';
>>>>>>> h-guard
