import type { Type } from '@nestjs/common';
import { AdvanceCoeRequestDto } from './advance-coe.request.dto';
import { ApproveProposalRequestDto } from './approve-proposal.request.dto';
import { CompleteHistoricalEntryRequestDto } from './complete-historical-entry.request.dto';
import { CorrectRecordRequestDto } from './correct-record.request.dto';
import { DecideNextStageRequestDto } from './decide-next-stage.request.dto';
import { DesignateCoeRequestDto } from './designate-coe.request.dto';
import { ExtendPhaseRequestDto } from './extend-phase.request.dto';
import { LaunchCoeRequestDto } from './launch-coe.request.dto';
import { RecordActivityRequestDto } from './record-activity.request.dto';
import { RecordAssessmentRequestDto } from './record-assessment.request.dto';
import { RecordPublicationRequestDto } from './record-publication.request.dto';
import { RecordReplicationRequestDto } from './record-replication.request.dto';
import { RecordStatusAssessmentRequestDto } from './record-status-assessment.request.dto';
import { ReinstateCoeRequestDto } from './reinstate-coe.request.dto';
import { RejectApplicationRequestDto } from './reject-application.request.dto';
import { ReturnProposalRequestDto } from './return-proposal.request.dto';
import { StartReviewRequestDto } from './start-review.request.dto';
import { SubmitApplicationRequestDto } from './submit-application.request.dto';
import { SubmitProposalRequestDto } from './submit-proposal.request.dto';
import { SuspendCoeRequestDto } from './suspend-coe.request.dto';
import { TerminateCoeRequestDto } from './terminate-coe.request.dto';
import { WaiveClosingDateRequestDto } from './waive-closing-date.request.dto';
import { WithdrawCoeRequestDto } from './withdraw-coe.request.dto';

/** The request body of each COE command with a route, by command type. */
export const COE_REQUEST_DTOS: Record<string, Type> = {
  AdvanceCoe: AdvanceCoeRequestDto,
  ApproveProposal: ApproveProposalRequestDto,
  CompleteHistoricalEntry: CompleteHistoricalEntryRequestDto,
  CorrectRecord: CorrectRecordRequestDto,
  DecideNextStage: DecideNextStageRequestDto,
  DesignateCoe: DesignateCoeRequestDto,
  ExtendPhase: ExtendPhaseRequestDto,
  LaunchCoe: LaunchCoeRequestDto,
  RecordActivity: RecordActivityRequestDto,
  RecordAssessment: RecordAssessmentRequestDto,
  RecordPublication: RecordPublicationRequestDto,
  RecordReplication: RecordReplicationRequestDto,
  RecordStatusAssessment: RecordStatusAssessmentRequestDto,
  ReinstateCoe: ReinstateCoeRequestDto,
  RejectApplication: RejectApplicationRequestDto,
  ReturnProposal: ReturnProposalRequestDto,
  StartReview: StartReviewRequestDto,
  SubmitApplication: SubmitApplicationRequestDto,
  SubmitProposal: SubmitProposalRequestDto,
  SuspendCoe: SuspendCoeRequestDto,
  TerminateCoe: TerminateCoeRequestDto,
  WaiveClosingDate: WaiveClosingDateRequestDto,
  WithdrawCoe: WithdrawCoeRequestDto,
};
