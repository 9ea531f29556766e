import { HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ProblemDto } from '../../../http/problem.dto';
import { RETRIED_DELIVERY } from '../../shared/notification-schemas';
import { NotificationsController, NotificationsRoute } from '../../shared/notifications-route.decorator';
import { RetryDeadLetterCommand, type RetriedDelivery } from './retry-dead-letter.command';
import { RetryDeadLetterParamsDto } from './retry-dead-letter.request.dto';

@NotificationsController()
export class RetryDeadLetterController {
  constructor(private readonly commands: CommandBus) {}

  @Post('dead-letters/:webhook/:position/retry')
  @HttpCode(202)
  @NotificationsRoute()
  @ApiOperation({
    summary: 'Send a dead letter again: back to pending with a fresh count of attempts, due now',
    description: 'The dispatcher sends it at its next pass, before the later notifications still pending for that webhook.',
    operationId: 'retryDeadLetter',
  })
  @ApiAcceptedResponse({
    schema: { allOf: [RETRIED_DELIVERY], example: { webhook: 'chat', position: '4211', status: 'pending', nextAttemptAt: '2027-10-02T08:00:00.000Z' } },
  })
  @ApiResponse({
    status: 404,
    type: ProblemDto,
    description: 'NOT_FOUND: no dead letter of that webhook at that position (never failed, already retried or delivered)',
  })
  retry(@Param() p: RetryDeadLetterParamsDto): Promise<RetriedDelivery> {
    return this.commands.execute(new RetryDeadLetterCommand(p.webhook, p.position));
  }
}
