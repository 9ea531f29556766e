/**
 * Personal data, erasable from an immutable log by crypto-shredding (issue #23): per-field
 * AES-256-GCM sealing bound to subject, stream, event type and field; a policy naming which
 * fields of which events are personal and whose; and the per-subject key store (port, the
 * embedded SQLite adapter and the PostgreSQL one). Nothing here is wired into the engine yet.
 */
export * from './personal-data-error';
export * from './seal';
export { validatePolicy, sealEventData, openEventData, personalSubjects } from './policy';
export type { PersonalDataPolicy, PersonalKeys, EventPlace } from './policy';
export * from './key-store';
export * from './sqlite-key-store';
export * from './postgres-key-store';
