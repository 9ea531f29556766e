import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { SubmitProposalCommand } from './submit-proposal.command';
import { SubmitProposalRequestDto } from './submit-proposal.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class SubmitProposalController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/proposals')
  @HttpCode(200)
  @Roles(...rolesOf('SubmitProposal'))
  @ApiOperation({ summary: 'Submit the annual proposal (closing date 31 March unless configured or waived)', operationId: 'submitProposal' })
  @ApiCommandResponses(200)
  submitProposal(@Param('id') id: string, @Body() body: SubmitProposalRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new SubmitProposalCommand(id, { ...body }, context));
  }
}
