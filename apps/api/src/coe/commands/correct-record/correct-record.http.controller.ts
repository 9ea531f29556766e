import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { CorrectRecordCommand } from './correct-record.command';
import { CorrectRecordRequestDto } from './correct-record.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class CorrectRecordController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/corrections')
  @HttpCode(200)
  @Roles(...rolesOf('CorrectRecord'))
  @ApiOperation({
    summary: 'Correct a recorded fact (a new event superseding it, with a reason)',
    description:
      'Nothing stored is edited: RecordCorrected carries the patch of the superseded event, which the state, the as-of time travel and the history use. `corrects` names one fact: an assessment (`assessmentId`), a record (`activityId`, `publicationId`, `replicationId`) or a life-cycle fact (`fact`, with `period` or `on` when it happened more than once); `changes` states what changes (an assessment: assessedOn, scores, overall, notes, recommendation or recommendedStage; a record: its fields; a life-cycle fact: `date`). Rule codes: COE.CORRECTION_TARGET_NOT_FOUND, COE.CORRECTION_TARGET_AMBIGUOUS, COE.CORRECTION_CHANGES_NOTHING, COE.CORRECTION_RELIED_ON, COE.CORRECTION_WOULD_REANCHOR, COE.DATE_OUT_OF_ORDER. A COE recorded on definition version 1 does not take this command (400 VALIDATION_FAILED naming the commands of its version).',
    operationId: 'correctRecord',
  })
  @ApiBody({ type: CorrectRecordRequestDto, examples: { example: { summary: 'An assessment typed with the wrong date', value: { corrects: { assessmentId: 'as-2026-06-10' }, changes: { assessedOn: '2026-06-01' }, reason: 'dated from the wrong minutes' } } } })
  @ApiCommandResponses(200)
  correctRecord(@Param('id') id: string, @Body() body: CorrectRecordRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new CorrectRecordCommand(id, { ...body }, context));
  }
}
