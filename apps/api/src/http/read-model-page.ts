/** The header every read-model answer carries: the checkpoint (log position) its rows reflect. */
export const POSITION_HEADER = 'X-Read-Model-Position';

/** A page's size when the request names none. */
export const DEFAULT_LIMIT = 100;

/** What every paged request has: `limit`, `offset` and the read-your-writes position. */
export interface PagedRequest {
  limit?: number;
  offset?: number;
  minPosition?: string;
}

/** A request DTO as a read-model query's filter: `limit` and `offset` always set. */
export type PageFilter<T extends PagedRequest> = Omit<T, 'limit' | 'offset' | 'minPosition'> & { limit: number; offset: number };

/** The DTO as a query filter: defaults applied, unset filters left out. */
export function filterOf<T extends PagedRequest>(dto: T): PageFilter<T> {
  const given = Object.fromEntries(Object.entries(dto).filter(([k, v]) => v !== undefined && k !== 'minPosition')) as T;
  return { ...given, limit: dto.limit ?? DEFAULT_LIMIT, offset: dto.offset ?? 0 };
}
