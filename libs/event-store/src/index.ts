export * from './port';
export { UnreadableEvent, parseStoredObject } from './unreadable-event';
