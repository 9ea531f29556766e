export * from './coe-model';
export * from './coe-events';
export * from './coe-rules';
export * from './coe-calendar';
export * from './coe-machine';
export * from './coe-definition';
export * from './coe-deadlines';
export * from './v2';
