import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { RecordActivityCommand } from './record-activity.command';
import { RecordActivityRequestDto } from './record-activity.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class RecordActivityController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/activities')
  @HttpCode(200)
  @Roles(...rolesOf('RecordActivity'))
  @ApiOperation({ summary: 'Record an activity with participants by member economy', operationId: 'recordActivity' })
  @ApiCommandResponses(200)
  recordActivity(@Param('id') id: string, @Body() body: RecordActivityRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new RecordActivityCommand(id, { ...body }, context));
  }
}
