import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type Clock } from '@apo/engine';
import { CLOCK } from '../../../infrastructure/tokens';
import { CoeOverviewIndex, type CoeOverview } from '../coe-overview.index';
import { ListCoesQuery } from './list-coes.query';

export interface CoeListPage {
  readonly total: number;
  readonly items: (CoeOverview['details'] & { id: string; revision: number; state: string; overdue: boolean })[];
  readonly position: string;
}

@QueryHandler(ListCoesQuery)
export class ListCoesHandler implements IQueryHandler<ListCoesQuery, CoeListPage> {
  constructor(private readonly index: CoeOverviewIndex, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ filter }: ListCoesQuery): Promise<CoeListPage> {
    const today = this.clock.now().toISOString().slice(0, 10);
    const rows = this.index
      .all()
      .map((c) => ({ id: c.id, revision: c.revision, state: c.state, ...c.details, overdue: c.details.dueDate !== null && c.state.startsWith('active.') && today > c.details.dueDate }))
      .filter(
        (c) =>
          (!filter.phase || c.phase === filter.phase) &&
          (!filter.memberEconomy || c.memberEconomy === filter.memberEconomy) &&
          (!filter.focusArea || c.focusArea?.toLowerCase() === filter.focusArea.toLowerCase()) &&
          (!filter.dueBefore || (c.dueDate !== null && c.dueDate < filter.dueBefore)) &&
          (filter.overdue === undefined || c.overdue === filter.overdue),
      )
      .sort((a, b) => a.id.localeCompare(b.id));
    return { total: rows.length, items: rows.slice(filter.offset, filter.offset + filter.limit), position: this.index.position.toString() };
  }
}
