import { appendLeafHash, EMPTY_MERKLE_FRONTIER, frontierRoot, merkleHashFromHex, merkleHashToHex, type MerkleFrontier } from '@apo/transparency-log';
import { leafLabel, type LogLeaf } from './log-leaf';
import type { Bracket, CheckpointRef, CheckpointToHold, LeafRef, LogFinding } from './log-finding';
import { openCheckpoints, type TrustedCheckpoint } from './open-checkpoints';

/** What the log is held to: its leaves now, the leaves the tree stored (optional), the checkpoints. */
export interface LogCheckInput {
  /** The log's leaves now, in log order from leaf 0: the whole log (a stream counts as deleted only when none of its events is left anywhere in it). */
  readonly log: readonly LogLeaf[];
  /** The leaves the tree kept when it signed (read store rows): they name the leaf that changed, once they give a checkpoint's root. */
  readonly stored?: readonly LogLeaf[];
  readonly checkpoints: readonly CheckpointToHold[];
}

/** MTH of the first `size` leaves for each asked size the leaves reach, in one pass. */
export function rootsAt(leaves: readonly LogLeaf[], sizes: Iterable<number>): Map<number, string> {
  const wanted = new Set([...sizes].filter((size) => size <= leaves.length));
  const roots = new Map<number, string>();
  let frontier: MerkleFrontier = EMPTY_MERKLE_FRONTIER;
  const max = Math.max(0, ...wanted);
  for (let i = 0; ; i++) {
    if (wanted.has(i)) roots.set(i, merkleHashToHex(frontierRoot(frontier)));
    if (i >= max) return roots;
    frontier = appendLeafHash(frontier, merkleHashFromHex(leaves[i].leafHash, `leaf ${i} hash`));
  }
}

const ref = (leaf: LogLeaf): LeafRef => ({
  leafIndex: leaf.leafIndex,
  streamId: leaf.streamId,
  revision: leaf.revision,
  position: leaf.position.toString(),
  eventId: leaf.eventId,
});
const key = (leaf: Pick<LogLeaf, 'streamId' | 'revision'>) => `${leaf.revision}\u0000${leaf.streamId}`;
const where = (leaf: LogLeaf) => `${leafLabel(leaf)} (leaf ${leaf.leafIndex}, position ${leaf.position})`;
const listed = (leaves: readonly LogLeaf[], max = 8) =>
  leaves
    .slice(0, max)
    .map((l) => l.leafIndex)
    .join(', ') + (leaves.length > max ? `, ... (${leaves.length} in all)` : '');

/**
 * Names what changed between the stored leaves (which give the checkpoint's root, so they are what
 * it signed) and the log now: events rewritten in place, whole streams gone, a tail gone, single
 * events gone, and failing all those, the first leaf out of place.
 */
function diagnose(log: readonly LogLeaf[], signed: readonly LogLeaf[], at: CheckpointRef): LogFinding[] {
  const now = new Map(log.map((leaf) => [key(leaf), leaf]));
  const streamsNow = new Set(log.map((leaf) => leaf.streamId));
  const findings: LogFinding[] = [];
  const changed = signed.filter((leaf) => now.get(key(leaf)) !== undefined && now.get(key(leaf))?.leafHash !== leaf.leafHash);
  if (changed.length > 0) {
    const first = changed[0];
    findings.push({
      kind: 'rewritten',
      first: ref(first),
      changed: changed.length,
      checkpoints: [at],
      summary: `tail rewritten from ${where(first)}: ${changed.length} event(s) of checkpoint ${at.size} (${at.source}) now hash differently`,
    });
  }
  const gone = (leaf: LogLeaf) => !now.has(key(leaf));
  let tail = signed.length;
  while (tail > 0 && gone(signed[tail - 1])) tail--;
  const goneStreams = new Set(
    signed
      .slice(0, tail)
      .filter((leaf) => gone(leaf) && !streamsNow.has(leaf.streamId))
      .map((leaf) => leaf.streamId),
  );
  if (goneStreams.size > 0) {
    const streams = [...goneStreams].map((streamId) => ({ streamId, leaves: signed.filter((leaf) => leaf.streamId === streamId) }));
    findings.push({
      kind: 'deleted-stream',
      streams: streams.map(({ streamId, leaves }) => ({ streamId, leaves: leaves.map(ref) })),
      checkpoints: [at],
      summary: `deleted stream${streams.length > 1 ? 's' : ''} ${streams.map(({ streamId, leaves }) => `${streamId} (leaves ${listed(leaves)})`).join('; ')}`,
    });
  }
  const truncated = signed.slice(tail).filter((leaf) => !goneStreams.has(leaf.streamId));
  if (truncated.length > 0) {
    const from = truncated[0];
    findings.push({
      kind: 'truncated',
      logSize: log.length,
      from: ref(from),
      missing: truncated.length,
      checkpoints: [at],
      summary: `truncated tail from leaf ${from.leafIndex} / position ${from.position} (${leafLabel(from)}): ${truncated.length} event(s) of checkpoint ${at.size} (${at.source}) are gone`,
    });
  }
  const single = signed.slice(0, tail).filter((leaf) => gone(leaf) && !goneStreams.has(leaf.streamId));
  if (single.length > 0)
    findings.push({
      kind: 'deleted-events',
      leaves: single.map(ref),
      checkpoints: [at],
      summary: `deleted events ${single.slice(0, 8).map(where).join(', ')}`,
    });
  if (findings.length > 0) return findings;
  // The same events with the same hashes, in another order (or with others between them).
  const k = signed.findIndex((leaf, i) => log[i]?.leafHash !== leaf.leafHash);
  const first = signed[Math.max(0, k)];
  return [
    {
      kind: 'rewritten',
      first: ref(first),
      checkpoints: [at],
      summary: `log rewritten from ${where(first)}: another event stands at leaf ${first.leafIndex} than checkpoint ${at.size} (${at.source}) signed`,
    },
  ];
}

