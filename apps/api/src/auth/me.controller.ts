import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ROLES, type Role } from './api-keys';
import type { AuthenticatedRequest } from './auth.guard';
import { Roles } from './roles.decorator';

export class MeDto {
  @ApiProperty({ example: 'dev-assessor', description: 'The principal of the key (the actor of every event it writes)' }) principal!: string;
  @ApiProperty({ enum: ROLES, example: 'assessor' }) role!: Role;
}

@ApiTags('operations')
@Controller()
export class MeController {
  @Get('me')
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who this API key is: its principal and role (every role; the console signs in with it)' })
  @ApiOkResponse({ type: MeDto })
  me(@Req() request: AuthenticatedRequest): MeDto {
    if (!request.principal) throw new Error('GET /me without authentication');
    return { principal: request.principal.id, role: request.principal.role };
  }
}
