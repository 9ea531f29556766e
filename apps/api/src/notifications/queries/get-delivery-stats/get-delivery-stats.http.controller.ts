import { Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { DeliveryStats } from '@apo/notifications';
import { DELIVERY_STATS } from '../../shared/notification-schemas';
import { NotificationsController, NotificationsRoute } from '../../shared/notifications-route.decorator';
import { GetDeliveryStatsQuery } from './get-delivery-stats.query';

@NotificationsController()
export class GetDeliveryStatsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('deliveries/stats')
  @NotificationsRoute()
  @ApiOperation({ summary: 'Webhook deliveries per webhook: pending, delivered and dead (dead letters), and the last delivery', operationId: 'getDeliveryStats' })
  @ApiOkResponse({ schema: { allOf: [DELIVERY_STATS], example: { webhooks: [{ webhook: 'chat', pending: 2, delivered: 5120, dead: 1, lastDeliveredAt: '2027-10-01T14:40:11.000Z' }] } } })
  async stats(): Promise<{ webhooks: DeliveryStats[] }> {
    return { webhooks: await this.queries.execute(new GetDeliveryStatsQuery()) };
  }
}
