import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { LaunchCoeCommand } from './launch-coe.command';
import { LaunchCoeRequestDto } from './launch-coe.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class LaunchCoeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/launch')
  @HttpCode(200)
  @Roles(...rolesOf('LaunchCoe'))
  @ApiOperation({
    summary: 'Record the launch of a designated COE (its designation period starts)',
    description:
      'A COE designated with a launch date still ahead is `designated` ("designated, launching on <date>", a launch deadline open on the planned date) until it launches: `launchedOn` is the actual launch, which may differ from the planned date, and anchors the designation period and every due date after it. Rule codes: COE.DATE_OUT_OF_ORDER (before the Governing Body decision), COE.DATE_IN_FUTURE. A COE recorded on definition version 1 does not take this command (400 VALIDATION_FAILED naming the commands of its version).',
    operationId: 'launchCoe',
  })
  @ApiBody({ type: LaunchCoeRequestDto, examples: { example: { summary: 'Launched on the planned date', value: { launchedOn: '2026-01-15' } } } })
  @ApiCommandResponses(200)
  launchCoe(@Param('id') id: string, @Body() body: LaunchCoeRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new LaunchCoeCommand(id, { ...body }, context));
  }
}
