import { merkleHashFromHex, subtreeKey, type SubtreeId } from '@apo/transparency-log';
import { sql, type Kysely } from 'kysely';
import type { ReadDatabase } from '@apo/read-store';

/** The last stored leaf: how big the tree is and what it ends with. */
export interface StoredTreeHead {
  /** Leaves stored (the last leaf index + 1; 0 when none). */
  readonly size: number;
  /** Global log position of the last leaf's event (null when none). */
  readonly lastPosition: bigint | null;
  /** Hex leaf hash of the last leaf (null when none). */
  readonly lastLeafHash: string | null;
}

/** One indexed read: the last leaf (by leaf index). */
export async function readTreeHead(db: Kysely<ReadDatabase>): Promise<StoredTreeHead> {
  const last = await db
    .selectFrom('transparency_leaves')
    .select(['leaf_index', 'position', 'leaf_hash'])
    .orderBy('leaf_index', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return { size: 0, lastPosition: null, lastLeafHash: null };
  return { size: Number(last.leaf_index) + 1, lastPosition: BigInt(last.position), lastLeafHash: last.leaf_hash };
}

/**
 * The stored hashes of the given subtrees (level 0 from the leaves, level >= 1 from the nodes),
 * in one query, keyed by `subtreeKey`. A subtree not stored is absent from the map (the pure
 * source over it then names what is missing).
 */
export async function readStoredSubtrees(db: Kysely<ReadDatabase>, subtrees: readonly SubtreeId[]): Promise<Map<string, Uint8Array>> {
  const hashes = new Map<string, Uint8Array>();
  if (subtrees.length === 0) return hashes;
  const leafIndexes = subtrees.filter((s) => s.level === 0).map((s) => String(s.index));
  const byLevel = new Map<number, string[]>();
  for (const { level, index } of subtrees) if (level > 0) byLevel.set(level, [...(byLevel.get(level) ?? []), String(index)]);
  const leaves = db
    .selectFrom('transparency_leaves')
    .select([sql<number>`0`.as('level'), 'leaf_index as node_index', 'leaf_hash as hash'])
    .where('leaf_index', 'in', leafIndexes.length > 0 ? leafIndexes : ['-1']);
  const nodes = db
    .selectFrom('transparency_nodes')
    .select(['level', 'node_index', 'hash'])
    .where((eb) => eb.or([...byLevel].map(([level, indexes]) => eb.and([eb('level', '=', level), eb('node_index', 'in', indexes)]))));
  const rows = byLevel.size > 0 ? await leaves.unionAll(nodes).execute() : await leaves.execute();
  for (const row of rows)
    hashes.set(subtreeKey(Number(row.level), Number(row.node_index)), merkleHashFromHex(row.hash, `stored node ${row.level}:${row.node_index}`));
  return hashes;
}
