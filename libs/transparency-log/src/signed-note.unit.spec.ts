import fc from 'fast-check';
import { ForgedNoteError, generateNoteKeys, MalformedNoteError, openNote, parseNote, parseSignerKey, signNote, UnverifiedNoteError } from './index';

/** Drops ASCII control characters (below U+0020), which notes forbid except as line ends. */
const withoutControls = (s: string) => [...s].filter((c) => c.charCodeAt(0) >= 0x20).join('');

// Known answers from golang/mod, sumdb/note/note_test.go (TestSign, TestOpen): keys, text and the
// exact signature lines (Ed25519 is deterministic, so signing must reproduce them).
const PETER_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VERIFIER = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const peter = {
  name: 'PeterNeumann',
  keyId: 0xc74f20a3,
  base64: 'x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
};
const enoch = { name: 'EnochRoot', keyId: 0xaf0cfe78, base64: 'rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=' };
/** Inserts "ABCD" at byte 60 of a signature line (UTF-8), as golang/mod's TestOpen does. */
const withABCD = (sigLine: string) => {
  const bytes = Buffer.from(sigLine, 'utf8');
  return Buffer.concat([bytes.subarray(0, 60), Buffer.from('ABCD'), bytes.subarray(60)]).toString('utf8');
};

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('signed note: known answers (golang/mod sumdb/note)', () => {
  it('signs the PeterNeumann text to the exact published note', () => {
    expect(signNote(TEXT, [PETER_SIGNER])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('opens with one signature verified and one from an unknown key kept unverified', () => {
    expect(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [PETER_VERIFIER])).toEqual({ text: TEXT, verified: [peter], unverified: [enoch] });
    expect(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [PETER_VERIFIER, ENOCH_VERIFIER])).toEqual({ text: TEXT, verified: [peter, enoch], unverified: [] });
  });

  it('refuses a note with no signature from a known key, keeping the unverified ones on the error', () => {
    const error = thrown(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []));
    expect(error).toBeInstanceOf(UnverifiedNoteError);
    expect(error).toMatchObject({ text: TEXT, unverified: [peter, enoch] });
  });

  it('reports a bad signature by a known key as forged, and drops duplicates', () => {
    const error = thrown(() => openNote(`${TEXT}\n${withABCD(PETER_SIG)}`, [PETER_VERIFIER]));
    expect(error).toBeInstanceOf(ForgedNoteError);
    expect((error as Error).message).toBe('invalid signature for known key PeterNeumann+c74f20a3');
    const enochABCD = { ...enoch, base64: 'rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5nABCD2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=' };
    const message = `${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${withABCD(ENOCH_SIG)}`;
    expect(openNote(message, [PETER_VERIFIER])).toEqual({ text: TEXT, verified: [peter], unverified: [enoch, enochABCD] });
  });

  it('refuses malformed notes (the golang/mod bad messages, too many signatures)', () => {
    const bad = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\u0001${TEXT}\n${PETER_SIG}`,
      Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]),
      `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n${PETER_SIG.repeat(101)}`,
      `${TEXT}\n- PeterNeumann ${peter.base64}\n`,
      `${TEXT}\n\u2014 PeterNeumann x08go\n`,
      `${TEXT}\n\u2014 PeterNeumann AAAA\n`,
      `${TEXT}\n\u2014 PeterNeumann\n`,
    ];
    for (const message of bad) expect(() => openNote(message, [PETER_VERIFIER])).toThrow(MalformedNoteError);
    expect(() => openNote(`${TEXT}\n${PETER_SIG.repeat(100)}`, [PETER_VERIFIER])).not.toThrow();
  });

  it('refuses to sign empty text, text without a final newline, control characters, or with no signer', () => {
    for (const text of ['', 'abc', 'a\u0000b\n', 'a\rb\n', '\ud800\n']) expect(() => signNote(text, [PETER_SIGNER])).toThrow(MalformedNoteError);
    expect(() => signNote(TEXT, [])).toThrow(MalformedNoteError);
  });

  it('refuses two different known keys with the same name and key ID', () => {
    // Not a real collision: the same parsed key with its public key swapped stands in for one.
    const real = parseSignerKey(PETER_SIGNER);
    const impostor = { ...real, publicKey: new Uint8Array(32) };
    expect(() => openNote(`${TEXT}\n${PETER_SIG}`, [real, impostor])).toThrow(/ambiguous/);
    expect(openNote(`${TEXT}\n${PETER_SIG}`, [PETER_VERIFIER, PETER_VERIFIER]).verified).toEqual([peter]);
  });
});

// A valid note text: lines of printable characters (any Unicode but controls), each ending in "\n".
const noteText = fc
  .array(fc.string({ maxLength: 40, unit: 'grapheme' }).map(withoutControls), { minLength: 1, maxLength: 6 })
  .map((lines) => lines.map((line) => `${line}\n`).join(''));
const keys = (name: string) => generateNoteKeys(name);
const alice = keys('example.com/alice');
const aliceRotated = keys('example.com/alice');
const bob = keys('example.com/bob');

describe('signed note: properties', () => {
  it('sign then open round-trips for any valid text', () => {
    fc.assert(
      fc.property(noteText, (text) => {
        const note = signNote(text, [alice.signerKey, bob.signerKey]);
        expect(parseNote(note).text).toBe(text);
        const opened = openNote(note, [alice.verifierKey]);
        expect(opened.text).toBe(text);
        expect(opened.verified.map((s) => s.name)).toEqual(['example.com/alice']);
        expect(opened.unverified.map((s) => s.name)).toEqual(['example.com/bob']);
        expect(openNote(Buffer.from(note, 'utf8'), [alice.verifierKey, bob.verifierKey]).verified).toHaveLength(2);
      }),
    );
  });

  it('any changed byte of the note (text or signature) makes it fail to open', () => {
    const note = Buffer.from(signNote(TEXT, [PETER_SIGNER]), 'utf8');
    fc.assert(
      fc.property(fc.nat(note.length - 1), fc.integer({ min: 1, max: 255 }), (at, delta) => {
        const changed = Buffer.from(note);
        changed[at] = (changed[at] + delta) & 0xff;
        expect(() => openNote(changed, [PETER_VERIFIER])).toThrow();
      }),
    );
  });

  it('a note signed by another key with the same name is forged if it copies the key ID, unverified otherwise', () => {
    fc.assert(
      fc.property(noteText, (text) => {
        const mallory = generateNoteKeys('example.com/alice');
        const note = signNote(text, [mallory.signerKey]);
        expect(() => openNote(note, [alice.verifierKey])).toThrow(UnverifiedNoteError);
        // Relabel Mallory's signature with Alice's key ID: now it names Alice's key and must fail.
        const aliceId = Buffer.alloc(4);
        aliceId.writeUInt32BE(parseSignerKey(alice.signerKey).keyId);
        const { signatures } = parseNote(note);
        const forgedSig = Buffer.concat([aliceId, Buffer.from(signatures[0].base64, 'base64').subarray(4)]).toString('base64');
        expect(() => openNote(`${text}\n\u2014 example.com/alice ${forgedSig}\n`, [alice.verifierKey])).toThrow(ForgedNoteError);
      }),
      { numRuns: 30 },
    );
  });

  it('rotation: a note by the old key opens while the old verifier key is known, and any set of known keys works', () => {
    fc.assert(
      fc.property(noteText, fc.subarray([alice, aliceRotated, bob], { minLength: 1 }), fc.subarray([alice, aliceRotated, bob]), (text, signers, known) => {
        const note = signNote(
          text,
          signers.map((k) => k.signerKey),
        );
        const verifiedBy = signers.filter((k) => known.includes(k));
        if (verifiedBy.length === 0) {
          expect(() =>
            openNote(
              note,
              known.map((k) => k.verifierKey),
            ),
          ).toThrow(UnverifiedNoteError);
        } else {
          const opened = openNote(
            note,
            known.map((k) => k.verifierKey),
          );
          expect(opened.verified).toHaveLength(verifiedBy.length);
          expect(opened.unverified).toHaveLength(signers.length - verifiedBy.length);
        }
      }),
      { numRuns: 60 },
    );
  });
});
