import { ApproveExchangeController } from './approve-exchange/approve-exchange.http.controller';
import { ApproveExchangeHandler } from './approve-exchange/approve-exchange.handler';
import { CloseExchangeController } from './close-exchange/close-exchange.http.controller';
import { CloseExchangeHandler } from './close-exchange/close-exchange.handler';
import { DraftExchangeController } from './draft-exchange/draft-exchange.http.controller';
import { DraftExchangeHandler } from './draft-exchange/draft-exchange.handler';
import { ProposeExchangeController } from './propose-exchange/propose-exchange.http.controller';
import { ProposeExchangeHandler } from './propose-exchange/propose-exchange.handler';
import { RecordFollowUpController } from './record-follow-up/record-follow-up.http.controller';
import { RecordFollowUpHandler } from './record-follow-up/record-follow-up.handler';
import { RecordImplementationController } from './record-implementation/record-implementation.http.controller';
import { RecordImplementationHandler } from './record-implementation/record-implementation.handler';
import { RejectExchangeController } from './reject-exchange/reject-exchange.http.controller';
import { RejectExchangeHandler } from './reject-exchange/reject-exchange.handler';
import { ScheduleExchangeController } from './schedule-exchange/schedule-exchange.http.controller';
import { ScheduleExchangeHandler } from './schedule-exchange/schedule-exchange.handler';
import { SubmitExchangeController } from './submit-exchange/submit-exchange.http.controller';
import { SubmitExchangeHandler } from './submit-exchange/submit-exchange.handler';
import { SubmitReportController } from './submit-report/submit-report.http.controller';
import { SubmitReportHandler } from './submit-report/submit-report.handler';
import { WithdrawExchangeController } from './withdraw-exchange/withdraw-exchange.http.controller';
import { WithdrawExchangeHandler } from './withdraw-exchange/withdraw-exchange.handler';

/** Every BCN command use case: its controller and its handler. */
export const bcnCommandControllers = [
  ApproveExchangeController,
  CloseExchangeController,
  DraftExchangeController,
  ProposeExchangeController,
  RecordFollowUpController,
  RecordImplementationController,
  RejectExchangeController,
  ScheduleExchangeController,
  SubmitExchangeController,
  SubmitReportController,
  WithdrawExchangeController,
];
export const bcnCommandHandlers = [
  ApproveExchangeHandler,
  CloseExchangeHandler,
  DraftExchangeHandler,
  ProposeExchangeHandler,
  RecordFollowUpHandler,
  RecordImplementationHandler,
  RejectExchangeHandler,
  ScheduleExchangeHandler,
  SubmitExchangeHandler,
  SubmitReportHandler,
  WithdrawExchangeHandler,
];
