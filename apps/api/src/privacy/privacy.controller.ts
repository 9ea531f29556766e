import { applyDecorators, Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { PersonalData } from '@apo/personal-data';
import { erasePersonalData, subjectAccessReport, WorkflowService, type ErasureResult, type SubjectAccessReport } from '@apo/workflow';
import { AppendsToLog } from '../audit/alarms/appends-to-log.decorator';
import { AUDIT_ALARM_RESPONSE } from '../audit/alarms/audit-alarm.error';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';
import { ProblemDto } from '../http/problem.dto';
import { EVENT_STORE, PERSONAL_DATA } from '../infrastructure/tokens';
import { EraseSubjectRequestDto } from './privacy.request.dto';

const ERASURE = {
  type: 'object',
  required: ['subject', 'erasedAt', 'by', 'reason', 'position', 'erasedNow'],
  properties: {
    subject: { type: 'string' },
    erasedAt: { type: 'string', format: 'date-time' },
    by: { type: 'string' },
    reason: { type: 'string' },
    position: { type: 'string', description: 'Log position of the PersonalDataErased event' },
    erasedNow: { type: 'boolean', description: 'False when the subject had been erased before (the first erasure is answered)' },
  },
};

const SUBJECT_ACCESS = {
  type: 'object',
  required: ['subject', 'key', 'erasure', 'values', 'readModels'],
  properties: {
    subject: { type: 'string' },
    key: { type: 'object', properties: { createdAt: { type: 'string', nullable: true }, erased: { type: 'object', nullable: true } } },
    erasure: { type: 'object', nullable: true },
    values: { type: 'array', items: { type: 'object' }, description: 'Every personal value of the subject in the log, opened (or { $erased: 1, subject })' },
    readModels: { type: 'array', items: {}, description: 'Read models keep no personal data: always empty' },
  },
};

const SUBJECT_PARAM = 'subject id: 1-64 letters, digits, ".", "_" or "-" (a participant’s personId)';

/** A route about one data subject: admins only, with the problems every such route may answer. */
const SubjectRoute = (invalid: string) =>
  applyDecorators(
    Roles('admin'),
    ApiResponse({ status: 400, type: ProblemDto, description: `VALIDATION_FAILED: ${invalid}` }),
    ApiResponse({ status: 401, type: ProblemDto, description: 'UNAUTHENTICATED' }),
    ApiResponse({ status: 403, type: ProblemDto, description: 'FORBIDDEN: admins only' }),
    ApiResponse({ status: 404, type: ProblemDto, description: 'NOT_FOUND: no personal data was ever held for this subject' }),
  );

/** Data subjects' rights (docs/privacy.md): erasure and subject access, for admins. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/subjects')
export class PrivacyController {
  private readonly personalTypes: string[];

  constructor(
    private readonly workflow: WorkflowService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalData,
    registry: DefinitionRegistry,
  ) {
    this.personalTypes = [...new Set(registry.all().flatMap((d) => Object.keys(d.personalData ?? {})))];
  }

  @Post(':subject/erasure')
  @HttpCode(200)
  @AppendsToLog()
  @ApiOperation({
    summary: 'Erase a data subject’s personal data for good: the act is recorded in the log (who, when, why), then the subject’s key is destroyed',
    description: `The ${SUBJECT_PARAM}. Every sealed field of the subject then reads as { "$erased": 1, "subject" } everywhere, after any rebuild or restore; the log, its hashes, seals and checkpoints stay valid. A repeat answers the first erasure.`,
    operationId: 'erasePersonalData',
  })
  @ApiOkResponse({ schema: ERASURE })
  @SubjectRoute('a reason is required; the subject id is malformed')
  @ApiResponse({ status: 503, type: ProblemDto, description: AUDIT_ALARM_RESPONSE })
  erase(@Param('subject') subject: string, @Body() body: EraseSubjectRequestDto, @Req() request: AuthenticatedRequest): Promise<ErasureResult> {
    const principal = request.principal;
    if (!principal) throw new Error('POST /privacy/subjects/:subject/erasure without authentication');
    return erasePersonalData(
      { workflow: this.workflow, store: this.store, personal: this.personal },
      { subject, reason: body.reason, actor: { id: principal.id, role: principal.role } },
    );
  }

  @Get(':subject')
  @ApiOperation({
    summary:
      'Subject-access report: everything held about one data subject (every personal value in the log, opened or erased; the key’s and the erasure’s records)',
    description: `The ${SUBJECT_PARAM}.`,
    operationId: 'getSubjectAccessReport',
  })
  @ApiOkResponse({ schema: SUBJECT_ACCESS })
  @SubjectRoute('the subject id is malformed')
  report(@Param('subject') subject: string): Promise<SubjectAccessReport> {
    return subjectAccessReport({ store: this.store, personal: this.personal, personalTypes: this.personalTypes }, subject);
  }
}
