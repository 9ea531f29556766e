import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RetryDeadLetterHandler } from './commands/retry-dead-letter/retry-dead-letter.handler';
import { RetryDeadLetterController } from './commands/retry-dead-letter/retry-dead-letter.http.controller';
import { GetDeliveryStatsHandler } from './queries/get-delivery-stats/get-delivery-stats.handler';
import { GetDeliveryStatsController } from './queries/get-delivery-stats/get-delivery-stats.http.controller';
import { ListDeadLettersHandler } from './queries/list-dead-letters/list-dead-letters.handler';
import { ListDeadLettersController } from './queries/list-dead-letters/list-dead-letters.http.controller';

/**
 * /notifications/...: webhook deliveries (admin). The dispatcher that sends them runs beside the
 * projection runner (see docs/notifications.md); these routes read and reset its rows.
 */
@Module({
  imports: [CqrsModule],
  controllers: [ListDeadLettersController, RetryDeadLetterController, GetDeliveryStatsController],
  providers: [ListDeadLettersHandler, RetryDeadLetterHandler, GetDeliveryStatsHandler],
})
export class NotificationsModule {}
