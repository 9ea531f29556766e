export * from './port';
export { UnreadableEvent, parseStoredObject } from './unreadable-event';
export { MAX_JSON_DEPTH } from './json-depth';
