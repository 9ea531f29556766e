import { randomUUID } from 'node:crypto';
import type { Erasure, ErasureRecord, PersonalKeyStore } from './key-store';
import { assignSubjects, personalSubjects, sealEventData, type PersonalDataPolicy } from './policy';
import type { JsonValue } from './seal';
import { openSealedValues, sealedSubjects, withholdSealedValues } from './sealed-values';

/** A decided event as the engine hands it over for sealing (its other fields are kept). */
export interface EventToSeal {
  readonly type: string;
  readonly data: { readonly [key: string]: unknown };
}

/** Subject ids the engine makes up for a person the command did not name: `p-` and a random UUID (no trace of the person). */
export const newSubjectId = (): string => `p-${randomUUID()}`;

/**
 * Personal data at the engine's edges: seals the personal fields of events before they are
 * hashed and stored (each subject named, and given a key, on first sight), opens or withholds
 * sealed values in what is read back, and erases a subject's key.
 */
export class PersonalData {
  constructor(
    readonly keys: PersonalKeyStore,
    private readonly newId: () => string = newSubjectId,
  ) {}

  /**
   * The events with their personal fields (per `policy`) sealed, subjects without an id given
   * one. The same array when the policy names none of them. Throws PersonalDataError
   * SUBJECT_ERASED for a subject whose key was erased (their data is not taken again).
   */
  async sealEvents<E extends EventToSeal>(policy: PersonalDataPolicy | undefined, streamId: string, events: readonly E[]): Promise<readonly E[]> {
    if (policy === undefined || !events.some((e) => Object.hasOwn(policy, e.type))) return events;
    const named = events.map((event) =>
      Object.hasOwn(policy, event.type) ? assignSubjects(event.data as JsonValue, policy, event.type, this.newId) : undefined,
    );
    const subjects = new Set(named.flatMap((data, i) => (data === undefined ? [] : personalSubjects(data, policy, events[i].type))));
    // Reads first: only subjects seen for the first time cost a write, all of them one durable write.
    const keys = new Map<string, Uint8Array>();
    const missing: string[] = [];
    for (const subject of subjects) {
      const key = await this.keys.getKey(subject);
      if (key === undefined) missing.push(subject);
      else keys.set(subject, key);
    }
    if (missing.length > 0) for (const [subject, key] of await this.keys.createKeys(missing)) keys.set(subject, key);
    const out = events.map((event, i) => {
      const data = named[i];
      return data === undefined ? event : { ...event, data: sealEventData(data, policy, (subject) => keys.get(subject), { streamId, eventType: event.type }) };
    });
    return out;
  }

  /** `value` with every sealed value opened: the clear value, or `{ $erased: 1, subject }` where the key is gone. */
  async open<T>(value: T): Promise<T> {
    const subjects = sealedSubjects(value);
    if (subjects.length === 0) return value;
    const keys = new Map<string, Uint8Array | undefined>();
    for (const subject of subjects) keys.set(subject, await this.keys.getKey(subject));
    return openSealedValues(value, (subject) => keys.get(subject)) as T;
  }

  /** `value` with every sealed value replaced by `{ $withheld: 1, subject }` (readers without the right). */
  withhold<T>(value: T): T {
    return withholdSealedValues(value) as T;
  }

  /** Destroys the subject's key for good (see `PersonalKeyStore.eraseKey`). */
  erase(subject: string, erasure: Erasure): Promise<ErasureRecord> {
    return this.keys.eraseKey(subject, erasure);
  }
}
