export * from './workflow-service';
export * from './stream-cache';
