import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { AdvanceCoeCommand } from './advance-coe.command';
import { AdvanceCoeRequestDto } from './advance-coe.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class AdvanceCoeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/advance')
  @HttpCode(200)
  @Roles(...rolesOf('AdvanceCoe'))
  @ApiOperation({ summary: 'Advance to the next period (or graduate from replication)', operationId: 'advanceCoe' })
  @ApiCommandResponses(200)
  advanceCoe(@Param('id') id: string, @Body() body: AdvanceCoeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new AdvanceCoeCommand(id, { ...body }, context));
  }
}
