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
import { ScheduleExchangeCommand } from './schedule-exchange.command';
import { ScheduleExchangeRequestDto } from './schedule-exchange.request.dto';

@ApiTags('BCN commands')
@Controller('bcn-exchanges')
export class ScheduleExchangeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/schedule')
  @HttpCode(200)
  @Roles(...rolesOf('ScheduleExchange'))
  @ApiOperation({ summary: 'Schedule (or reschedule): dates, modality, hosting NPO and participant roster (virtual up to 10, face to face up to 4)', operationId: 'scheduleExchange' })
  @ApiCommandResponses(200, BCN_DOCS)
  scheduleExchange(@Param('id') id: string, @Body() body: ScheduleExchangeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new ScheduleExchangeCommand(id, { ...body }, context));
  }
}
