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
import { RecordImplementationCommand } from './record-implementation.command';
import { RecordImplementationRequestDto } from './record-implementation.request.dto';

@ApiTags('BCN commands')
@Controller('bcn-exchanges')
export class RecordImplementationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/implementation')
  @HttpCode(200)
  @Roles(...rolesOf('RecordImplementation'))
  @ApiOperation({ summary: 'Record that the exchange took place (on or after its start; no withdrawal after this)', operationId: 'recordImplementation' })
  @ApiCommandResponses(200, BCN_DOCS)
  recordImplementation(@Param('id') id: string, @Body() body: RecordImplementationRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new RecordImplementationCommand(id, { ...body }, context));
  }
}
