import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { textProblem } from '@apo/engine';
import { ConfigError } from '../config/api-config';

/** `metrics`: a scraper's key, good for GET /metrics only. */
export const ROLES = ['assessor', 'admin', 'auditor', 'reporter', 'metrics'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly id: string;
  readonly role: Role;
}

/** A configured key: only its SHA-256 is kept (keys are 256-bit random, so no slow hash is needed). */
export interface StoredKey {
  readonly principal: string;
  readonly role: Role;
  readonly sha256: string;
}

export const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * Bearer key -> principal, by hash. A key once found is remembered as sent, so a client's next
 * requests skip the SHA-256 (at most one entry per configured key: an unknown key is never kept).
 */
export class ApiKeyRing {
  private readonly byHash: Map<string, Principal>;
  private readonly known = new Map<string, Principal>();
  constructor(keys: readonly StoredKey[]) {
    this.byHash = new Map(keys.map((k) => [k.sha256, { id: k.principal, role: k.role }]));
  }
  authenticate(key: string): Principal | undefined {
    const seen = this.known.get(key);
    if (seen) return seen;
    const principal = this.byHash.get(hashKey(key));
    if (principal && this.known.size < this.byHash.size) this.known.set(key, principal);
    return principal;
  }
  get size(): number {
    return this.byHash.size;
  }
}

export function parseKeys(json: string, source: string): StoredKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError(`${source}: not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new ConfigError(`${source}: must be a JSON array of { principal, role, sha256 }`);
  return parsed.map((entry: Record<string, unknown>, i) => {
    const where = `${source}[${i}]`;
    if (typeof entry?.principal !== 'string' || entry.principal === '') throw new ConfigError(`${where}.principal: required`);
    // The principal goes into every event this key writes (metadata.actor.id): the input policy holds.
    const problem = entry.principal.length > 200 ? 'must be at most 200 characters' : textProblem(entry.principal, 'short');
    if (problem) throw new ConfigError(`${where}.principal: ${problem}`);
    if (!ROLES.includes(entry.role as Role)) throw new ConfigError(`${where}.role: must be one of ${ROLES.join(', ')}`);
    if (typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256)) throw new ConfigError(`${where}.sha256: must be 64 hex characters`);
    return { principal: entry.principal, role: entry.role as Role, sha256: entry.sha256 };
  });
}

export interface KeySource {
  readonly nodeEnv: string;
  readonly apiKeys?: string;
  readonly apiKeysFile?: string;
  /** Where development keys (hashes only) are kept between restarts. */
  readonly devKeysFile: string;
}

/**
 * Loads the key ring. In development with no keys configured, creates one key per role, keeps
 * their hashes in the data directory and returns the plain keys once so they can be printed;
 * in production, no keys is a configuration error.
 */
export function loadKeyRing(source: KeySource): { ring: ApiKeyRing; created?: Record<Role, string> } {
  if (source.apiKeys) return { ring: new ApiKeyRing(parseKeys(source.apiKeys, 'API_KEYS')) };
  if (source.apiKeysFile) {
    if (!existsSync(source.apiKeysFile)) throw new ConfigError(`API_KEYS_FILE: ${source.apiKeysFile} does not exist`);
    return { ring: new ApiKeyRing(parseKeys(readFileSync(source.apiKeysFile, 'utf8'), 'API_KEYS_FILE')) };
  }
  if (source.nodeEnv === 'production') throw new ConfigError('API_KEYS or API_KEYS_FILE: required when NODE_ENV=production');
  if (existsSync(source.devKeysFile)) return { ring: new ApiKeyRing(parseKeys(readFileSync(source.devKeysFile, 'utf8'), source.devKeysFile)) };
  const created = Object.fromEntries(ROLES.map((role) => [role, `dev_${role}_${randomBytes(24).toString('base64url')}`])) as Record<Role, string>;
  const stored = ROLES.map((role) => ({ principal: `dev-${role}`, role, sha256: hashKey(created[role]) }));
  mkdirSync(dirname(source.devKeysFile), { recursive: true });
  writeFileSync(source.devKeysFile, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return { ring: new ApiKeyRing(stored), created };
}
