import { IllegalTransition, NotFound, ValidationError, type Actor } from '@apo/engine';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import { forEachSealed, type ErasureRecord, type PersonalData, type SealedPersonal } from '@apo/personal-data';
import { PERSONAL_DATA_ERASED, PRIVACY_DEFINITION_NAME, PRIVACY_STREAM_PREFIX } from '@apo/programmes';
import type { WorkflowService } from './workflow-service';

const SUBJECT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** An erasure as answered: the key store's record and where its event stands in the log. */
export interface ErasureResult extends ErasureRecord {
  /** Log position of the `PersonalDataErased` event (the first erasure's, for a repeat). */
  readonly position: string;
  /** False when the subject had been erased before (nothing new recorded). */
  readonly erasedNow: boolean;
}

/**
 * Erases a data subject's personal data for good (docs/privacy.md): records the act in the log
 * first (`privacy-<subject>`: who, when, why, never the data), then destroys the subject's key.
 * A repeat answers the first erasure. A crash between the two leaves the key to be destroyed by
 * the next erase or start (`reapplyErasures`): the record is never missing for a destroyed key.
 */
export async function erasePersonalData(
  deps: { readonly workflow: WorkflowService; readonly store: EventStore; readonly personal: PersonalData },
  request: { readonly subject: string; readonly reason: string; readonly actor: Actor },
): Promise<ErasureResult> {
  const { subject, reason, actor } = request;
  if (typeof subject !== 'string' || !SUBJECT.test(subject)) {
    throw new ValidationError([{ field: 'subject', message: 'must be a subject id: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit' }]);
  }
  const known = (await deps.personal.keys.subjects()).find((s) => s.subject === subject);
  if (known === undefined) throw new NotFound('personal-data subject', subject);
  let position: bigint;
  let erasedNow = true;
  try {
    const result = await deps.workflow.execute({
      definition: PRIVACY_DEFINITION_NAME,
      instanceId: subject,
      command: { type: 'ErasePersonalData', data: { reason } },
      actor,
    });
    position = result.position;
  } catch (error) {
    // Recorded before: answer that erasure (and finish it, if a crash left the key).
    if (!(error instanceof IllegalTransition)) throw error;
    const [first] = await deps.store.readStream(`${PRIVACY_STREAM_PREFIX}-${subject}`, { maxCount: 1 });
    if (first === undefined) throw error;
    position = first.position;
    erasedNow = known.erased === undefined;
  }
  const record = await deps.personal.erase(subject, { by: actor.id, reason });
  return { ...record, position: String(position), erasedNow };
}

/**
 * Destroys the key of every subject whose erasure the log records but the key store does not
 * (a key store restored from a backup older than the erasure, or a crash between record and
 * destruction). Run at every start, before anything is read. Answers the subjects erased now.
 */
export async function reapplyErasures(store: EventStore, personal: PersonalData): Promise<string[]> {
  const done: string[] = [];
  for await (const event of store.readAll({ filter: { streamPrefixes: [`${PRIVACY_STREAM_PREFIX}-`], eventTypes: [PERSONAL_DATA_ERASED] } })) {
    const subject = event.streamId.slice(PRIVACY_STREAM_PREFIX.length + 1);
    if (await personal.keys.isErased(subject)) continue;
    await personal.erase(subject, erasureOf(event));
    done.push(subject);
  }
  return done;
}

const erasureOf = (event: RecordedEvent) => {
  const actor = event.metadata['actor'] as { id?: unknown } | undefined;
  const reason = (event.data as { reason?: unknown }).reason;
  return { by: typeof actor?.id === 'string' ? actor.id : 'unknown', reason: `${typeof reason === 'string' ? reason : ''} (re-applied from the log)` };
};

/** One place the log holds a subject's personal data, opened (or `{ $erased }`). */
export interface HeldPersonalValue {
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly type: string;
  readonly effectiveDate: string | null;
  readonly recordedAt: string | null;
  /** The policy's field, e.g. `participants[*].name`. */
  readonly field: string;
  readonly value: unknown;
}

/** A subject-access report: everything held about one data subject (admins only). */
export interface SubjectAccessReport {
  readonly subject: string;
  /** The key store's record: when the key was made, and the erasure if there was one. */
  readonly key: { readonly createdAt: string | null; readonly erased: ErasureRecord | null };
  /** The erasure as the log records it (`privacy-<subject>`), or null. */
  readonly erasure: { readonly position: string; readonly recordedAt: string | null; readonly by: string | null; readonly reason: string } | null;
  readonly values: readonly HeldPersonalValue[];
  /** Read models hold no personal data (counts and categories only): nothing to list there. */
  readonly readModels: readonly never[];
}

/**
 * Everything held about one data subject: every personal value of theirs in the log (opened, or
 * erased), the key's record and the erasure's. Reads the events of the types some definition
 * names personal (`personalTypes`), so its cost follows those, not the whole log.
 */
export async function subjectAccessReport(
  deps: { readonly store: EventStore; readonly personal: PersonalData; readonly personalTypes: readonly string[] },
  subject: string,
): Promise<SubjectAccessReport> {
  if (typeof subject !== 'string' || !SUBJECT.test(subject)) {
    throw new ValidationError([{ field: 'subject', message: 'must be a subject id: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit' }]);
  }
  const state = (await deps.personal.keys.subjects()).find((s) => s.subject === subject);
  if (state === undefined) throw new NotFound('personal-data subject', subject);
  const values: HeldPersonalValue[] = [];
  if (deps.personalTypes.length > 0) {
    for await (const event of deps.store.readAll({ filter: { eventTypes: [...deps.personalTypes] } })) {
      const sealed: SealedPersonal[] = [];
      forEachSealed(event.data, (s) => {
        if (s.subject === subject) sealed.push(s);
      });
      if (sealed.length === 0) continue;
      const opened = await deps.personal.open(sealed);
      sealed.forEach((s, i) =>
        values.push({
          streamId: event.streamId,
          revision: event.revision,
          position: String(event.position),
          type: event.type,
          effectiveDate: text(event.metadata['effectiveDate']),
          recordedAt: text(event.metadata['recordedAt']),
          field: s.path,
          value: opened[i],
        }),
      );
    }
  }
  const [recorded] = await deps.store.readStream(`${PRIVACY_STREAM_PREFIX}-${subject}`, { maxCount: 1 });
  const erasure =
    recorded === undefined
      ? null
      : {
          position: String(recorded.position),
          recordedAt: text(recorded.metadata['recordedAt']),
          by: text((recorded.metadata['actor'] as { id?: unknown } | undefined)?.id),
          reason: String((recorded.data as { reason?: unknown }).reason ?? ''),
        };
  return { subject, key: { createdAt: state.createdAt ?? null, erased: state.erased ?? null }, erasure, values, readModels: [] };
}

const text = (x: unknown): string | null => (typeof x === 'string' ? x : null);
