import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { ExtendPhaseCommand } from './extend-phase.command';
import { ExtendPhaseRequestDto } from './extend-phase.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class ExtendPhaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/extension')
  @HttpCode(200)
  @Roles(...rolesOf('ExtendPhase'))
  @ApiOperation({ summary: 'Extend the current period (one extension per phase)', operationId: 'extendPhase' })
  @ApiCommandResponses(200)
  extendPhase(@Param('id') id: string, @Body() body: ExtendPhaseRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new ExtendPhaseCommand(id, { ...body }, context));
  }
}
