export * from './audit-fixtures';
export * from './tamper';
