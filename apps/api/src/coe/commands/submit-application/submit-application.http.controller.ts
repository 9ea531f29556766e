import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { SubmitApplicationCommand } from './submit-application.command';
import { SubmitApplicationRequestDto } from './submit-application.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class SubmitApplicationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/application')
  @Roles(...rolesOf('SubmitApplication'))
  @ApiOperation({ summary: 'Register an application nominated by an NPO (creates the COE)', operationId: 'submitApplication' })
  @ApiCommandResponses(201)
  submitApplication(@Param('id') id: string, @Body() body: SubmitApplicationRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new SubmitApplicationCommand(id, { ...body }, context));
  }
}
