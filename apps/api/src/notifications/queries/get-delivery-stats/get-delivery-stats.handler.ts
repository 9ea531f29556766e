import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { deliveryStats, type DeliveryStats } from '@apo/notifications';
import type { ReadStore } from '@apo/read-store';
import { READ_STORE } from '../../../infrastructure/tokens';
import { GetDeliveryStatsQuery } from './get-delivery-stats.query';

@QueryHandler(GetDeliveryStatsQuery)
export class GetDeliveryStatsHandler implements IQueryHandler<GetDeliveryStatsQuery> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  execute(): Promise<DeliveryStats[]> {
    return deliveryStats(this.readStore);
  }
}
