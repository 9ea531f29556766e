import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { SuspendCoeCommand } from './suspend-coe.command';
import { SuspendCoeRequestDto } from './suspend-coe.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class SuspendCoeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/suspension')
  @HttpCode(200)
  @Roles(...rolesOf('SuspendCoe'))
  @ApiOperation({ summary: 'Suspend with a reason', operationId: 'suspendCoe' })
  @ApiCommandResponses(200)
  suspendCoe(@Param('id') id: string, @Body() body: SuspendCoeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new SuspendCoeCommand(id, { ...body }, context));
  }
}
