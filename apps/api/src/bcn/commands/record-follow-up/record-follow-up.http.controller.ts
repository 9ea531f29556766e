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
import { RecordFollowUpCommand } from './record-follow-up.command';
import { RecordFollowUpRequestDto } from './record-follow-up.request.dto';

@ApiTags('BCN commands')
@Controller('bcn-exchanges')
export class RecordFollowUpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/follow-ups')
  @HttpCode(200)
  @Roles(...rolesOf('RecordFollowUp'))
  @ApiOperation({ summary: 'Record a follow-up activity of the collaboration (after the report)', operationId: 'recordFollowUp' })
  @ApiCommandResponses(200, BCN_DOCS)
  recordFollowUp(@Param('id') id: string, @Body() body: RecordFollowUpRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new RecordFollowUpCommand(id, { ...body }, context));
  }
}
