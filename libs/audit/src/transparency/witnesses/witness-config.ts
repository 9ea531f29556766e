import { signedEndpoint } from '@apo/notifications';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One webhook witness: checkpoints are POSTed to `url`, signed with `secret` like the notification webhooks. */
export interface WitnessWebhookConfig {
  /** Stable name, used in logs, /health and /metrics. */
  readonly name: string;
  /** http(s) URL the signed checkpoint notes are POSTed to. */
  readonly url: string;
  /** Shared secret of the HMAC-SHA256 signature (X-APO-Signature; at least 16 characters). */
  readonly secret: string;
}

/** Every configured witness: directories an auditor controls and webhooks. */
export interface WitnessConfig {
  /** Absolute paths, without duplicates. */
  readonly directories: readonly string[];
  readonly webhooks: readonly WitnessWebhookConfig[];
}

/** The environment variables the witnesses are configured by (an app's environment fits). */
export interface WitnessVariables {
  /** Comma-separated directories; each new checkpoint is written to every one. */
  readonly WITNESS_DIRS?: string;
  /** JSON array of `{ "name", "url", "secret" }`. */
  readonly WITNESS_WEBHOOKS?: string;
  /** A file holding the same JSON as WITNESS_WEBHOOKS. */
  readonly WITNESS_WEBHOOKS_FILE?: string;
}

/** A witness setting that cannot be used; the message names the variable (never a secret). */
export class WitnessConfigError extends Error {
  override readonly name = 'WitnessConfigError';
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const FIELDS = ['name', 'url', 'secret'];

/**
 * Witness directories from `WITNESS_DIRS` text: comma-separated paths (spaces around commas
 * ignored), each resolved against the working directory. An empty entry, a path holding a NUL
 * or a duplicate is refused, naming the entry.
 */
export function parseWitnessDirectories(text: string, source = 'WITNESS_DIRS'): string[] {
  const seen = new Set<string>();
  return text.split(',').map((part, index) => {
    const entry = part.trim();
    if (entry === '')
      throw new WitnessConfigError(`${source}: entry ${index + 1} is empty (give comma-separated directories, e.g. "/mnt/auditor-a,/mnt/auditor-b")`);
    if (entry.includes('\0')) throw new WitnessConfigError(`${source}: entry ${index + 1} holds a NUL character`);
    const path = resolve(entry);
    if (seen.has(path)) throw new WitnessConfigError(`${source}: ${path} is listed twice`);
    seen.add(path);
    return path;
  });
}

/**
 * Webhook witnesses from JSON text: `[{"name":"auditor-a","url":"https://...","secret":"..."}]`.
 * The URL rules are the notification webhooks': http or https, no credentials in it; the secret
 * has at least 16 characters. Every problem names the entry (index and name) and the field.
 */
export function parseWitnessWebhooks(text: string, source = 'WITNESS_WEBHOOKS'): WitnessWebhookConfig[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new WitnessConfigError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed))
    throw new WitnessConfigError(`${source}: must be a JSON array of witnesses like [{"name":"auditor-a","url":"https://...","secret":"..."}]`);
  const seen = new Set<string>();
  return parsed.map((entry: unknown, index) => {
    const where = (name?: unknown) => `${source}: witnesses[${index}]${typeof name === 'string' && NAME.test(name) ? ` ("${name}")` : ''}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new WitnessConfigError(`${where()} must be an object`);
    const e = entry as Record<string, unknown>;
    const fail = (field: string, message: string): never => {
      throw new WitnessConfigError(`${where(e.name)}: ${field} ${message}`);
    };
    const unknown = Object.keys(e).filter((key) => !FIELDS.includes(key));
    if (unknown.length > 0) fail(JSON.stringify(unknown[0]).slice(0, 80), `is not a witness field (expected ${FIELDS.join(', ')})`);

    if (typeof e.name !== 'string' || !NAME.test(e.name)) fail('name', 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');
    const name = e.name as string;
    if (seen.has(name)) fail('name', 'is used by an earlier witness (names must be unique)');
    seen.add(name);

    return { name, ...signedEndpoint(e, fail) };
  });
}

/**
 * The witnesses the environment configures (none unless WITNESS_DIRS, WITNESS_WEBHOOKS or
 * WITNESS_WEBHOOKS_FILE is set). Throws WitnessConfigError naming the variable.
 */
export function witnessConfigOf(vars: WitnessVariables): WitnessConfig {
  return { directories: directoriesOf(vars), webhooks: webhooksOf(vars) };
}

/** Start-up check: every problem of the witness variables (empty when they are usable), for `loadEnvironment`. */
export function witnessConfigProblems(vars: WitnessVariables): string[] {
  return [problemOf(() => directoriesOf(vars)), problemOf(() => webhooksOf(vars))].filter((p): p is string => p !== undefined);
}

const directoriesOf = (vars: WitnessVariables): string[] => (vars.WITNESS_DIRS ? parseWitnessDirectories(vars.WITNESS_DIRS) : []);

function webhooksOf(vars: WitnessVariables): WitnessWebhookConfig[] {
  if (vars.WITNESS_WEBHOOKS && vars.WITNESS_WEBHOOKS_FILE) throw new WitnessConfigError('WITNESS_WEBHOOKS, WITNESS_WEBHOOKS_FILE: set one of them, not both');
  if (vars.WITNESS_WEBHOOKS) return parseWitnessWebhooks(vars.WITNESS_WEBHOOKS);
  if (!vars.WITNESS_WEBHOOKS_FILE) return [];
  let text: string;
  try {
    text = readFileSync(vars.WITNESS_WEBHOOKS_FILE, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new WitnessConfigError(`WITNESS_WEBHOOKS_FILE: cannot read ${vars.WITNESS_WEBHOOKS_FILE} (${reason})`);
  }
  return parseWitnessWebhooks(text, `WITNESS_WEBHOOKS_FILE ${vars.WITNESS_WEBHOOKS_FILE}`);
}

function problemOf(read: () => unknown): string | undefined {
  try {
    read();
    return undefined;
  } catch (error) {
    if (error instanceof WitnessConfigError) return error.message;
    throw error;
  }
}
