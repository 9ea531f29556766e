import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { deliveryStats, listDeadLetters, type DeadLetter, type DeliveryStats } from '@apo/notifications';
import type { ReadStore } from '@apo/read-store';
import { READ_STORE } from '../../infrastructure/tokens';
import { DEAD_LETTER_PAGE, DELIVERY_STATS } from '../shared/notification-schemas';
import { NotificationsController, NotificationsRoute } from '../shared/notifications-route.decorator';
import { DEFAULT_DEAD_LETTER_LIMIT, ListDeadLettersRequestDto } from './list-dead-letters.request.dto';

const EXAMPLE: DeadLetter = {
  webhook: 'chat',
  position: '4211',
  eventId: '41aec63f-59f6-5a14-8019-cca67ee221c7',
  category: 'transition',
  type: 'PhaseAdvanced',
  programme: 'coe',
  instanceId: 'th-digital',
  streamId: 'coe-th-digital',
  from: 'active.delivery.year1',
  to: 'active.delivery.year2',
  recordedAt: '2027-10-01T09:12:03.000Z',
  attempts: 10,
  lastError: 'HTTP 500: internal error',
  failedAt: '2027-10-01T14:40:11.000Z',
};

export interface DeadLettersAnswer {
  readonly items: DeadLetter[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** What the webhook dispatcher's rows say: the dead letters and the deliveries per webhook. */
@NotificationsController()
export class DeliveriesController {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  @Get('dead-letters')
  @NotificationsRoute()
  @ApiOperation({
    summary: 'Webhook notifications given up on (after the configured attempts), with what they were about and the last error',
    description: 'By webhook and outbox position. Retry one with POST /notifications/dead-letters/{webhook}/{position}/retry.',
    operationId: 'listDeadLetters',
  })
  @ApiOkResponse({ schema: { allOf: [DEAD_LETTER_PAGE], example: { items: [EXAMPLE], total: 1, limit: DEFAULT_DEAD_LETTER_LIMIT, offset: 0 } } })
  async list(@Query() q: ListDeadLettersRequestDto): Promise<DeadLettersAnswer> {
    const limit = q.limit ?? DEFAULT_DEAD_LETTER_LIMIT;
    const offset = q.offset ?? 0;
    const page = await listDeadLetters(this.readStore, { ...(q.webhook === undefined ? {} : { webhook: q.webhook }), limit, offset });
    return { items: page.items, total: page.total, limit, offset };
  }

  @Get('deliveries/stats')
  @NotificationsRoute()
  @ApiOperation({
    summary: 'Webhook deliveries per webhook: pending, delivered and dead (dead letters), and the last delivery',
    operationId: 'getDeliveryStats',
  })
  @ApiOkResponse({
    schema: {
      allOf: [DELIVERY_STATS],
      example: { webhooks: [{ webhook: 'chat', pending: 2, delivered: 5120, dead: 1, lastDeliveredAt: '2027-10-01T14:40:11.000Z' }] },
    },
  })
  async stats(): Promise<{ webhooks: DeliveryStats[] }> {
    return { webhooks: await deliveryStats(this.readStore) };
  }
}
