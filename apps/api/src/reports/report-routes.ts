import { Inject, Query, type Type } from '@nestjs/common';
import type { Clock } from '@apo/engine';
import type { Page } from '@apo/read-queries';
import type { ReadStore } from '@apo/read-store';
import { CLOCK, READ_STORE } from '../infrastructure/tokens';
import type { PageFilter } from '../http/read-model-page';
import { todayOf } from '../http/today';
import type { PageRequestDto } from './shared/report-request.dto';
import { Report, ReportReply, type ReportSpec } from './shared/report-response';
import { reportOperationId, ReportRoute, ReportsController } from './shared/report-route.decorator';

/** One GET /reports/<path>: what it serves (path, summary, example row), how it is described, filtered and read. */
export interface ReportDefinition<D extends PageRequestDto = PageRequestDto, T extends object = object> extends ReportSpec<T> {
  readonly description: string;
  /** The filters (query parameters), validated by class-validator. */
  readonly request: Type<D>;
  /** Reads one page: the read model's query, given the API clock's day for those that judge overdue. */
  read(store: ReadStore, filter: PageFilter<D>, today: string): Promise<Page<T>>;
}

/** Any report of a table, whatever its filters and row type. */
export type AnyReportDefinition = ReportDefinition<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A grouped read model (one row per group, few of them) paged in memory: the query answers every group. */
export const pagedInMemory =
  <F, T>(query: (store: ReadStore, filter: F) => Promise<Page<T>>) =>
  async (store: ReadStore, { limit, offset, ...filter }: F & { limit: number; offset: number }): Promise<Page<T>> => {
    const page = await query(store, filter as F);
    return { ...page, items: page.items.slice(offset, offset + limit) };
  };

/** One controller for every report of the table: a GET route each, in the table's order. */
export function reportsController(reports: readonly AnyReportDefinition[]): Type {
  @ReportsController()
  class ReportsRoutes {
    constructor(
      @Inject(READ_STORE) readonly store: ReadStore,
      @Inject(CLOCK) readonly clock: Clock,
    ) {}
  }
  for (const definition of reports) addReport(ReportsRoutes.prototype, definition);
  return ReportsRoutes;
}

/** Defines the report's method and applies what the decorators of a hand-written one would. */
function addReport(prototype: object, definition: AnyReportDefinition): void {
  const name = reportOperationId(definition.path);
  function read(this: { store: ReadStore; clock: Clock }, filters: PageRequestDto, reply: ReportReply) {
    const today = todayOf(this.clock);
    return reply.page(definition, filters, (filter) => definition.read(this.store, filter, today));
  }
  // Named as a method is: Swagger looks the parameters up by the function's name.
  Object.defineProperty(read, 'name', { value: name });
  Object.defineProperty(prototype, name, { value: read, writable: true, configurable: true });
  const descriptor = Object.getOwnPropertyDescriptor(prototype, name) as PropertyDescriptor;
  // What TypeScript emits for `(filters: Request, reply: ReportReply)`: ValidationPipe and Swagger read the filters' class here.
  Reflect.defineMetadata('design:paramtypes', [definition.request, ReportReply], prototype, name);
  Reflect.defineMetadata('design:returntype', Promise, prototype, name);
  Query()(prototype, name, 0);
  Report()(prototype, name, 1);
  ReportRoute(definition, definition.description)(prototype, name, descriptor);
}
