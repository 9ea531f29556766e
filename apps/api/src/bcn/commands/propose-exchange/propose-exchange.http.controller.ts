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
import { ProposeExchangeCommand } from './propose-exchange.command';
import { ProposeExchangeRequestDto } from './propose-exchange.request.dto';

@ApiTags('BCN commands')
@Controller('bcn-exchanges')
export class ProposeExchangeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/proposal')
  @HttpCode(200)
  @Roles(...rolesOf('ProposeExchange'))
  @ApiOperation({ summary: 'Propose the exchange on the Secretariat’s initiative (no application window)', operationId: 'proposeExchange' })
  @ApiCommandResponses(200, BCN_DOCS)
  proposeExchange(@Param('id') id: string, @Body() body: ProposeExchangeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new ProposeExchangeCommand(id, { ...body }, context));
  }
}
