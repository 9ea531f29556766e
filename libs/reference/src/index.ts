export * from './member-economies';
export * from './npos';
