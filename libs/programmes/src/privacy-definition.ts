import { assign, setup } from 'xstate';
import { readInput, type InputReader, type MachineEvent, type WorkflowDefinition } from '@apo/engine';

export const PRIVACY_DEFINITION_NAME = 'personal-data';
/** Stream ids are `privacy-<subject>`: one record per data subject. */
export const PRIVACY_STREAM_PREFIX = 'privacy';
export const PERSONAL_DATA_ERASED = 'PersonalDataErased';

/** What an erasure records: why (who and when are its metadata's actor and recordedAt), never the data. */
export interface PersonalDataErasedData {
  /** The request behind it, e.g. "PDPA request 2026-114 by the participant". */
  reason: string;
}

interface PrivacyContext {
  reason?: string;
}

const privacyMachine = setup({
  types: { context: {} as PrivacyContext, events: {} as MachineEvent },
  actions: { recordErasure: assign(({ event }) => ({ reason: String((event.data as { reason?: unknown }).reason) })) },
}).createMachine({
  id: 'personal-data',
  initial: 'new',
  context: {},
  states: {
    /** No erasure recorded: the stream does not exist. */
    new: { on: { [PERSONAL_DATA_ERASED]: { target: 'erased', actions: 'recordErasure' } } },
    /** The subject's key is destroyed: their sealed fields read as erased everywhere, for good. */
    erased: { type: 'final' },
  },
});

const erasureInput = (r: InputReader): PersonalDataErasedData => ({ reason: r.text('reason', { max: 2000 }) });

/**
 * The record of erasures (docs/privacy.md): one instance per data subject, whose one event says
 * who erased the subject's personal data, when and why. The key itself is destroyed in the key
 * store, apart from the log; this is what auditors keep seeing.
 */
export function createPrivacyDefinition(): WorkflowDefinition<PrivacyContext> {
  return {
    name: PRIVACY_DEFINITION_NAME,
    version: 1,
    streamPrefix: PRIVACY_STREAM_PREFIX,
    machine: privacyMachine,
    eventTypes: [PERSONAL_DATA_ERASED],
    commands: {
      ErasePersonalData: {
        roles: ['admin'],
        emits: [PERSONAL_DATA_ERASED],
        input: erasureInput,
        decide: (_input, data) => [{ type: PERSONAL_DATA_ERASED, data: { ...readInput(data, erasureInput) } }],
      },
    },
    guardRules: {},
    describe: (state, context) => ({ erased: state === 'erased', reason: context.reason ?? null }),
  };
}
