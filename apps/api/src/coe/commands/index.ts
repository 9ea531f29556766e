import { AdvanceCoeController } from './advance-coe/advance-coe.http.controller';
import { AdvanceCoeHandler } from './advance-coe/advance-coe.handler';
import { ApproveProposalController } from './approve-proposal/approve-proposal.http.controller';
import { ApproveProposalHandler } from './approve-proposal/approve-proposal.handler';
import { DesignateCoeController } from './designate-coe/designate-coe.http.controller';
import { DesignateCoeHandler } from './designate-coe/designate-coe.handler';
import { ExtendPhaseController } from './extend-phase/extend-phase.http.controller';
import { ExtendPhaseHandler } from './extend-phase/extend-phase.handler';
import { RecordActivityController } from './record-activity/record-activity.http.controller';
import { RecordActivityHandler } from './record-activity/record-activity.handler';
import { RecordAssessmentController } from './record-assessment/record-assessment.http.controller';
import { RecordAssessmentHandler } from './record-assessment/record-assessment.handler';
import { RecordPublicationController } from './record-publication/record-publication.http.controller';
import { RecordPublicationHandler } from './record-publication/record-publication.handler';
import { RecordReplicationController } from './record-replication/record-replication.http.controller';
import { RecordReplicationHandler } from './record-replication/record-replication.handler';
import { ReinstateCoeController } from './reinstate-coe/reinstate-coe.http.controller';
import { ReinstateCoeHandler } from './reinstate-coe/reinstate-coe.handler';
import { RejectApplicationController } from './reject-application/reject-application.http.controller';
import { RejectApplicationHandler } from './reject-application/reject-application.handler';
import { ReturnProposalController } from './return-proposal/return-proposal.http.controller';
import { ReturnProposalHandler } from './return-proposal/return-proposal.handler';
import { StartReviewController } from './start-review/start-review.http.controller';
import { StartReviewHandler } from './start-review/start-review.handler';
import { SubmitApplicationController } from './submit-application/submit-application.http.controller';
import { SubmitApplicationHandler } from './submit-application/submit-application.handler';
import { SubmitProposalController } from './submit-proposal/submit-proposal.http.controller';
import { SubmitProposalHandler } from './submit-proposal/submit-proposal.handler';
import { SuspendCoeController } from './suspend-coe/suspend-coe.http.controller';
import { SuspendCoeHandler } from './suspend-coe/suspend-coe.handler';
import { TerminateCoeController } from './terminate-coe/terminate-coe.http.controller';
import { TerminateCoeHandler } from './terminate-coe/terminate-coe.handler';
import { WaiveClosingDateController } from './waive-closing-date/waive-closing-date.http.controller';
import { WaiveClosingDateHandler } from './waive-closing-date/waive-closing-date.handler';
import { WithdrawCoeController } from './withdraw-coe/withdraw-coe.http.controller';
import { WithdrawCoeHandler } from './withdraw-coe/withdraw-coe.handler';

/** Every COE command use case: its controller and its handler. */
export const coeCommandControllers = [
  AdvanceCoeController,
  ApproveProposalController,
  DesignateCoeController,
  ExtendPhaseController,
  RecordActivityController,
  RecordAssessmentController,
  RecordPublicationController,
  RecordReplicationController,
  ReinstateCoeController,
  RejectApplicationController,
  ReturnProposalController,
  StartReviewController,
  SubmitApplicationController,
  SubmitProposalController,
  SuspendCoeController,
  TerminateCoeController,
  WaiveClosingDateController,
  WithdrawCoeController,
];
export const coeCommandHandlers = [
  AdvanceCoeHandler,
  ApproveProposalHandler,
  DesignateCoeHandler,
  ExtendPhaseHandler,
  RecordActivityHandler,
  RecordAssessmentHandler,
  RecordPublicationHandler,
  RecordReplicationHandler,
  ReinstateCoeHandler,
  RejectApplicationHandler,
  ReturnProposalHandler,
  StartReviewHandler,
  SubmitApplicationHandler,
  SubmitProposalHandler,
  SuspendCoeHandler,
  TerminateCoeHandler,
  WaiveClosingDateHandler,
  WithdrawCoeHandler,
];
