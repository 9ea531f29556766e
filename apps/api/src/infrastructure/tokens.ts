/** Injection tokens for ports that are interfaces (no class to inject by). */
export const CLOCK = Symbol('Clock');
export const EVENT_STORE = Symbol('EventStore');
export const STORE_KIND = Symbol('StoreKind');
export const READ_STORE = Symbol('ReadStore');
/** `PersonalData` (seal, open, withhold, erase) over the personal-data key store. */
export const PERSONAL_DATA = Symbol('PersonalData');
