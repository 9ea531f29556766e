import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { ReinstateCoeCommand } from './reinstate-coe.command';
import { ReinstateCoeRequestDto } from './reinstate-coe.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class ReinstateCoeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/reinstatement')
  @HttpCode(200)
  @Roles(...rolesOf('ReinstateCoe'))
  @ApiOperation({ summary: 'Reinstate to exactly the state before suspension', operationId: 'reinstateCoe' })
  @ApiCommandResponses(200)
  reinstateCoe(@Param('id') id: string, @Body() body: ReinstateCoeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new ReinstateCoeCommand(id, { ...body }, context));
  }
}
