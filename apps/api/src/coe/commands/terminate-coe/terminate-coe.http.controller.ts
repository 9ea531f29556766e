import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { TerminateCoeCommand } from './terminate-coe.command';
import { TerminateCoeRequestDto } from './terminate-coe.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class TerminateCoeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/termination')
  @HttpCode(200)
  @Roles(...rolesOf('TerminateCoe'))
  @ApiOperation({ summary: 'Terminate on a terminate assessment or a Governing Body decision', operationId: 'terminateCoe' })
  @ApiCommandResponses(200)
  terminateCoe(@Param('id') id: string, @Body() body: TerminateCoeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new TerminateCoeCommand(id, { ...body }, context));
  }
}
