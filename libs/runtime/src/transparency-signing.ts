import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { formatVerifierKey, generateNoteKeys, MalformedKeyError, parseSignerKey, parseVerifierKey, type NoteSignerKey } from '@apo/transparency-log';
import { ConfigError } from './store-environment';

/** The key file's name under DATA_DIR when TRANSPARENCY_KEY_FILE is not set. */
export const DEFAULT_TRANSPARENCY_KEY_FILE = 'transparency.key';

/** The key name (and so the origin) of a key created when TRANSPARENCY_ORIGIN is not set either. */
export const DEFAULT_TRANSPARENCY_ORIGIN = 'apo.transparency-log';

/** What the lease holder signs checkpoints with, and how often. */
export interface TransparencySigning {
  /** The signer key string as the file holds it (`PRIVATE+KEY+...`): what a worker thread is handed. */
  readonly signerKey: string;
  readonly signer: NoteSignerKey;
  /** Its verifier key (`name+hash+base64`), for auditors and witnesses. */
  readonly verifierKey: string;
  /** The verifier keys the self-check trusts: this key's and TRANSPARENCY_PAST_KEYS. */
  readonly trustedKeys: readonly string[];
  readonly origin: string;
  readonly keyFile: string;
  /** True when this start created the key file. */
  readonly created: boolean;
  readonly everyEvents: number;
  readonly everySeconds: number;
}

/** The variables the transparency log reads (ProgrammesEnvironment has them). */
export interface TransparencyEnvironment {
  readonly DATA_DIR: string;
  readonly TRANSPARENCY_KEY_FILE?: string;
  readonly TRANSPARENCY_ORIGIN?: string;
  readonly TRANSPARENCY_PAST_KEYS?: string;
  readonly CHECKPOINT_EVERY_EVENTS: number;
  readonly CHECKPOINT_EVERY_SECONDS: number;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * Loads the checkpoint signer key from TRANSPARENCY_KEY_FILE, or from `<DATA_DIR>/transparency.key`,
 * creating that default file (mode 0600, a fresh Ed25519 key named TRANSPARENCY_ORIGIN or
 * `apo.transparency-log`) when it is absent; `log` is told the verifier key of a created one.
 * A ConfigError, naming the file and the problem, when a configured file is missing or
 * unreadable, when group or others may read it, when it holds no signer key, or when its key
 * is named other than TRANSPARENCY_ORIGIN.
 */
export function loadTransparencySigning(env: TransparencyEnvironment, log: (message: string) => void = () => undefined): TransparencySigning {
  const configured = env.TRANSPARENCY_KEY_FILE !== undefined && env.TRANSPARENCY_KEY_FILE !== '';
  const keyFile = resolve(configured ? (env.TRANSPARENCY_KEY_FILE as string) : join(env.DATA_DIR, DEFAULT_TRANSPARENCY_KEY_FILE));
  const what = configured ? `TRANSPARENCY_KEY_FILE ${keyFile}` : `the transparency key file ${keyFile}`;
  let created = false;
  if (!configured && !exists(keyFile)) {
    createKeyFile(keyFile, env.TRANSPARENCY_ORIGIN || DEFAULT_TRANSPARENCY_ORIGIN, what);
    created = true;
  }
  let mode: number;
  let text: string;
  try {
    mode = statSync(keyFile).mode;
    text = readFileSync(keyFile, 'utf8');
  } catch (error) {
    throw new ConfigError(`${what}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new ConfigError(`${what}: group or others may access it (mode ${octal(mode)}); a signer key must be readable by its owner only (chmod 600)`);
  let signer: NoteSignerKey;
  const signerKey = text.trim();
  try {
    signer = parseSignerKey(signerKey);
  } catch (error) {
    if (!(error instanceof MalformedKeyError)) throw error;
    throw new ConfigError(`${what}: does not hold a C2SP signer key PRIVATE+KEY+name+hash+base64 (${error.message})`);
  }
  const origin = env.TRANSPARENCY_ORIGIN || signer.name;
  if (origin !== signer.name)
    throw new ConfigError(
      `${what}: its key is named ${JSON.stringify(signer.name)}, but TRANSPARENCY_ORIGIN is ${JSON.stringify(origin)}; a checkpoint's key is named after its origin`,
    );
  const verifierKey = formatVerifierKey(signer.name, signer.publicKey);
  if (created) log(`transparency log: created the signer key ${keyFile} (mode 0600); its verifier key is ${verifierKey}`);
  const trustedKeys = [verifierKey, ...pastKeys(env.TRANSPARENCY_PAST_KEYS)];
  return {
    signerKey,
    signer,
    verifierKey,
    trustedKeys,
    origin,
    keyFile,
    created,
    everyEvents: env.CHECKPOINT_EVERY_EVENTS,
    everySeconds: env.CHECKPOINT_EVERY_SECONDS,
  };
}

/**
 * What {@link loadTransparencySigning} would refuse about the key file's access, without reading or
 * creating it: a configured file that is missing or unreadable, or a file (configured or the default
 * one) that group or others may access. The apps list these among their other configuration problems.
 */
export function transparencyKeyProblems(env: Pick<TransparencyEnvironment, 'DATA_DIR' | 'TRANSPARENCY_KEY_FILE'>): string[] {
  const configured = env.TRANSPARENCY_KEY_FILE !== undefined && env.TRANSPARENCY_KEY_FILE !== '';
  const keyFile = resolve(configured ? (env.TRANSPARENCY_KEY_FILE as string) : join(env.DATA_DIR, DEFAULT_TRANSPARENCY_KEY_FILE));
  const what = configured ? `TRANSPARENCY_KEY_FILE ${keyFile}` : `the transparency key file ${keyFile}`;
  let mode: number;
  try {
    mode = statSync(keyFile).mode;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The default file is created on first start.
    if (!configured && code === 'ENOENT') return [];
    return [`${what}: cannot read it (${code ?? (error as Error).message})`];
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    return [`${what}: group or others may access it (mode ${octal(mode)}); a signer key must be readable by its owner only (chmod 600)`];
  return [];
}

/** TRANSPARENCY_PAST_KEYS: comma-separated verifier keys, each checked (a ConfigError names the bad one). */
function pastKeys(text: string | undefined): string[] {
  const keys = (text ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  keys.forEach((key, i) => {
    try {
      parseVerifierKey(key);
    } catch (error) {
      if (!(error instanceof MalformedKeyError)) throw error;
      throw new ConfigError(`TRANSPARENCY_PAST_KEYS: key ${i + 1} is not a verifier key name+hash+base64 (${error.message})`);
    }
  });
  return keys;
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new ConfigError(`the transparency key file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function createKeyFile(keyFile: string, name: string, what: string): void {
  let signerKey: string;
  try {
    signerKey = generateNoteKeys(name).signerKey;
  } catch (error) {
    throw new ConfigError(`TRANSPARENCY_ORIGIN ${JSON.stringify(name)} cannot name a key: ${(error as Error).message}`);
  }
  try {
    mkdirSync(dirname(keyFile), { recursive: true });
    // wx: never overwrite a key another process created meanwhile.
    writeFileSync(keyFile, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(keyFile, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new ConfigError(`${what}: cannot create it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
