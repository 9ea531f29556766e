import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsLogPosition } from '../../../http/query-limits';
import { WEBHOOK_ID } from '../../shared/notifications-route.decorator';

/** Which dead letter: the webhook's id and the notification's outbox position. */
export class RetryDeadLetterParamsDto {
  @ApiProperty({ example: 'chat' })
  @Matches(WEBHOOK_ID, { message: 'must be a webhook id (letters, digits, ".", "_", "-"; at most 64)' })
  webhook!: string;

  @ApiProperty({ example: '4211', pattern: '^\\d{1,19}$' })
  @IsLogPosition('must be an outbox position (digits)')
  position!: string;
}
