import { PassThrough, Writable } from 'node:stream';
import { UnreadableEvent, type RecordedEvent } from '@apo/event-store';
import { CSV_COLUMNS, csvCell, exportChunks, writeExport } from '../index';

const event = (i: number): RecordedEvent => ({
  streamId: `coe-${i % 7}`,
  revision: i,
  position: BigInt(i + 1),
  eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  type: 'ActivityRecorded',
  createdAt: '2031-01-01T00:00:00.000Z',
  data: { title: i === 3 ? 'Lean, "smart" factories\nday 2' : `activity ${i}`, count: i },
  metadata: {
    definition: 'coe-lifecycle',
    version: 1,
    from: 'active.designation',
    to: 'active.designation',
    actor: { id: 'assessor:x', role: 'assessor' },
    effectiveDate: '2026-01-01',
    hash: 'ab'.repeat(32),
  },
});

async function* events(n: number): AsyncGenerator<RecordedEvent> {
  for (let i = 0; i < n; i++) yield event(i);
}

/** A slow sink with a tiny buffer: writes wait for 'drain'. */
class SlowSink extends Writable {
  chunks: string[] = [];
  maxBuffered = 0;
  constructor() {
    super({ highWaterMark: 1024, decodeStrings: false });
  }
  override _write(chunk: string, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    setImmediate(done);
  }
}

describe('streaming export', () => {
  it('JSON Lines: one stored event per line, everything kept, position as a string', async () => {
    const sink = new SlowSink();
    const result = await writeExport(events(3000), 'jsonl', sink);
    const lines = sink.chunks.join('').split('\n');
    expect(result.events).toBe(3000);
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(3000);
    const { position: _position, ...rest } = event(3);
    expect(JSON.parse(lines[3])).toEqual({ position: '4', ...rest });
    // Backpressure: never more than one chunk waits in the sink's buffer.
    expect(sink.maxBuffered).toBeLessThanOrEqual(70 * 1024);
    expect(sink.chunks.length).toBeGreaterThan(3);
  });

  it('CSV: a header, one RFC 4180 row per event, quotes and newlines escaped', async () => {
    let text = '';
    for await (const chunk of exportChunks(events(5), 'csv')) text += chunk;
    const rows = text.split('\r\n');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(7);
    expect(rows[1].split(',').slice(0, 12)).toEqual([
      '1',
      'coe-0',
      '0',
      '00000000-0000-4000-8000-000000000000',
      'ActivityRecorded',
      '2026-01-01',
      '',
      '2031-01-01T00:00:00.000Z',
      'coe-lifecycle',
      '1',
      'active.designation',
      'active.designation',
    ]);
    expect(text).toContain(csvCell(JSON.stringify(event(3).data)));
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('x\ny')).toBe('"x\ny"');
  });

  it('an event the store cannot read is exported as its place and why, JSON Lines and CSV', async () => {
    const damaged = [event(0), new UnreadableEvent('coe-1', 1, 2n, 'data', 'Unexpected end of JSON input'), event(2)];
    let jsonl = '';
    for await (const chunk of exportChunks(damaged, 'jsonl')) jsonl += chunk;
    expect(
      jsonl
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line))[1],
    ).toEqual({ position: '2', streamId: 'coe-1', revision: 1, unreadable: { part: 'data', reason: 'Unexpected end of JSON input' } });
    let csv = '';
    for await (const chunk of exportChunks(damaged, 'csv')) csv += chunk;
    const rows = csv.split('\r\n');
    expect(rows[0].split(',').at(-1)).toBe('unreadable');
    expect(rows[2]).toBe(`2,coe-1,1${','.repeat(CSV_COLUMNS.length - 4)},data: Unexpected end of JSON input`);
    expect(rows[1].endsWith(',')).toBe(true);
  });

  it('stops reading when the output closes', async () => {
    let pulled = 0;
    async function* counted() {
      for (let i = 0; i < 100_000; i++) {
        pulled++;
        yield event(i);
      }
    }
    const out = new PassThrough({ highWaterMark: 1024 });
    setTimeout(() => out.destroy(), 20);
    await expect(writeExport(counted(), 'jsonl', out)).rejects.toThrow(/closed/);
    expect(pulled).toBeLessThan(100_000);
  });
});
