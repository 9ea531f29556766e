import { Metadata, status } from '@grpc/grpc-js';
import {
  ANY,
  EVENT_TYPE,
  NO_STREAM,
  STREAM_EXISTS,
  STREAM_NAME,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { ConcurrencyError } from '@apo/engine';
import { UnreadableEvent } from '../unreadable-event';
import {
  fromPosition,
  isSystemEvent,
  mapAppendError,
  matchesFilter,
  toConcurrencyError,
  toEventData,
  toExpectedRevision,
  toPosition,
  toRecordedEvent,
  toServerFilter,
} from './esdb-mapping';

/** The event of a resolved event (always there in these tests). */
const recorded = (): NonNullable<AllStreamResolvedEvent['event']> => resolved().event as NonNullable<AllStreamResolvedEvent['event']>;

/** A resolved event as the client builds it from a server's read response. */
const resolved = (overrides: Partial<NonNullable<AllStreamResolvedEvent['event']>> = {}): AllStreamResolvedEvent => ({
  event: {
    streamId: 'coe-42',
    id: '7f3c2f8e-5d1a-4b7e-9a51-0c2a9f1d4e11',
    revision: 3n,
    type: 'ProgrammeOpened',
    isJson: true,
    data: { title: 'Programme', tags: ['a'] },
    metadata: { actor: 'ops' },
    created: new Date('2024-05-01T10:20:30.456Z'),
    position: { commit: 1234n, prepare: 1234n },
    ...overrides,
  } as NonNullable<AllStreamResolvedEvent['event']>,
  commitPosition: 1234n,
});

describe('esdb mapping', () => {
  it('writes an engine event as a JSON event keeping id, type, data and metadata', () => {
    const data = toEventData({ eventId: 'c0ffee00-0000-4000-8000-000000000001', type: 'Opened', data: { a: 1 }, metadata: { by: 'x' } });
    expect(data).toEqual({
      id: 'c0ffee00-0000-4000-8000-000000000001',
      contentType: 'application/json',
      type: 'Opened',
      data: { a: 1 },
      metadata: { by: 'x' },
    });
  });

  it.each([
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    ['any', ANY],
    [0, 0n],
    [41, 41n],
  ] as const)('maps expected revision %p to the client value %p', (expected, client) => {
    expect(toExpectedRevision(expected)).toBe(client);
  });

  it('uses the commit position as the port position, both ways', () => {
    const position: Position = toPosition(987654321n);
    expect(position).toEqual({ commit: 987654321n, prepare: 987654321n });
    expect(fromPosition({ commit: 55n, prepare: 54n })).toBe(55n);
  });

  it('reads a resolved event as the port RecordedEvent', () => {
    expect(toRecordedEvent(resolved())).toEqual({
      streamId: 'coe-42',
      revision: 3,
      position: 1234n,
      eventId: '7f3c2f8e-5d1a-4b7e-9a51-0c2a9f1d4e11',
      type: 'ProgrammeOpened',
      data: { title: 'Programme', tags: ['a'] },
      metadata: { actor: 'ops' },
      createdAt: '2024-05-01T10:20:30.456Z',
    });
  });

  it('reads missing metadata as an empty object', () => {
    expect(toRecordedEvent(resolved({ metadata: undefined })).metadata).toEqual({});
  });

  it('takes the position of a stream read from the event, or from the read response', () => {
    const fromStreamRead: ResolvedEvent = { event: { ...recorded(), position: undefined } as ResolvedEvent['event'], commitPosition: 77n };
    expect(toRecordedEvent(fromStreamRead).position).toBe(77n);
  });

  it('refuses events this store cannot have written instead of reshaping them', () => {
    expect(() => toRecordedEvent(resolved({ isJson: false, data: new Uint8Array([1]) } as never))).toThrow(/data is not a JSON object \(not written as JSON/);
    expect(() => toRecordedEvent(resolved({ data: [1, 2] as never }))).toThrow(/data is not a JSON object \(a JSON array\)/);
    expect(() => toRecordedEvent(resolved({ data: '{"a":' as never }))).toThrow(UnreadableEvent);
    expect(() => toRecordedEvent(resolved({ metadata: new Uint8Array([1]) as never }))).toThrow(/metadata is not a JSON object \(does not parse/);
    const deep = JSON.parse(`{"a":${'['.repeat(300)}${']'.repeat(300)}}`) as never;
    expect(() => toRecordedEvent(resolved({ metadata: deep }))).toThrow(/metadata is not a JSON object \(nested more than 256 deep/);
    const noPosition = { event: { ...recorded(), position: { commit: 0xffff_ffff_ffff_ffffn, prepare: 0xffff_ffff_ffff_ffffn } } } as AllStreamResolvedEvent;
    expect(() => toRecordedEvent(noPosition)).toThrow(/no position/);
  });

  it('recognises server events: $ streams, $ event types, links and missing events', () => {
    expect(isSystemEvent(resolved())).toBe(false);
    expect(isSystemEvent(resolved({ streamId: '$stats-127.0.0.1:2113' }))).toBe(true);
    expect(isSystemEvent(resolved({ type: '$metadata' }))).toBe(true);
    expect(isSystemEvent({ ...resolved(), link: resolved().event as never })).toBe(true);
    expect(isSystemEvent({ commitPosition: 1n })).toBe(true);
  });

  describe('WrongExpectedVersionError → ConcurrencyError', () => {
    it.each([
      ['no_stream' as const, 4n, 'no_stream', '4'],
      ['stream_exists' as const, 'no_stream' as const, 'stream_exists', 'no_stream'],
      [7n, 3n, '7', '3'],
      [0n, 'no_stream' as const, '0', 'no_stream'],
    ])('expected %p, actual %p → %s / %s', (expected, current, portExpected, portActual) => {
      const error = new WrongExpectedVersionError(undefined, { streamName: 'coe-1', expected, current });
      const mapped = toConcurrencyError(error, 'coe-1');
      expect(mapped).toBeInstanceOf(ConcurrencyError);
      expect(mapped).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: 'coe-1', expected: portExpected, actual: portActual });
    });

    it('reads the error metadata of servers before 21.10 (-1 meaning no stream)', () => {
      const metadata = new Metadata();
      metadata.set('exception', 'wrong-expected-version');
      metadata.set('stream-name', 'coe-9');
      metadata.set('expected-version', '-1');
      metadata.set('actual-version', '2');
      const error = new WrongExpectedVersionError(Object.assign(new Error('wrong'), { code: status.FAILED_PRECONDITION, details: 'wrong', metadata }));
      expect(toConcurrencyError(error, 'ignored')).toMatchObject({ streamId: 'coe-9', expected: 'no_stream', actual: '2' });
    });

    it('passes other errors through untouched', () => {
      const other = new Error('unavailable');
      expect(mapAppendError(other, 's')).toBe(other);
      expect(mapAppendError(new WrongExpectedVersionError(undefined, { streamName: 's', expected: 1n, current: 2n }), 's')).toBeInstanceOf(ConcurrencyError);
    });
  });

  describe('filters', () => {
    const noop = () => undefined;

    it('sends stream prefixes to the server (they win over event types) with a checkpoint per search window', () => {
      const filter = toServerFilter({ streamPrefixes: ['coe-', 'bcn-'], eventTypes: ['Opened'] }, noop);
      expect(filter).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['coe-', 'bcn-'], checkpointInterval: 1 });
    });

    it('sends event types as prefixes when there are no stream prefixes', () => {
      expect(toServerFilter({ eventTypes: ['Opened'] }, noop)).toMatchObject({ filterOn: EVENT_TYPE, prefixes: ['Opened'] });
      expect(toServerFilter(undefined, noop)).toBeUndefined();
    });

    it('hands the server checkpoint position to the callback', () => {
      const seen: Position[] = [];
      const filter = toServerFilter({ streamPrefixes: ['coe-'] }, (p) => seen.push(p));
      filter?.checkpointReached?.({} as never, { commit: 10n, prepare: 10n });
      expect(seen).toEqual([{ commit: 10n, prepare: 10n }]);
    });

    it('matches the whole port filter on the client: both lists, event types exactly', () => {
      const filter = { streamPrefixes: ['coe-'], eventTypes: ['Opened'] };
      expect(matchesFilter(filter, { streamId: 'coe-1', type: 'Opened' })).toBe(true);
      expect(matchesFilter(filter, { streamId: 'coe-1', type: 'OpenedLater' })).toBe(false);
      expect(matchesFilter(filter, { streamId: 'bcn-1', type: 'Opened' })).toBe(false);
      expect(matchesFilter(undefined, { streamId: 'x', type: 'y' })).toBe(true);
    });
  });
});
