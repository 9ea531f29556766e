import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator';
import { CommandCtx } from '../../../http/command-context.decorator';
import { ApiCommandResponses } from '../../shared/api-command-responses';
import type { CommandContext } from '../../shared/coe-command';
import { rolesOf } from '../../shared/command-roles';
import type { CommandResponseDto } from '../../shared/command-response.dto';
import { StartReviewCommand } from './start-review.command';
import { StartReviewRequestDto } from './start-review.request.dto';

@ApiTags('COE commands')
@Controller('coes')
export class StartReviewController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/review')
  @HttpCode(200)
  @Roles(...rolesOf('StartReview'))
  @ApiOperation({ summary: 'Start the Secretariat review', operationId: 'startReview' })
  @ApiCommandResponses(200)
  startReview(@Param('id') id: string, @Body() body: StartReviewRequestDto, @CommandCtx() context: CommandContext): Promise<CommandResponseDto> {
    return this.commands.execute(new StartReviewCommand(id, { ...body }, context));
  }
}
