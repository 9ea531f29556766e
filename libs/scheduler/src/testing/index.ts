export * from './deadline-life';
