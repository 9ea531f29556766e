export * from './bcn-model';
export * from './bcn-events';
export * from './bcn-rules';
export * from './bcn-calendar';
export * from './bcn-machine';
export * from './bcn-definition';
export * from './bcn-deadlines';
