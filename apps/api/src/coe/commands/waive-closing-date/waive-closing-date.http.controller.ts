import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { WaiveClosingDateCommand } from './waive-closing-date.command';
import { WaiveClosingDateRequestDto } from './waive-closing-date.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class WaiveClosingDateController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/closing-date-waivers')
  @HttpCode(200)
  @Roles(...rolesOf('WaiveClosingDate'))
  @ApiOperation({ summary: 'Waive the proposal closing date for a programme year', operationId: 'waiveClosingDate' })
  @ApiCommandResponses(200)
  waiveClosingDate(@Param('id') id: string, @Body() body: WaiveClosingDateRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new WaiveClosingDateCommand(id, { ...body }, context));
  }
}
