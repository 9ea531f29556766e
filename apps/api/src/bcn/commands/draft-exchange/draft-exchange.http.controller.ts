import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { ApiCommandResponses } from '../../../coe/shared/api-command-responses';
import type { CommandResponseDto } from '../../../coe/shared/command-response.dto';
import { CommandCtx } from '../../../http/command-context.decorator';
import type { CommandContext } from '../../../http/workflow-command';
import { BCN_DOCS } from '../../shared/bcn-docs';
import { rolesOf } from '../../shared/command-roles';
import { DraftExchangeCommand } from './draft-exchange.command';
import { DraftExchangeRequestDto } from './draft-exchange.request.dto';

@ApiTags('BCN commands')
@Controller('bcn-exchanges')
export class DraftExchangeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/draft')
  @Roles(...rolesOf('DraftExchange'))
  @ApiOperation({ summary: 'Draft an exchange for a sending NPO (creates the exchange)', operationId: 'draftExchange' })
  @ApiCommandResponses(201, BCN_DOCS)
  draftExchange(@Param('id') id: string, @Body() body: DraftExchangeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new DraftExchangeCommand(id, { ...body }, context));
  }
}
