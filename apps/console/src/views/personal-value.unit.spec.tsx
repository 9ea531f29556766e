import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { PERSONAL_WORDS, PersonalJson, personalMarker, personalText, PersonalValue, withErased } from './personal-value';

/** A subject id: prefixed so that finding it in the markup means it leaked (no label or class holds "subject-"). */
const subject = fc.string().map((text) => `subject-${text}`);
const erased = subject.map((s) => ({ $erased: 1, subject: s }));
const withheld = subject.map((s) => ({ $withheld: 1, subject: s }));
const base64 = fc.base64String({ minLength: 4, maxLength: 40 });
const sealed = fc.record({
  $personal: fc.constant(1),
  subject,
  stream: fc.constant('bcn-la-th'),
  type: fc.constant('ExchangeScheduled'),
  path: fc.constant('participants.0.name'),
  iv: base64.map((b) => `nonce-${b}`),
  ct: base64.map((b) => `cipher-${b}`),
  tag: base64.map((b) => `authtag-${b}`),
});
const html = (value: unknown): string => renderToStaticMarkup(<PersonalValue value={value} />);
/** The text a reader sees in `markup` (tags dropped, the entities a string needs decoded). */
const textOf = (markup: string): string =>
  markup
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('a personal value as the console shows it', () => {
  it('shows a clear value as it is', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(personalMarker(name)).toBeUndefined();
        expect(personalText(name)).toBe(name);
        expect(textOf(html(name))).toBe(name);
      }),
    );
  });

  it.each([
    ['erased', erased, 'erased', 'Erased on request: this person’s data was destroyed'],
    ['withheld', withheld, 'withheld', 'Personal data: not shown to your role'],
    ['sealed', sealed, 'sealed personal data', PERSONAL_WORDS.sealed.title],
  ] as const)('shows %s personal data as a labelled span saying why, never the subject, the ciphertext or [object Object]', (marker, values, label, title) => {
    fc.assert(
      fc.property(values, (value) => {
        const markup = html(value);
        expect(personalMarker(value)).toBe(marker);
        expect(personalText(value)).toBe(label);
        expect(markup).toBe(`<span class="personal-${marker}" title="${title.replace(/'/g, '&#x27;')}">${label}</span>`);
        expect(markup).not.toContain('subject-');
        expect(markup).not.toMatch(/nonce-|cipher-|authtag-|\[object Object\]|\$erased|\$withheld|\$personal/);
      }),
    );
  });

  it('takes an object that only looks like a marker for an ordinary value, shown as JSON', () => {
    expect(personalMarker({ $erased: true, subject: 'p-1' })).toBeUndefined();
    expect(personalText({ $erased: true, subject: 'p-1' })).toBe('{"$erased":true,"subject":"p-1"}');
    expect(personalText(null)).toBe('—');
    expect(personalText(12)).toBe('12');
  });

  it('shows event data as JSON with each marker in it labelled, the clear values kept', () => {
    const participant = fc.record({ personId: subject, name: fc.oneof(fc.string(), erased, withheld, sealed), category: fc.constant('npoOfficial') });
    fc.assert(
      fc.property(fc.array(participant, { maxLength: 5 }), (participants) => {
        const markup = renderToStaticMarkup(<PersonalJson value={{ participants }} />);
        const shown = textOf(markup);
        expect(shown).not.toContain('[object Object]');
        expect(markup).not.toMatch(/\$erased|\$withheld|\$personal|nonce-|cipher-|authtag-/);
        // Each participant's line: the clear name as JSON, or the marker's label in place of the object.
        const names = participants.map(({ name }) =>
          typeof name === 'string' ? JSON.stringify(name) : PERSONAL_WORDS[personalMarker(name) ?? 'sealed'].label,
        );
        const printed = [...shown.matchAll(/"name": (.*),\n/g)].map((match) => match[1]);
        expect(printed).toEqual(names);
        for (const { personId } of participants) expect(shown).toContain(JSON.stringify(personId));
      }),
    );
  });
});

describe('withErased', () => {
  it('turns the sealed values of erased subjects into the erased marker and leaves every other value as it was', () => {
    const sealed = (subject: string) => ({
      $personal: 1,
      subject,
      stream: 'bcn-1',
      type: 'ExchangeScheduled',
      path: 'participants[*].name',
      iv: 'a',
      ct: 'b',
      tag: 'c',
    });
    const data = {
      participants: [
        { personId: 'gone', name: sealed('gone') },
        { personId: 'kept', name: sealed('kept') },
      ],
      modality: 'virtual',
    };
    expect(withErased(data, ['gone'])).toEqual({
      participants: [
        { personId: 'gone', name: { $erased: 1, subject: 'gone' } },
        { personId: 'kept', name: sealed('kept') },
      ],
      modality: 'virtual',
    });
    expect(withErased(data, [])).toBe(data);
  });
});
