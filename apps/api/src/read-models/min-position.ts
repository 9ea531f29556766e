import { INPUT_LIMITS, ValidationError } from '@apo/engine';

const POSITION = /^\s*(\d{1,19})\s*$/;
const HINT = `must be a log position (digits, at most ${INPUT_LIMITS.position}), e.g. the X-Log-Position of a command`;

/**
 * The read-your-writes position of a read-model request: the `X-Min-Position` header or the
 * `minPosition` query parameter; the higher when both are sent. Either malformed is a 400.
 */
export function minPositionOf(header: string | undefined, query: unknown): { position: bigint; field: string } | undefined {
  const given = [
    { field: 'X-Min-Position', value: header },
    { field: 'minPosition', value: query },
  ].filter((g) => g.value !== undefined);
  const bad = given.filter((g) => typeof g.value !== 'string' || !POSITION.test(g.value) || BigInt(g.value) > INPUT_LIMITS.position);
  if (bad.length > 0) throw new ValidationError(bad.map((g) => ({ field: g.field, message: HINT })));
  return given
    .map((g) => ({ field: g.field, position: BigInt((POSITION.exec(g.value as string) as RegExpExecArray)[1]) }))
    .reduce<{ position: bigint; field: string } | undefined>((best, g) => (best === undefined || g.position > best.position ? g : best), undefined);
}
