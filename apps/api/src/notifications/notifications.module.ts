import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RetryDeadLetterHandler } from './commands/retry-dead-letter/retry-dead-letter.handler';
import { RetryDeadLetterController } from './commands/retry-dead-letter/retry-dead-letter.http.controller';
import { DeliveriesController } from './queries/deliveries.controller';

/**
 * /notifications/...: webhook deliveries (admin). The dispatcher that sends them runs beside the
 * projection runner (see docs/notifications.md); these routes read and reset its rows.
 */
@Module({
  imports: [CqrsModule],
  controllers: [DeliveriesController, RetryDeadLetterController],
  providers: [RetryDeadLetterHandler],
})
export class NotificationsModule {}
