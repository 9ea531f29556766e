import { MAX_JSON_DEPTH } from '../json-depth';
import type { Json, JsonObject } from '../port';
import { asRecorded, collect, newEvent, newEvents, uniquePrefix, type ConformanceContext } from './conformance-support';

/** Text that breaks naive encoders: astral emoji, ZWJ sequences, CJK, RTL, both Unicode normal forms. */
const UNICODE = {
  emoji: '😀 👍🏽 👩‍👩‍👧‍👦 🏳️‍🌈',
  cjk: '漢字 かな カナ 한국어 中文',
  rtl: 'שלום עולם مرحبا بالعالم',
  // NFD then NFC: equal to a reader, different code points; neither may be normalised away.
  combining: 'e\u0301 é Z\u0335\u0321a\u0336l\u0334g\u0337o\u0338',
  controls: 'tab\tnewline\nquote" backslash\\ nul\u0000',
};

/** About 0.95 MB of UTF-8 JSON: under EventStoreDB's default 1 MiB append limit. */
const bigPayload = (): JsonObject => {
  const chunk = `${UNICODE.emoji} ${UNICODE.cjk} ${UNICODE.rtl} ${'lorem ipsum '.repeat(20)}`;
  const bytes = Buffer.byteLength(chunk, 'utf8');
  return { text: chunk.repeat(Math.floor(940_000 / bytes)), numbers: Array.from({ length: 1000 }, (_, i) => i * 1.5 - 300) };
};

/** Arrays nested so that the innermost value sits `depth` containers below the top object. */
const nested = (depth: number): JsonObject => {
  let value: Json = 'bottom';
  for (let i = 1; i < depth; i++) value = [value];
  return { value };
};

export const describePayloadCases = (ctx: ConformanceContext): void => {
  describe('payloads and restarts', () => {
    it('round-trips unicode exactly in data, metadata, keys and the stream id', async () => {
      const stream = `${uniquePrefix('unicode')}流-שלום-😀`;
      const event = newEvent(
        'Unicode',
        { ...UNICODE, [UNICODE.cjk]: UNICODE.rtl, nested: [UNICODE.emoji, { [UNICODE.combining]: true }] },
        { note: UNICODE.combining },
      );
      await ctx.store.appendToStream(stream, [event], 'no_stream');
      const [stored] = await ctx.store.readStream(stream);
      expect(stored).toEqual(asRecorded(stream, 0, [event])[0]);
      expect(stored.data.combining).toBe(UNICODE.combining);
      expect(stored.data.combining).not.toBe(UNICODE.combining.normalize('NFC'));
      const all = await collect(ctx.store.readAll({ filter: { streamPrefixes: [stream] } }));
      expect(all.map((e) => e.data)).toEqual([event.data]);
    });

    it('round-trips a ~1 MB event exactly', async () => {
      const stream = `${uniquePrefix('big')}s`;
      const data = bigPayload();
      expect(Buffer.byteLength(JSON.stringify(data))).toBeGreaterThan(900_000);
      const event = newEvent('Big', data, { size: 'large' });
      await ctx.store.appendToStream(stream, [event], 'no_stream');
      const [stored] = await ctx.store.readStream(stream);
      expect(stored.data).toEqual(data);
    }, 30_000);

    it(`writes and reads back values nested ${MAX_JSON_DEPTH} deep, and refuses to write deeper`, async () => {
      const stream = `${uniquePrefix('deep')}s`;
      const event = newEvent('Deep', nested(MAX_JSON_DEPTH), nested(MAX_JSON_DEPTH));
      await ctx.store.appendToStream(stream, [event], 'no_stream');
      expect(await ctx.store.readStream(stream)).toEqual(asRecorded(stream, 0, [event]));
      await expect(ctx.store.appendToStream(stream, [newEvent('Deeper', nested(MAX_JSON_DEPTH + 1))], 'any')).rejects.toThrow(/nested too deeply/);
    });

    it('keeps everything across a reopen and appends after it', async () => {
      const stream = `${uniquePrefix('reopen')}s`;
      const before = newEvents(3);
      const written = await ctx.store.appendToStream(stream, before, 'no_stream');
      const store = await ctx.reopen();
      expect(await store.readStream(stream)).toEqual(asRecorded(stream, 0, before));
      const after = newEvents(2);
      const next = await store.appendToStream(stream, after, written.nextExpectedRevision);
      expect(next.nextExpectedRevision).toBe(4);
      expect(next.position > written.position).toBe(true);
      expect(await store.readStream(stream)).toEqual(asRecorded(stream, 0, [...before, ...after]));
    }, 30_000);
  });
};
