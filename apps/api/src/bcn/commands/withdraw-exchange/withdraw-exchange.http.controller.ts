import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { ApiCommandResponses } from '../../../coe/shared/api-command-responses';
import type { CommandResponseDto } from '../../../coe/shared/command-response.dto';
import { CommandCtx } from '../../../http/command-context.decorator';
import type { CommandContext } from '../../../http/workflow-command';
import { BCN_DOCS } from '../../shared/bcn-docs';
import { rolesOf } from '../../shared/command-roles';
import { WithdrawExchangeCommand } from './withdraw-exchange.command';
import { WithdrawExchangeRequestDto } from './withdraw-exchange.request.dto';

@ApiTags('BCN commands')
@Controller('bcn-exchanges')
export class WithdrawExchangeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles(...rolesOf('WithdrawExchange'))
  @ApiOperation({ summary: 'Withdraw the exchange before implementation (final)', operationId: 'withdrawExchange' })
  @ApiCommandResponses(200, BCN_DOCS)
  withdrawExchange(@Param('id') id: string, @Body() body: WithdrawExchangeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new WithdrawExchangeCommand(id, { ...body }, context));
  }
}
