export * from './audit-fixtures';
export * from './tamper';
export * from './evidence-bundle-fixture';
export * from './witness-fixtures';
