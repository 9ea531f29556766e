export * from './member-economies';
