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
import { CloseExchangeCommand } from './close-exchange.command';
import { CloseExchangeRequestDto } from './close-exchange.request.dto';

@ApiTags('BCN commands')
@Controller('bcn-exchanges')
export class CloseExchangeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/closure')
  @HttpCode(200)
  @Roles(...rolesOf('CloseExchange'))
  @ApiOperation({ summary: 'Close a reported exchange (final)', operationId: 'closeExchange' })
  @ApiCommandResponses(200, BCN_DOCS)
  closeExchange(@Param('id') id: string, @Body() body: CloseExchangeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new CloseExchangeCommand(id, { ...body }, context));
  }
}
