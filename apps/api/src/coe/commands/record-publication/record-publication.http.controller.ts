import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { RecordPublicationCommand } from './record-publication.command';
import { RecordPublicationRequestDto } from './record-publication.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class RecordPublicationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/publications')
  @HttpCode(200)
  @Roles(...rolesOf('RecordPublication'))
  @ApiOperation({ summary: 'Record a publication', operationId: 'recordPublication' })
  @ApiCommandResponses(200)
  recordPublication(@Param('id') id: string, @Body() body: RecordPublicationRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new RecordPublicationCommand(id, { ...body }, context));
  }
}
