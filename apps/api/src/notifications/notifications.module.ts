import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

/** /notifications/...: webhook deliveries and the dead-letter list. */
@Module({
  imports: [CqrsModule],
  controllers: [],
  providers: [],
})
export class NotificationsModule {}
