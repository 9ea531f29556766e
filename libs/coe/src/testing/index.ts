export * from './coe-fixtures';
export * from './coe-life-script';
