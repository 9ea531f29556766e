import { EVIDENCE_BUNDLE_FORMAT, SEAL_FORMAT } from '@apo/audit';
import { anyObject, arrayOf, bool, int, named, nullable, object, str } from '../../http/openapi-schema';

const DIVERGENCE = named(
  'AuditDivergence',
  object(
    {
      streamId: str(),
      revision: int({ description: "The event's position in the stream as read" }),
      kind: str({ enum: ['malformed', 'revision', 'stream', 'metadata', 'definition', 'prevHash', 'hash', 'from', 'allowed', 'to', 'position'] }),
      expected: str(),
      actual: str(),
    },
    {
      position: str({ description: 'Only on the malformed divergence of an event the store could not read: its log position' }),
      part: str({ enum: ['data', 'metadata'] }),
    },
  ),
);

const head = object({ revision: int(), hash: str() });

const HISTORY_EVENT = named(
  'HistoryEvent',
  object({
    revision: int(),
    position: str({ description: 'Global log position (decimal string)' }),
    eventId: str(),
    type: str({ example: 'PhaseAdvanced' }),
    createdAt: str({ description: 'When the store wrote it' }),
    data: anyObject("The event's data"),
    metadata: anyObject('The envelope: definition, version, from, to, actor, command/correlation/causation ids, recordedAt, effectiveDate, prevHash, hash'),
  }),
);

/** GET /coes/:id/history and /bcn-exchanges/:id/history as JSON. */
export const INSTANCE_HISTORY = named(
  'InstanceHistory',
  object({
    id: str(),
    streamId: str(),
    definition: str({ description: "From the first event's envelope" }),
    version: int(),
    events: arrayOf(HISTORY_EVENT),
    verification: object({ ok: bool(), divergences: arrayOf(DIVERGENCE) }),
    erasedSubjects: arrayOf(str(), {
      description:
        'Data subjects whose sealed personal values in these events were erased on request (their keys destroyed): the events and hashes are as stored',
    }),
  }),
);

const listed = { revision: int(), type: str(), effectiveDate: str() };

/** GET /coes/:id/state and /bcn-exchanges/:id/state. */
export const STATE_AT = named(
  'StateAt',
  object({
    id: str(),
    streamId: str(),
    asOf: object({}, { at: str(), asAt: str(), revision: int() }, { description: 'What was asked for' }),
    definition: str(),
    version: int(),
    revision: int({ description: 'The revision of the last event replayed (-1: none yet, the instance did not exist)' }),
    state: str(),
    context: anyObject("The instance's context then"),
    allowedEvents: arrayOf(str()),
    details: anyObject("The definition's derived facts for that state (for COE: phase, period, due date, last assessment)"),
    lastEvent: nullable(object({ type: str(), effectiveDate: str(), recordedAt: str(), hash: str() })),
    laterEvents: int({ description: 'Events of the stream not replayed' }),
    knownEvents: int({ description: 'Events the system had recorded by asAt (all of them without it)' }),
    enteredLate: arrayOf(object(listed)),
    corrected: arrayOf(object({ ...listed, correctedBy: int(), recorded: object({ effectiveDate: str(), data: anyObject('What the fact said before') }) })),
    notReplayable: arrayOf(object({ ...listed, state: str() })),
    divergences: arrayOf(DIVERGENCE),
    overdue: nullable(
      bool({ description: 'A deadline the definition holds open was past due on the day asked about (null for a revision, or as shown at a recorded time)' }),
    ),
  }),
);

/** GET /coes/:id/verify and /bcn-exchanges/:id/verify. */
export const INSTANCE_VERIFICATION = named(
  'InstanceVerification',
  object({
    id: str(),
    streamId: str(),
    events: int(),
    ok: bool(),
    divergences: arrayOf(DIVERGENCE),
    head: { ...head, description: "The stream's head as read: what the seal covers for it" },
  }),
);

/** GET /audit/seal. */
export const SEAL = named(
  'Seal',
  object({
    format: str({ enum: [SEAL_FORMAT] }),
    digest: str({ description: 'sha256 (hex) over every stream head' }),
    streams: int(),
    events: int(),
    sealedAt: str(),
    heads: arrayOf(object({ streamId: str(), revision: int(), hash: str() })),
  }),
);

const HEAD_CHANGE = object(
  { streamId: str(), change: str({ enum: ['appended', 'truncated', 'rewritten', 'added', 'removed'] }) },
  { sealed: { ...head, description: 'Absent for an added stream' }, now: { ...head, description: 'Absent for a removed stream' } },
);

/** GET /audit/verify. */
export const STORE_VERIFICATION = named(
  'StoreVerification',
  object(
    {
      ok: bool(),
      streams: int(),
      events: int(),
      divergences: arrayOf(DIVERGENCE, { description: 'In log order of the streams, then by revision; the first 10,000' }),
      divergenceCount: int(),
      brokenStreams: int(),
      digest: str({ description: 'The digest over the heads read (what GET /audit/seal would answer now)' }),
      workers: int(),
      read: str({
        enum: ['copy', 'log'],
        description:
          'Who read the events: `copy`, worker threads each reading a copy of the embedded store (the fast path); `log`, this process reading the log and feeding the workers',
      }),
    },
    {
      seal: object(
        { matches: bool(), expected: str(), actual: str() },
        { changes: arrayOf(HEAD_CHANGE, { description: 'Stream by stream, when the filed seal listed its heads' }) },
      ),
    },
  ),
);

const BUNDLE_EVENT = named(
  'EvidenceBundleEvent',
  object({
    streamId: str(),
    revision: int(),
    eventId: str(),
    type: str(),
    data: anyObject("The event's data, as stored"),
    metadata: anyObject('The envelope as stored (its hash is the leaf data)'),
    position: str({ description: 'Global log position (decimal string)' }),
    leafIndex: int({ description: "The event's leaf in the transparency log" }),
    inclusionProof: arrayOf(str({ pattern: '^[0-9a-f]{64}$' }), {
      description: "RFC 9162 inclusion proof in the checkpoint's tree, from the leaf's sibling up",
    }),
  }),
);

/** GET /coes/:id/evidence and /bcn-exchanges/:id/evidence: the evidence bundle tools/audit/verify-bundle.mjs checks offline. */
export const EVIDENCE_BUNDLE = named(
  'EvidenceBundle',
  object({
    format: str({ enum: [EVIDENCE_BUNDLE_FORMAT] }),
    origin: str({ description: "The log's origin line" }),
    verifierKey: str({ description: 'The verifier key that signed the checkpoint (compare it with the published key list)' }),
    checkpoint: str({ description: 'The signed checkpoint: a C2SP signed note (origin, tree size, base64 root, blank line, signature)' }),
    instance: object(
      { programme: str({ enum: ['coe', 'bcn'] }), id: str(), streamId: str() },
      { initialState: str({ description: "The machine's initial state: the verifier checks the first event starts from it" }) },
    ),
    events: arrayOf(BUNDLE_EVENT, { description: 'Every event of the instance, in revision order' }),
    createdAt: str(),
  }),
);
