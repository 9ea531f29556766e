export * from './notice-stages';
export * from './deadline-scheduler';
