import { checkChain, type ChainedEvent } from './chain';
import type { AnyWorkflowDefinition } from './definition';
import { GENESIS_HASH, hashEvent, seal, type EnvelopedEvent } from './envelope';
import { StreamIntegrityError } from './errors';

/** Four sealed events of one stream, as a store would hand them back. */
const sealed = (): EnvelopedEvent[] =>
  seal({
    definition: { name: 'ticket', version: 1 } as AnyWorkflowDefinition,
    streamId: 'ticket-1',
    firstRevision: 0,
    prevHash: GENESIS_HASH,
    events: ['Opened', 'Taken', 'Noted', 'Closed'].map((type, i) => ({ type, data: { n: i }, from: 'a', to: 'b' })),
    command: { actor: { id: 'u', role: 'admin' }, commandId: 'c', recordedAt: '2026-01-01T00:00:00Z', effectiveDate: '2026-01-01' },
  });
const genesis = { revision: -1, hash: GENESIS_HASH };

/** The first break `checkChain` reports, as { revision, reason }. */
const breakOf = (events: readonly ChainedEvent[], head = genesis) => {
  try {
    checkChain('ticket-1', head, events);
    return undefined;
  } catch (error) {
    if (!(error instanceof StreamIntegrityError)) throw error;
    return { revision: error.revision, reason: error.reason };
  }
};
const edit = (events: EnvelopedEvent[], revision: number, change: (e: EnvelopedEvent) => EnvelopedEvent) =>
  events.map((e) => (e.revision === revision ? change(e) : e));

describe('checkChain: a stored stream continues its hash chain', () => {
  it('answers the head of an intact stream, from genesis or from any event of it', () => {
    const events = sealed();
    expect(checkChain('ticket-1', genesis, events)).toEqual({ revision: 3, hash: events[3].metadata.hash });
    expect(checkChain('ticket-1', { revision: 1, hash: events[1].metadata.hash }, events.slice(2))).toEqual({ revision: 3, hash: events[3].metadata.hash });
    expect(checkChain('ticket-1', genesis, [])).toEqual(genesis);
  });

  it.each([
    ['edited data', edit(sealed(), 2, (e) => ({ ...e, data: { n: 99 } })), { revision: 2, reason: 'hash-mismatch' }],
    [
      'edited metadata (another actor)',
      edit(sealed(), 1, (e) => ({ ...e, metadata: { ...e.metadata, actor: { id: 'mallory', role: 'admin' } } })),
      { revision: 1, reason: 'hash-mismatch' },
    ],
    ['a key added to the metadata', edit(sealed(), 1, (e) => ({ ...e, metadata: { ...e.metadata, note: 'x' } })), { revision: 1, reason: 'hash-mismatch' }],
    ['a deleted middle event', sealed().filter((e) => e.revision !== 1), { revision: 1, reason: 'revision-gap' }],
    ['a deleted first event', sealed().slice(1), { revision: 0, reason: 'revision-gap' }],
    [
      'two events swapped (revisions traded)',
      ((e) => [e[0], { ...e[2], revision: 1 }, { ...e[1], revision: 2 }, e[3]])(sealed()),
      { revision: 1, reason: 'prev-hash-mismatch' },
    ],
    ['an event of another stream', edit(sealed(), 2, (e) => ({ ...e, streamId: 'ticket-2' })), { revision: 2, reason: 'revision-gap' }],
    [
      'an edited event re-hashed by the forger (the next one no longer follows it)',
      edit(sealed(), 1, (e) => {
        const data = { n: 42 };
        const { hash: _old, ...rest } = e.metadata;
        return { ...e, data, metadata: { ...rest, hash: hashEvent({ ...e, data, metadata: rest }) } };
      }),
      { revision: 2, reason: 'prev-hash-mismatch' },
    ],
    [
      'a metadata without hashes',
      edit(sealed(), 0, (e) => ({ ...e, metadata: { definition: 'ticket' } as never })),
      { revision: 0, reason: 'prev-hash-mismatch' },
    ],
  ])('%s: broken at the first affected revision', (_name, events, expected) => {
    expect(breakOf(events)).toEqual(expected);
  });

  it('checks the first event against the head it continues', () => {
    const events = sealed();
    expect(breakOf(events.slice(2), { revision: 1, hash: events[0].metadata.hash })).toEqual({ revision: 2, reason: 'prev-hash-mismatch' });
    expect(breakOf(events.slice(2), { revision: 0, hash: events[1].metadata.hash })).toEqual({ revision: 1, reason: 'revision-gap' });
  });

  it('names the stream, revision, what broke and the expected and stored values', () => {
    const events = edit(sealed(), 2, (e) => ({ ...e, data: { n: 99 } }));
    expect(() => checkChain('ticket-1', genesis, events)).toThrow(
      expect.objectContaining({
        code: 'STREAM_INTEGRITY',
        message: expect.stringMatching(/^stream ticket-1 is broken at revision 2: hash mismatch/),
        details: { streamId: 'ticket-1', revision: 2, reason: 'hash-mismatch', expected: hashEvent(events[2]), actual: events[2].metadata.hash },
      }),
    );
  });
});
