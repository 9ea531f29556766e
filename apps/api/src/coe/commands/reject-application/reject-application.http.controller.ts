import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { RejectApplicationCommand } from './reject-application.command';
import { RejectApplicationRequestDto } from './reject-application.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class RejectApplicationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/rejection')
  @HttpCode(200)
  @Roles(...rolesOf('RejectApplication'))
  @ApiOperation({ summary: 'Reject the application (final)', operationId: 'rejectApplication' })
  @ApiCommandResponses(200)
  rejectApplication(@Param('id') id: string, @Body() body: RejectApplicationRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new RejectApplicationCommand(id, { ...body }, context));
  }
}
