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
import { SubmitExchangeCommand } from './submit-exchange.command';
import { SubmitExchangeRequestDto } from './submit-exchange.request.dto';

@ApiTags('BCN commands')
@Controller('bcn-exchanges')
export class SubmitExchangeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/submission')
  @HttpCode(200)
  @Roles(...rolesOf('SubmitExchange'))
  @ApiOperation({ summary: 'Submit the sending NPO’s application (by 31 March or 30 June of the programme year unless configured)', operationId: 'submitExchange' })
  @ApiCommandResponses(200, BCN_DOCS)
  submitExchange(@Param('id') id: string, @Body() body: SubmitExchangeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new SubmitExchangeCommand(id, { ...body }, context));
  }
}
