import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { ApiCommandResponses } from '../../../coe/shared/api-command-responses';
import type { CommandResponseDto } from '../../../coe/shared/command-response.dto';
import { CommandCtx } from '../../../http/command-context.decorator';
import type { CommandContext } from '../../../http/workflow-command';
import { BCN_DOCS } from '../../shared/bcn-docs';
import { rolesOf } from '../../shared/command-roles';
import { SubmitReportCommand } from './submit-report.command';
import { SubmitReportRequestDto } from './submit-report.request.dto';

@ApiTags('BCN commands')
@Controller('bcn-exchanges')
export class SubmitReportController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/report')
  @HttpCode(200)
  @Roles(...rolesOf('SubmitReport'))
  @ApiOperation({ summary: 'Record the exchange’s report', operationId: 'submitReport' })
  @ApiCommandResponses(200, BCN_DOCS)
  submitReport(@Param('id') id: string, @Body() body: SubmitReportRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new SubmitReportCommand(id, { ...body }, context));
  }
}
