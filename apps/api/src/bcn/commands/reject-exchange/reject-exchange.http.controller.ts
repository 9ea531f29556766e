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
import { RejectExchangeCommand } from './reject-exchange.command';
import { RejectExchangeRequestDto } from './reject-exchange.request.dto';

@ApiTags('BCN commands')
@Controller('bcn-exchanges')
export class RejectExchangeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/rejection')
  @HttpCode(200)
  @Roles(...rolesOf('RejectExchange'))
  @ApiOperation({ summary: 'Reject a submitted or proposed exchange (admin; final)', operationId: 'rejectExchange' })
  @ApiCommandResponses(200, BCN_DOCS)
  rejectExchange(@Param('id') id: string, @Body() body: RejectExchangeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new RejectExchangeCommand(id, { ...body }, context));
  }
}
