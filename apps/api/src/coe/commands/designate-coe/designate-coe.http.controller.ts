import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { DesignateCoeCommand } from './designate-coe.command';
import { DesignateCoeRequestDto } from './designate-coe.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class DesignateCoeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/designation')
  @HttpCode(200)
  @Roles(...rolesOf('DesignateCoe'))
  @ApiOperation({ summary: 'Record the Governing Body designation and the launch date', operationId: 'designateCoe' })
  @ApiCommandResponses(200)
  designateCoe(@Param('id') id: string, @Body() body: DesignateCoeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new DesignateCoeCommand(id, { ...body }, context));
  }
}
