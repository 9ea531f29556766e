/**
 * The best of `offered` for an Accept header (q-values honoured; on a tie the header's order,
 * then `offered`'s); `*` / `type/*` match anything. Default: the first offered.
 */
export function preferredType<T extends string>(accept: string | undefined, offered: readonly T[]): T {
  let best: { type: T; q: number } | undefined;
  for (const part of (accept ?? '').split(',')) {
    const [range, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!range || !(q > 0)) continue;
    const match = offered.find((t) => t === range || range === '*/*' || (range.endsWith('/*') && t.startsWith(range.slice(0, -1))));
    if (match && (!best || q > best.q)) best = { type: match, q };
  }
  return best?.type ?? offered[0];
}
