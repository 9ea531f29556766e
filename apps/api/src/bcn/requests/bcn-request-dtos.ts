import type { Type } from '@nestjs/common';
import { ApproveExchangeRequestDto } from './approve-exchange.request.dto';
import { CloseExchangeRequestDto } from './close-exchange.request.dto';
import { DraftExchangeRequestDto } from './draft-exchange.request.dto';
import { ProposeExchangeRequestDto } from './propose-exchange.request.dto';
import { RecordFollowUpRequestDto } from './record-follow-up.request.dto';
import { RecordImplementationRequestDto } from './record-implementation.request.dto';
import { RejectExchangeRequestDto } from './reject-exchange.request.dto';
import { ScheduleExchangeRequestDto } from './schedule-exchange.request.dto';
import { SubmitExchangeRequestDto } from './submit-exchange.request.dto';
import { SubmitReportRequestDto } from './submit-report.request.dto';
import { WithdrawExchangeRequestDto } from './withdraw-exchange.request.dto';

/** The request body of each BCN command with a route, by command type. */
export const BCN_REQUEST_DTOS: Record<string, Type> = {
  ApproveExchange: ApproveExchangeRequestDto,
  CloseExchange: CloseExchangeRequestDto,
  DraftExchange: DraftExchangeRequestDto,
  ProposeExchange: ProposeExchangeRequestDto,
  RecordFollowUp: RecordFollowUpRequestDto,
  RecordImplementation: RecordImplementationRequestDto,
  RejectExchange: RejectExchangeRequestDto,
  ScheduleExchange: ScheduleExchangeRequestDto,
  SubmitExchange: SubmitExchangeRequestDto,
  SubmitReport: SubmitReportRequestDto,
  WithdrawExchange: WithdrawExchangeRequestDto,
};
