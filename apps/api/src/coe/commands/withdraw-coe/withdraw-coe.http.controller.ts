import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { WithdrawCoeCommand } from './withdraw-coe.command';
import { WithdrawCoeRequestDto } from './withdraw-coe.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class WithdrawCoeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles(...rolesOf('WithdrawCoe'))
  @ApiOperation({ summary: 'Withdraw (final)', operationId: 'withdrawCoe' })
  @ApiCommandResponses(200)
  withdrawCoe(@Param('id') id: string, @Body() body: WithdrawCoeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new WithdrawCoeCommand(id, { ...body }, context));
  }
}
