export * from './deadline-life';
export * from './deadline-world';
export * from './expected-notices';
