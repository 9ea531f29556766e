/**
 * Personal data, erasable from an immutable log by crypto-shredding (issue #23): per-field
 * AES-256-GCM sealing bound to subject, stream, event type and field; a policy naming which
 * fields of which events are personal and whose; the per-subject key store (port and adapters);
 * and `PersonalData`, what the engine's edges call to seal, open, withhold and erase.
 */
export * from './personal-data-error';
export * from './seal';
export { validatePolicy, sealEventData, openEventData, personalSubjects, assignSubjects } from './policy';
export type { PersonalDataPolicy, PersonalKeys, EventPlace } from './policy';
export * from './sealed-values';
export * from './personal-data';
export * from './key-store';
export * from './sqlite-key-store';
export * from './postgres-key-store';
