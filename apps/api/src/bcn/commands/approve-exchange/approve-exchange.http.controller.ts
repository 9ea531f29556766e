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
import { ApproveExchangeCommand } from './approve-exchange.command';
import { ApproveExchangeRequestDto } from './approve-exchange.request.dto';

@ApiTags('BCN commands')
@Controller('bcn-exchanges')
export class ApproveExchangeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/approval')
  @HttpCode(200)
  @Roles(...rolesOf('ApproveExchange'))
  @ApiOperation({ summary: 'Approve a submitted or proposed exchange (admin)', operationId: 'approveExchange' })
  @ApiCommandResponses(200, BCN_DOCS)
  approveExchange(@Param('id') id: string, @Body() body: ApproveExchangeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new ApproveExchangeCommand(id, { ...body }, context));
  }
}
