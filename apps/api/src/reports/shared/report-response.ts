import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toCsv, type Page } from '@apo/read-queries';
import { filterOf, POSITION_HEADER, type PageFilter } from '../../http/read-model-page';
import type { PageRequestDto } from './report-request.dto';

/** What one report route serves: its path under /reports, a summary, one example row (docs and CSV columns) and the columns that may be null. */
export interface ReportSpec<T extends object = object> {
  readonly path: string;
  readonly summary: string;
  readonly nullable: readonly (keyof T & string)[];
  readonly example: T;
}

/** The JSON answer: the page and the paging that produced it. */
export interface ReportPage<T> extends Page<T> {
  readonly limit: number;
  readonly offset: number;
}

/** True when the Accept header ranks text/csv above JSON (q-values honoured; ties go to the first listed). */
export function wantsCsv(accept: string | undefined): boolean {
  let best = { csv: false, q: -1 };
  for (const part of (accept ?? '').split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const csv = type === 'text/csv';
    const json = type === 'application/json' || type === 'application/*' || type === '*/*';
    if ((csv || json) && q > 0 && q > best.q) best = { csv, q };
  }
  return best.csv;
}

/**
 * One report answer: runs the query with the DTO's paging (defaults applied), puts the checkpoint
 * position in a header, then answers RFC 4180 CSV (as an attachment) when the client asks for
 * text/csv, else JSON `{ items, total, position, limit, offset }`.
 */
export class ReportReply {
  constructor(
    private readonly accept: string | undefined,
    private readonly reply: FastifyReply,
  ) {}

  async page<D extends PageRequestDto, T extends object>(
    spec: ReportSpec<T>,
    dto: D,
    run: (filter: PageFilter<D>) => Promise<Page<T>>,
  ): Promise<ReportPage<T> | string> {
    const filter = filterOf(dto);
    const page = await run(filter);
    void this.reply.header(POSITION_HEADER, page.position).header('Vary', 'Accept');
    if (!wantsCsv(this.accept)) return { items: page.items, total: page.total, position: page.position, limit: filter.limit, offset: filter.offset };
    void this.reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${spec.path}.csv"`);
    return page.items.length > 0 ? toCsv(page.items) : toCsv([], Object.keys(spec.example));
  }
}

/** Injects the {@link ReportReply} of the current request (Nest still sends what the handler returns). */
export const Report = createParamDecorator((_: unknown, context: ExecutionContext): ReportReply => {
  const http = context.switchToHttp();
  return new ReportReply(http.getRequest<FastifyRequest>().headers.accept, http.getResponse<FastifyReply>());
});
