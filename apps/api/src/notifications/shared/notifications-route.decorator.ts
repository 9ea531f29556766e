import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ProblemDto } from '../../http/problem.dto';

/** A controller under /notifications, documented in the `notifications` group. */
export const NotificationsController = () => applyDecorators(ApiTags('notifications'), ApiBearerAuth(), Controller('notifications'));

/** Admin only, with the problems every notifications route may answer. */
export const NotificationsRoute = () =>
  applyDecorators(
    Roles('admin'),
    ApiResponse({ status: 400, type: ProblemDto, description: 'VALIDATION_FAILED: `fields` names every bad parameter' }),
    ApiResponse({ status: 401, type: ProblemDto, description: 'UNAUTHENTICATED' }),
    ApiResponse({ status: 403, type: ProblemDto, description: 'FORBIDDEN: webhook deliveries are for the admin role' }),
    ApiResponse({ status: 503, type: ProblemDto, description: 'READ_STORE_UNREACHABLE or READ_STORE_CLOSED: retry later' }),
  );

/** Webhook ids as the configuration allows them (see parseWebhooks). */
export const WEBHOOK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
