import { Query } from '@nestjs/cqrs';
import type { DeliveryStats } from '@apo/notifications';

export class GetDeliveryStatsQuery extends Query<DeliveryStats[]> {}
