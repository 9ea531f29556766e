import type { Erasure, ErasureRecord, PersonalKeyStore, SubjectKeyState } from '../key-store';
import { PersonalDataError } from '../personal-data-error';
import { PersonalData } from '../personal-data';
import { generatePersonalKey } from '../seal';

/** A key store in memory, for tests that write personal data without a file (same promises as the adapters). */
export class MemoryKeyStore implements PersonalKeyStore {
  private readonly keys = new Map<string, { key?: Uint8Array; createdAt?: string; erased?: ErasureRecord }>();

  async getKey(subject: string): Promise<Uint8Array | undefined> {
    return this.keys.get(subject)?.key;
  }

  async createKey(subject: string): Promise<Uint8Array> {
    const held = this.keys.get(subject);
    if (held?.erased) throw new PersonalDataError('SUBJECT_ERASED', `subject ${subject} was erased: no key is made again`);
    if (held?.key) return held.key;
    const key = generatePersonalKey();
    this.keys.set(subject, { key, createdAt: new Date().toISOString() });
    return key;
  }

  async createKeys(subjects: readonly string[]): Promise<Map<string, Uint8Array>> {
    for (const subject of subjects)
      if (this.keys.get(subject)?.erased) throw new PersonalDataError('SUBJECT_ERASED', `subject ${subject} was erased: no key is made again`);
    const keys = new Map<string, Uint8Array>();
    for (const subject of subjects) keys.set(subject, await this.createKey(subject));
    return keys;
  }

  async eraseKey(subject: string, erasure: Erasure): Promise<ErasureRecord> {
    const held = this.keys.get(subject);
    if (held?.erased) return held.erased;
    const erased = { subject, erasedAt: new Date().toISOString(), ...erasure };
    this.keys.set(subject, { createdAt: held?.createdAt, erased });
    return erased;
  }

  async isErased(subject: string): Promise<boolean> {
    return this.keys.get(subject)?.erased !== undefined;
  }

  async subjects(): Promise<SubjectKeyState[]> {
    return [...this.keys]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([subject, s]) => ({ subject, ...(s.createdAt ? { createdAt: s.createdAt } : {}), ...(s.erased ? { erased: s.erased } : {}) }));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** `PersonalData` over a fresh in-memory key store. */
export const memoryPersonalData = (): PersonalData => new PersonalData(new MemoryKeyStore());
