export * from './audit-fixtures';
export * from './tamper';
export * from './evidence-bundle-fixture';
export * from './transparency-checkpoints';
export * from './witness-fixtures';
export * from './signed-tree';
