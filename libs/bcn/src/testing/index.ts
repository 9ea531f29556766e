export * from './bcn-fixtures';
export * from './bcn-life-script';
