export * from './memory-key-store';
