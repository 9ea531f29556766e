export * from './workflow-service';
export * from './stream-cache';
export * from './snapshot-store';
export * from './broken-streams';
export * from './newest-chains';
export * from './personal-data-requests';
