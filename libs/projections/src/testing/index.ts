export * from './coe-portfolio';
export * from './bcn-exchanges';
export * from './run-steps';
export * from './read-model-rows';
export * from './postgres';
export * from './test-read-stores';
export * from './damaged-log';
export * from './coe-registries';
