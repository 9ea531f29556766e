import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { CompleteHistoricalEntryCommand } from './complete-historical-entry.command';
import { CompleteHistoricalEntryRequestDto } from './complete-historical-entry.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class CompleteHistoricalEntryController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/historical-entry-completion')
  @HttpCode(200)
  @Roles(...rolesOf('CompleteHistoricalEntry'))
  @ApiOperation({
    summary: 'Mark a COE entered from history as brought up to date (its deadlines open)',
    description:
      'A COE submitted with `historical: true` owes no deadline while its past is entered, so the scheduler writes no notice for deadlines long met by steps not yet entered. `upToDate` is the date the records were brought up to; from then on its deadlines open as for any COE, and one already past due is overdue. Rule codes: COE.NOT_HISTORICAL, COE.DATE_OUT_OF_ORDER, COE.DATE_IN_FUTURE. A COE recorded on definition version 1 does not take this command (400 VALIDATION_FAILED naming the commands of its version).',
    operationId: 'completeHistoricalEntry',
  })
  @ApiBody({ type: CompleteHistoricalEntryRequestDto, examples: { example: { summary: 'Records entered up to today', value: { upToDate: '2026-12-01' } } } })
  @ApiCommandResponses(200)
  completeHistoricalEntry(@Param('id') id: string, @Body() body: CompleteHistoricalEntryRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new CompleteHistoricalEntryCommand(id, { ...body }, context));
  }
}
