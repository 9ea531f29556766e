export * from './audit-fixtures';
export * from './tamper';
export * from './transparency-checkpoints';
