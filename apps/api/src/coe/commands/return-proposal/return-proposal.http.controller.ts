import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { ReturnProposalCommand } from './return-proposal.command';
import { ReturnProposalRequestDto } from './return-proposal.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class ReturnProposalController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/proposals/return')
  @HttpCode(200)
  @Roles(...rolesOf('ReturnProposal'))
  @ApiOperation({ summary: 'Return a submitted proposal', operationId: 'returnProposal' })
  @ApiCommandResponses(200)
  returnProposal(@Param('id') id: string, @Body() body: ReturnProposalRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new ReturnProposalCommand(id, { ...body }, context));
  }
}
