import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { ApproveProposalCommand } from './approve-proposal.command';
import { ApproveProposalRequestDto } from './approve-proposal.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class ApproveProposalController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/proposals/approval')
  @HttpCode(200)
  @Roles(...rolesOf('ApproveProposal'))
  @ApiOperation({ summary: 'Approve a submitted proposal', operationId: 'approveProposal' })
  @ApiCommandResponses(200)
  approveProposal(@Param('id') id: string, @Body() body: ApproveProposalRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new ApproveProposalCommand(id, { ...body }, context));
  }
}
