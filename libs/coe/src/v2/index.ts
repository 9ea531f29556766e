export * from './coe-v2-model';
export * from './coe-v2-events';
export * from './coe-v2-calendar';
export * from './coe-v2-deadlines';
export * from './coe-v2-describe';
export * from './coe-v2-machine';
export * from './coe-v2-correction-target';
export * from './coe-v2-definition';
