import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { DecideNextStageCommand } from './decide-next-stage.command';
import { DecideNextStageRequestDto } from './decide-next-stage.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class DecideNextStageController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/next-stage')
  @HttpCode(200)
  @Roles(...rolesOf('DecideNextStage'))
  @ApiOperation({
    summary: 'Decide the next stage of a COE in the network (continued support, network member, retired)',
    description:
      'The Secretariat decides the stage the latest status assessment recommends; the Governing Body any stage (with its meeting). `retired` ends the designation (final). Rule codes: COE.NEXT_STAGE_ASSESSMENT_REQUIRED, COE.DECISION_DATES_DIFFER, COE.DATE_OUT_OF_ORDER. A COE recorded on definition version 1 does not take this command (400 VALIDATION_FAILED naming the commands of its version).',
    operationId: 'decideNextStage',
  })
  @ApiBody({ type: DecideNextStageRequestDto, examples: { example: { summary: 'The Governing Body keeps the COE in the network without APO funding', value: { stage: 'networkMember', decidedBy: 'governingBody', decidedOn: '2032-04-16', reason: 'self-sustaining since 2031', governingBody: { meeting: '72nd Governing Body Meeting, Tokyo' } } } } })
  @ApiCommandResponses(200)
  decideNextStage(@Param('id') id: string, @Body() body: DecideNextStageRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new DecideNextStageCommand(id, { ...body }, context));
  }
}
