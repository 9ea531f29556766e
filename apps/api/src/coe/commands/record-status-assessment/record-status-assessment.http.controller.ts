import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { RecordStatusAssessmentCommand } from './record-status-assessment.command';
import { RecordStatusAssessmentRequestDto } from './record-status-assessment.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class RecordStatusAssessmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/status-assessments')
  @HttpCode(200)
  @Roles(...rolesOf('RecordStatusAssessment'))
  @ApiOperation({
    summary: 'Record a status assessment of a COE in the COE network',
    description:
      'After the 1-3-1 cycle a COE is assessed every 24 months (configurable: COE_STATUS_ASSESSMENT_MONTHS) from the cycle\'s end or its last status assessment: the five criteria (1-5), an overall score (the mean when not given) and the next stage it recommends. Rule codes: COE.ASSESSMENT_ID_TAKEN, COE.DATE_OUT_OF_ORDER, COE.DATE_IN_FUTURE. A COE recorded on definition version 1 does not take this command (400 VALIDATION_FAILED naming the commands of its version).',
    operationId: 'recordStatusAssessment',
  })
  @ApiBody({ type: RecordStatusAssessmentRequestDto, examples: { example: { summary: 'Recommends continued support', value: { assessmentId: 'status-2032', assessedOn: '2032-06', scores: { competency: 4, dissemination: 4, collaboration: 3, outputs: 4, impact: 5 }, recommendedStage: 'continuedSupport' } } } })
  @ApiCommandResponses(200)
  recordStatusAssessment(@Param('id') id: string, @Body() body: RecordStatusAssessmentRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new RecordStatusAssessmentCommand(id, { ...body }, context));
  }
}