/** The leaves [from, to) the first difference lies in: after the largest checkpoint that still matches, before the smallest that does not. */
function bracket(size: number, trusted: readonly TrustedCheckpoint[], roots: ReadonlyMap<number, string>): Bracket {
  const matches = (c: TrustedCheckpoint) => roots.get(c.size) === c.rootHash;
  const from = Math.max(0, ...trusted.filter((c) => c.size < size && matches(c)).map((c) => c.size));
  const to = Math.min(size, ...trusted.filter((c) => c.size > from && !matches(c)).map((c) => c.size));
  return { from, to };
}

const LEAF_HASH_HEX = /^[0-9a-f]{64}$/;

/** The stored leaves as a gapless list from leaf 0 up to `size`, when they are one (well-formed rows) and give `rootHash`. */
function signedLeaves(stored: readonly LogLeaf[] | undefined, size: number, rootHash: string): readonly LogLeaf[] | undefined {
  if (stored === undefined || stored.length < size) return undefined;
  const first = [...stored].sort((a, b) => a.leafIndex - b.leafIndex).slice(0, size);
  if (first.some((leaf, i) => leaf.leafIndex !== i || typeof leaf.leafHash !== 'string' || !LEAF_HASH_HEX.test(leaf.leafHash))) return undefined;
  return rootsAt(first, [size]).get(size) === rootHash ? first : undefined;
}

/** Adds a finding, or, when another checkpoint already showed the same thing at the same place, names this checkpoint on it. */
function merge(findings: LogFinding[], finding: LogFinding): void {
  const i = findings.findIndex((f) => findingKey(f) === findingKey(finding));
  if (i < 0) findings.push(finding);
  else findings[i] = { ...findings[i], checkpoints: [...findings[i].checkpoints, ...finding.checkpoints] };
}

/**
 * What a finding is and where, as one string: the same tamper found again (by the next self-check,
 * or against another checkpoint) has the same key, so an alarm is raised once for it.
 */
export function findingKey(finding: LogFinding): string {
  return `${finding.kind}:${placeOf(finding)}`;
}

function placeOf(finding: LogFinding): string {
  switch (finding.kind) {
    case 'truncated':
      return finding.from ? String(finding.from.leafIndex) : `${finding.between?.from}-${finding.between?.to}`;
    case 'rewritten':
      return finding.first ? String(finding.first.leafIndex) : `${finding.between?.from}-${finding.between?.to}`;
    case 'deleted-stream':
      return finding.streams.map((s) => s.streamId).join('\u0000');
    case 'deleted-events':
      return finding.leaves.map((l) => l.leafIndex).join(',');
    case 'forged-checkpoint':
      return `${finding.checkpoints[0]?.source}:${finding.checkpoints[0]?.size}:${finding.keyName}+${finding.keyId}`;
    case 'unknown-key':
      return `${finding.checkpoints[0]?.source}:${finding.checkpoints[0]?.size}:${finding.signers.map((s) => `${s.name}+${s.keyId}`).join(',')}`;
    default:
      return finding.summary;
  }
}

/**
 * Holds the log to its checkpoints. A checkpoint no trusted key signed is a finding itself
 * (forged, unknown key, unusable); a trusted one must have the log's first n leaves give its root,
 * or the finding names what changed: with stored leaves that give its root, the first rewritten
 * event, the deleted streams, the truncated tail or the deleted events (stream@revision, leaf
 * index, position); without, the log's size and the checkpoints that bracket the first change.
 * No finding means the log still holds every checkpoint it was held to. Pure.
 */
export function checkLogAgainstCheckpoints({ log, stored, checkpoints }: LogCheckInput): LogFinding[] {
  const { trusted, findings } = openCheckpoints(checkpoints);
  const roots = rootsAt(
    log,
    trusted.map((c) => c.size),
  );
  const content: LogFinding[] = [];
  for (const checkpoint of [...trusted].sort((a, b) => b.size - a.size)) {
    const { size, rootHash, source } = checkpoint;
    if (roots.get(size) === rootHash) continue;
    const at = { source, size };
    const signed = signedLeaves(stored, size, rootHash);
    if (signed !== undefined) {
      diagnose(log, signed, at).forEach((finding) => merge(content, finding));
      continue;
    }
    const between = bracket(size, trusted, roots);
    const whereNot = `the first differing leaf is between checkpoints ${between.from} and ${between.to}`;
    const storedNote = stored === undefined ? '' : ' (the stored leaves do not give its root either)';
    merge(
      content,
      log.length < size
        ? {
            kind: 'truncated',
            logSize: log.length,
            between,
            checkpoints: [at],
            summary: `truncated: the log holds ${log.length} leaves, fewer than the ${size} of checkpoint ${size} (${source}); ${whereNot}${storedNote}`,
          }
        : {
            kind: 'rewritten',
            between,
            checkpoints: [at],
            summary: `the root at size ${size} differs from checkpoint ${size} (${source}); ${whereNot}${storedNote}`,
          },
    );
  }
  return [...findings, ...content];
}
