import type { EventUnion } from '@apo/engine';
import type { FollowUpKind, Modality, NpoRef, Participant } from './bcn-model';

/** Every event of a BCN exchange (past tense). Data is plain JSON with ISO date strings. */
export const BCN_EVENT_TYPES = [
  'ExchangeDrafted',
  'ExchangeSubmitted',
  'ExchangeProposed',
  'ExchangeApproved',
  'ExchangeRejected',
  'ExchangeScheduled',
  'ExchangeImplemented',
  'ExchangeReported',
  'FollowUpRecorded',
  'ExchangeClosed',
  'ExchangeWithdrawn',
] as const;
export type BcnEventType = (typeof BCN_EVENT_TYPES)[number];

export interface ExchangeDraftedData {
  title: string;
  topic: string;
  programmeYear: number;
  sendingNpo: NpoRef;
  hostingNpo?: NpoRef;
  objectives?: string;
  draftedOn: string;
}
/** `closingDate` is the window's (or, when late, the year's last): replay never needs the config. */
export interface ExchangeSubmittedData {
  submittedOn: string;
  programmeYear: number;
  window: number | null;
  closingDate: string;
}
export interface ExchangeProposedData {
  proposedOn: string;
  rationale?: string;
}
export interface ExchangeApprovedData {
  approvedOn: string;
  remarks?: string;
}
export interface ExchangeRejectedData {
  rejectedOn: string;
  reason: string;
}
export interface ExchangeScheduledData {
  scheduledOn: string;
  startDate: string;
  endDate: string;
  modality: Modality;
  hostingNpo: NpoRef;
  venue?: string;
  participants: Participant[];
}
export interface ExchangeImplementedData {
  implementedOn: string;
  participantsAttended?: number;
  notes?: string;
}
export interface ExchangeReportedData {
  reportedOn: string;
  summary: string;
  outcomes: string[];
}
export interface FollowUpRecordedData {
  followUpId: string;
  kind: FollowUpKind;
  title: string;
  date: string;
  description?: string;
}
export interface ExchangeClosedData {
  closedOn: string;
  remarks?: string;
}
export interface ExchangeWithdrawnData {
  withdrawnOn: string;
  reason: string;
  requestedBy?: string;
}

/** Each BCN event type's data. */
export interface BcnEventData {
  ExchangeDrafted: ExchangeDraftedData;
  ExchangeSubmitted: ExchangeSubmittedData;
  ExchangeProposed: ExchangeProposedData;
  ExchangeApproved: ExchangeApprovedData;
  ExchangeRejected: ExchangeRejectedData;
  ExchangeScheduled: ExchangeScheduledData;
  ExchangeImplemented: ExchangeImplementedData;
  ExchangeReported: ExchangeReportedData;
  FollowUpRecorded: FollowUpRecordedData;
  ExchangeClosed: ExchangeClosedData;
  ExchangeWithdrawn: ExchangeWithdrawnData;
}

/** A BCN event: its type and that type's data, one member per type. */
export type BcnEvent = EventUnion<BcnEventData, BcnEventType>;
