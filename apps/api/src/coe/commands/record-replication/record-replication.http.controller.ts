import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { RecordReplicationCommand } from './record-replication.command';
import { RecordReplicationRequestDto } from './record-replication.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class RecordReplicationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/replications')
  @HttpCode(200)
  @Roles(...rolesOf('RecordReplication'))
  @ApiOperation({ summary: 'Record knowledge transfer to another member economy', operationId: 'recordReplication' })
  @ApiCommandResponses(200)
  recordReplication(@Param('id') id: string, @Body() body: RecordReplicationRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new RecordReplicationCommand(id, { ...body }, context));
  }
}
