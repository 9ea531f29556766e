import { createHash } from 'node:crypto';
import type { StreamHead } from './heads';
import { terminalSafe } from './terminal-text';

export const SEAL_FORMAT = 'apo-audit-seal/1';

/**
 * A digest over every stream head that an auditor can file. Appending to or removing from any
 * stream, adding or removing a stream, or rewriting a stream's last hash changes it.
 */
export interface Seal {
  readonly format: typeof SEAL_FORMAT;
  readonly digest: string;
  readonly streams: number;
  readonly events: number;
  readonly sealedAt: string;
  readonly heads: readonly { readonly streamId: string; readonly revision: number; readonly hash: string }[];
}

const byStreamId = (a: { streamId: string }, b: { streamId: string }) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0);

/**
 * sha256 (hex) over one line per stream, `<streamId>\t<last revision>\t<last hash>\n`, the lines
 * sorted by stream id (UTF-16 code units, as JavaScript sorts), UTF-8 encoded.
 */
export function sealDigest(heads: Iterable<Pick<StreamHead, 'streamId' | 'revision' | 'hash'>>): string {
  const sorted = [...heads].sort(byStreamId);
  const sha = createHash('sha256');
  for (const head of sorted) sha.update(`${head.streamId}\t${head.revision}\t${head.hash}\n`);
  return sha.digest('hex');
}

export function sealOf(heads: Iterable<StreamHead>, sealedAt: string): Seal {
  const list = [...heads].sort(byStreamId);
  return {
    format: SEAL_FORMAT,
    digest: sealDigest(list),
    streams: list.length,
    events: list.reduce((sum, head) => sum + head.events, 0),
    sealedAt,
    heads: list.map(({ streamId, revision, hash }) => ({ streamId, revision, hash })),
  };
}

export type HeadChange =
  | {
      readonly streamId: string;
      readonly change: 'appended' | 'truncated' | 'rewritten';
      readonly sealed: { revision: number; hash: string };
      readonly now: { revision: number; hash: string };
    }
  | { readonly streamId: string; readonly change: 'added'; readonly now: { revision: number; hash: string } }
  | { readonly streamId: string; readonly change: 'removed'; readonly sealed: { revision: number; hash: string } };

export interface SealCheck {
  readonly matches: boolean;
  readonly expected: string;
  readonly actual: string;
  /** Stream by stream, when the filed seal listed its heads (a seal file, not a bare digest). */
  readonly changes?: readonly HeadChange[];
}

/** Compares the store's heads now with a filed seal (a whole seal or only its digest). */
export function checkSeal(filed: string | Pick<Seal, 'digest' | 'heads'>, now: Iterable<StreamHead>): SealCheck {
  const current = [...now];
  const actual = sealDigest(current);
  const expected = typeof filed === 'string' ? filed.toLowerCase() : filed.digest;
  if (typeof filed === 'string' || expected === actual) return { matches: expected === actual, expected, actual };
  const changes: HeadChange[] = [];
  const nowById = new Map(current.map((h) => [h.streamId, h]));
  for (const sealed of filed.heads) {
    const head = nowById.get(sealed.streamId);
    nowById.delete(sealed.streamId);
    const was = { revision: sealed.revision, hash: sealed.hash };
    if (!head) changes.push({ streamId: sealed.streamId, change: 'removed', sealed: was });
    else if (head.revision !== sealed.revision || head.hash !== sealed.hash) {
      const change = head.revision > sealed.revision ? 'appended' : head.revision < sealed.revision ? 'truncated' : 'rewritten';
      changes.push({ streamId: sealed.streamId, change, sealed: was, now: { revision: head.revision, hash: head.hash } });
    }
  }
  for (const head of nowById.values()) changes.push({ streamId: head.streamId, change: 'added', now: { revision: head.revision, hash: head.hash } });
  return { matches: false, expected, actual, changes: changes.sort(byStreamId) };
}

/** Reads a seal given on the command line or in a request: a 64-hex digest or a seal file's JSON. */
export function parseSeal(text: string): string | Seal {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return trimmed.toLowerCase();
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new TypeError('a seal is a 64-character hex sha256 digest or a seal file (JSON) written by `coe audit seal --out`');
  }
  const seal = parsed as Partial<Seal>;
  if (seal?.format !== SEAL_FORMAT || typeof seal.digest !== 'string' || !Array.isArray(seal.heads)) {
    throw new TypeError(`not a seal file: expected { "format": "${SEAL_FORMAT}", "digest", "heads": [...] }`);
  }
  if (sealDigest(seal.heads) !== seal.digest) throw new TypeError('the seal file is inconsistent: its heads do not hash to its digest');
  return seal as Seal;
}

const headChangeLine = (c: HeadChange): string => {
  const at = (h: { revision: number; hash: string }) => `revision ${h.revision} (hash ${h.hash.slice(0, 12)})`;
  if (c.change === 'added') return `${c.streamId}: new stream since the seal, now at ${at(c.now)}`;
  if (c.change === 'removed') return `${c.streamId}: stream removed since the seal, was at ${at(c.sealed)}`;
  return `${c.streamId}: ${c.change} since the seal: was at ${at(c.sealed)}, now at ${at(c.now)}`;
};

/** A head change as one line (`terminalSafe`). */
export const describeHeadChange = (c: HeadChange): string => terminalSafe(headChangeLine(c));
