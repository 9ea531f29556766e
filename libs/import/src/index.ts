export * from './import-file';
export * from './historical-import';
