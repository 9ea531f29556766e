import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { RecordAssessmentCommand } from './record-assessment.command';
import { RecordAssessmentRequestDto } from './record-assessment.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class RecordAssessmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/assessments')
  @HttpCode(200)
  @Roles(...rolesOf('RecordAssessment'))
  @ApiOperation({ summary: 'Record an assessment of the current period', operationId: 'recordAssessment' })
  @ApiCommandResponses(200)
  recordAssessment(@Param('id') id: string, @Body() body: RecordAssessmentRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new RecordAssessmentCommand(id, { ...body }, context));
  }
}
