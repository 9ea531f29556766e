import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { ExtendPhaseCommand } from './extend-phase.command';
import { ExtendPhaseRequestDto } from './extend-phase.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class ExtendPhaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/extension')
  @HttpCode(200)
  @Roles(...rolesOf('ExtendPhase'))
  @ApiOperation({
    summary: 'Extend the current period up to a date, by a Secretariat or Governing Body decision',
    description:
      'Definition version 2 (every COE recorded since): `decidedBy` secretariat (on an assessment of the period recommending extend, once per phase and at most 12 months beyond the due date it moves: both configurable) or governingBody (with its meeting; more than once and for longer), `decidedOn`, `until` (the new due date, later than the current one) and `reason`. A COE recorded on version 1 (`definitionVersion` 1 in GET /coes/{id}) is still extended the version 1 way: `months` (1-12, once per phase), `reason`, `extendedOn`. Each COE refuses the other version\'s shape with 400 VALIDATION_FAILED naming the fields it requires. Rule codes: COE.EXTEND_ASSESSMENT_REQUIRED, COE.EXTENSION_ALREADY_USED, COE.EXTENSION_TOO_LONG, COE.EXTENSION_NOT_LATER, COE.DECISION_DATES_DIFFER, COE.DATE_OUT_OF_ORDER.',
    operationId: 'extendPhase',
  })
  @ApiBody({
    type: ExtendPhaseRequestDto,
    examples: {
      secretariat: { summary: 'Version 2: the Secretariat extends designation by three months', value: { decidedBy: 'secretariat', decidedOn: '2026-06-12', until: '2026-10-01', reason: 'pilot factories delayed' } },
      governingBody: {
        summary: 'Version 2: the Governing Body extends delivery by about two years',
        value: { decidedBy: 'governingBody', decidedOn: '2018-04', until: '2020-06', reason: 'pilot phase prolonged', governingBody: { meeting: '58th Governing Body Meeting, Tokyo' } },
      },
      version1: { summary: 'A COE recorded on definition version 1', value: { months: 3, reason: 'pilot factories delayed', extendedOn: '2026-06-12' } },
    },
  })
  @ApiCommandResponses(200)
  extendPhase(@Param('id') id: string, @Body() body: ExtendPhaseRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new ExtendPhaseCommand(id, { ...body }, context));
  }
}
