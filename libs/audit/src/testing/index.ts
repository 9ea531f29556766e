export * from './audit-fixtures';
export * from './tamper';
export * from './evidence-bundle-fixture';
export * from './transparency-checkpoints';
export * from './signed-tree';
