import { NOTIFICATION_CATEGORIES, type NotificationCategory } from '@apo/shared-read-models';

/** One receiver of notifications. */
export interface WebhookConfig {
  /** Stable name: the key of its deliveries (renaming it starts a new webhook). */
  readonly id: string;
  /** http(s) URL the notifications are POSTed to. */
  readonly url: string;
  /** Shared secret of the HMAC-SHA256 signature (at least 16 characters). */
  readonly secret: string;
  /** Which notifications it receives (default: all). */
  readonly categories: readonly NotificationCategory[];
  /** Start from the first notification in the outbox instead of its head (default false). */
  readonly fromStart: boolean;
}

export class WebhookConfigError extends Error {
  override readonly name = 'WebhookConfigError';
}

export const MIN_SECRET_LENGTH = 16;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const KNOWN = new Set(['id', 'url', 'secret', 'categories', 'fromStart']);

/**
 * Webhooks from JSON text: `[{"id":"chat","url":"https://...","secret":"...","categories":["deadline"]}]`.
 * Every problem names the entry (index and id) and the field; secrets never appear in messages.
 */
export function parseWebhooks(text: string, source = 'webhook configuration'): WebhookConfig[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new WebhookConfigError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new WebhookConfigError(`${source}: must be a JSON array of webhooks`);
  const seen = new Set<string>();
  return parsed.map((entry: unknown, index) => {
    const where = (id?: unknown) => `${source}: webhooks[${index}]${typeof id === 'string' ? ` ("${id}")` : ''}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new WebhookConfigError(`${where()} must be an object`);
    const e = entry as Record<string, unknown>;
    const fail = (field: string, message: string): never => {
      throw new WebhookConfigError(`${where(e.id)}: ${field} ${message}`);
    };
    const unknown = Object.keys(e).filter((k) => !KNOWN.has(k));
    if (unknown.length > 0) fail(unknown[0], `is not a webhook field (expected ${[...KNOWN].join(', ')})`);

    if (typeof e.id !== 'string' || !ID.test(e.id)) fail('id', 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');
    const id = e.id as string;
    if (seen.has(id)) fail('id', 'is used by an earlier webhook (ids must be unique)');
    seen.add(id);

    const { url, secret } = signedEndpoint(e, fail);

    let categories: NotificationCategory[] = [...NOTIFICATION_CATEGORIES];
    if (e.categories !== undefined) {
      if (!Array.isArray(e.categories) || e.categories.length === 0) fail('categories', `must be a non-empty array of ${NOTIFICATION_CATEGORIES.join(', ')}`);
      const bad = (e.categories as unknown[]).find((c) => !NOTIFICATION_CATEGORIES.includes(c as NotificationCategory));
      if (bad !== undefined) fail('categories', `holds ${JSON.stringify(bad)}; allowed: ${NOTIFICATION_CATEGORIES.join(', ')}`);
      categories = [...new Set(e.categories as NotificationCategory[])];
    }
    if (e.fromStart !== undefined && typeof e.fromStart !== 'boolean') fail('fromStart', 'must be true or false');

    return { id, url, secret, categories, fromStart: e.fromStart === true };
  });
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The `url` and `secret` of a signed endpoint's configuration entry (a notification webhook, a
 * transparency-log witness), checked: an http(s) URL without credentials (the signature
 * authenticates), and a secret of at least MIN_SECRET_LENGTH characters; `fail` names the field.
 */
export function signedEndpoint(e: Record<string, unknown>, fail: (field: string, message: string) => never): { url: string; secret: string } {
  if (typeof e.url !== 'string') fail('url', 'is required');
  const url = parseUrl(e.url as string) ?? fail('url', 'is not a valid URL');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('url', `must be an http or https URL, not ${url.protocol}`);
  if (url.username || url.password) fail('url', 'must not carry credentials (the signature authenticates)');

  if (e.secret === undefined || e.secret === null || e.secret === '') fail('secret', 'is required');
  if (typeof e.secret !== 'string') fail('secret', 'must be a string');
  if ((e.secret as string).length < MIN_SECRET_LENGTH) fail('secret', `must be at least ${MIN_SECRET_LENGTH} characters`);
  return { url: url.toString(), secret: e.secret as string };
}
