import { parseWebhooks, WebhookConfigError } from './webhook-config';

const SECRET = 'a-secret-of-24-characters';
const json = (value: unknown) => JSON.stringify(value);

describe('parseWebhooks', () => {
  it('reads webhooks with defaults (every category, from the outbox head)', () => {
    expect(
      parseWebhooks(
        json([
          { id: 'chat', url: 'https://chat.example.org/hooks/apo', secret: SECRET },
          { id: 'ops.deadlines', url: 'http://10.0.0.5:8080/in', secret: SECRET, categories: ['deadline'], fromStart: true },
        ]),
      ),
    ).toEqual([
      { id: 'chat', url: 'https://chat.example.org/hooks/apo', secret: SECRET, categories: ['transition', 'deadline'], fromStart: false },
      { id: 'ops.deadlines', url: 'http://10.0.0.5:8080/in', secret: SECRET, categories: ['deadline'], fromStart: true },
    ]);
    expect(parseWebhooks('[]')).toEqual([]);
  });

  it.each([
    ['not JSON', '[{', /WEBHOOKS: not valid JSON/],
    ['not an array', json({ id: 'chat' }), /WEBHOOKS: must be a JSON array/],
    ['an entry that is no object', json(['https://x']), /webhooks\[0\] must be an object/],
    ['a missing id', json([{ url: 'https://x.org', secret: SECRET }]), /webhooks\[0\]: id must be 1-64/],
    ['a bad id', json([{ id: 'a b', url: 'https://x.org', secret: SECRET }]), /webhooks\[0\] \("a b"\): id must be/],
    [
      'a duplicate id',
      json([
        { id: 'chat', url: 'https://x.org', secret: SECRET },
        { id: 'chat', url: 'https://y.org', secret: SECRET },
      ]),
      /webhooks\[1\] \("chat"\): id is used by an earlier webhook/,
    ],
    ['a missing url', json([{ id: 'chat', secret: SECRET }]), /\("chat"\): url is required/],
    ['an invalid url', json([{ id: 'chat', url: 'not a url', secret: SECRET }]), /\("chat"\): url is not a valid URL/],
    ['a non-http url', json([{ id: 'chat', url: 'ftp://x.org/in', secret: SECRET }]), /\("chat"\): url must be an http or https URL, not ftp:/],
    ['credentials in the url', json([{ id: 'chat', url: 'https://u:p@x.org/in', secret: SECRET }]), /url must not carry credentials/],
    ['a missing secret', json([{ id: 'chat', url: 'https://x.org' }]), /\("chat"\): secret is required/],
    ['a short secret', json([{ id: 'chat', url: 'https://x.org', secret: 'short' }]), /\("chat"\): secret must be at least 16 characters/],
    ['a numeric secret', json([{ id: 'chat', url: 'https://x.org', secret: 1234567890123456 }]), /secret must be a string/],
    [
      'an unknown category',
      json([{ id: 'chat', url: 'https://x.org', secret: SECRET, categories: ['all'] }]),
      /categories holds "all"; allowed: transition, deadline/,
    ],
    ['empty categories', json([{ id: 'chat', url: 'https://x.org', secret: SECRET, categories: [] }]), /categories must be a non-empty array/],
    ['an unknown field', json([{ id: 'chat', url: 'https://x.org', secret: SECRET, retries: 3 }]), /\("chat"\): retries is not a webhook field/],
    ['a non-boolean fromStart', json([{ id: 'chat', url: 'https://x.org', secret: SECRET, fromStart: 'yes' }]), /fromStart must be true or false/],
  ])('refuses %s, naming the entry and field', (_case, text, message) => {
    expect(() => parseWebhooks(text, 'WEBHOOKS')).toThrow(WebhookConfigError);
    expect(() => parseWebhooks(text, 'WEBHOOKS')).toThrow(message);
  });

  it('never echoes a secret in an error', () => {
    const secret = 'tooShortSecret';
    expect(() => parseWebhooks(json([{ id: 'chat', url: 'https://x.org', secret }]))).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) }),
    );
  });
});
