import { ValidationError } from '@apo/engine';

const POSITION = /^\s*(\d{1,19})\s*$/;

/**
 * The read-your-writes position of a read-model request: the `X-Min-Position` header or the
 * `minPosition` query parameter (already checked by its DTO); the higher when both are sent.
 */
export function minPositionOf(header: string | undefined, query: string | undefined): { position: bigint; field: string } | undefined {
  let found: { position: bigint; field: string } | undefined;
  if (header !== undefined) {
    const m = POSITION.exec(header);
    if (!m) throw new ValidationError([{ field: 'X-Min-Position', message: 'must be a log position (digits), e.g. the X-Log-Position of a command' }]);
    found = { position: BigInt(m[1]), field: 'X-Min-Position' };
  }
  if (query !== undefined && (found === undefined || BigInt(query) > found.position)) found = { position: BigInt(query), field: 'minPosition' };
  return found;
}
