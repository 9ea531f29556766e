import { AdvanceCoeHandler } from './advance-coe/advance-coe.handler';
import { AdvanceCoeController } from './advance-coe/advance-coe.http.controller';
import { ApproveProposalHandler } from './approve-proposal/approve-proposal.handler';
import { ApproveProposalController } from './approve-proposal/approve-proposal.http.controller';
import { CompleteHistoricalEntryHandler } from './complete-historical-entry/complete-historical-entry.handler';
import { CompleteHistoricalEntryController } from './complete-historical-entry/complete-historical-entry.http.controller';
import { CorrectRecordHandler } from './correct-record/correct-record.handler';
import { CorrectRecordController } from './correct-record/correct-record.http.controller';
import { DecideNextStageHandler } from './decide-next-stage/decide-next-stage.handler';
import { DecideNextStageController } from './decide-next-stage/decide-next-stage.http.controller';
import { DesignateCoeHandler } from './designate-coe/designate-coe.handler';
import { DesignateCoeController } from './designate-coe/designate-coe.http.controller';
import { ExtendPhaseHandler } from './extend-phase/extend-phase.handler';
import { ExtendPhaseController } from './extend-phase/extend-phase.http.controller';
import { LaunchCoeHandler } from './launch-coe/launch-coe.handler';
import { LaunchCoeController } from './launch-coe/launch-coe.http.controller';
import { RecordActivityHandler } from './record-activity/record-activity.handler';
import { RecordActivityController } from './record-activity/record-activity.http.controller';
import { RecordAssessmentHandler } from './record-assessment/record-assessment.handler';
import { RecordAssessmentController } from './record-assessment/record-assessment.http.controller';
import { RecordPublicationHandler } from './record-publication/record-publication.handler';
import { RecordPublicationController } from './record-publication/record-publication.http.controller';
import { RecordReplicationHandler } from './record-replication/record-replication.handler';
import { RecordReplicationController } from './record-replication/record-replication.http.controller';
import { RecordStatusAssessmentHandler } from './record-status-assessment/record-status-assessment.handler';
import { RecordStatusAssessmentController } from './record-status-assessment/record-status-assessment.http.controller';
import { ReinstateCoeHandler } from './reinstate-coe/reinstate-coe.handler';
import { ReinstateCoeController } from './reinstate-coe/reinstate-coe.http.controller';
import { RejectApplicationHandler } from './reject-application/reject-application.handler';
import { RejectApplicationController } from './reject-application/reject-application.http.controller';
import { ReturnProposalHandler } from './return-proposal/return-proposal.handler';
import { ReturnProposalController } from './return-proposal/return-proposal.http.controller';
import { StartReviewHandler } from './start-review/start-review.handler';
import { StartReviewController } from './start-review/start-review.http.controller';
import { SubmitApplicationHandler } from './submit-application/submit-application.handler';
import { SubmitApplicationController } from './submit-application/submit-application.http.controller';
import { SubmitProposalHandler } from './submit-proposal/submit-proposal.handler';
import { SubmitProposalController } from './submit-proposal/submit-proposal.http.controller';
import { SuspendCoeHandler } from './suspend-coe/suspend-coe.handler';
import { SuspendCoeController } from './suspend-coe/suspend-coe.http.controller';
import { TerminateCoeHandler } from './terminate-coe/terminate-coe.handler';
import { TerminateCoeController } from './terminate-coe/terminate-coe.http.controller';
import { WaiveClosingDateHandler } from './waive-closing-date/waive-closing-date.handler';
import { WaiveClosingDateController } from './waive-closing-date/waive-closing-date.http.controller';
import { WithdrawCoeHandler } from './withdraw-coe/withdraw-coe.handler';
import { WithdrawCoeController } from './withdraw-coe/withdraw-coe.http.controller';

/** Every COE command use case: its controller and its handler. */
export const coeCommandControllers = [
  AdvanceCoeController,
  ApproveProposalController,
  CompleteHistoricalEntryController,
  CorrectRecordController,
  DecideNextStageController,
  DesignateCoeController,
  ExtendPhaseController,
  LaunchCoeController,
  RecordActivityController,
  RecordAssessmentController,
  RecordPublicationController,
  RecordReplicationController,
  RecordStatusAssessmentController,
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
  CompleteHistoricalEntryHandler,
  CorrectRecordHandler,
  DecideNextStageHandler,
  DesignateCoeHandler,
  ExtendPhaseHandler,
  LaunchCoeHandler,
  RecordActivityHandler,
  RecordAssessmentHandler,
  RecordPublicationHandler,
  RecordReplicationHandler,
  RecordStatusAssessmentHandler,
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
