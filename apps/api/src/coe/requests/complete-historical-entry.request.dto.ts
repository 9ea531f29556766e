import { BusinessDate } from './coe-request-parts';

/** Body of CompleteHistoricalEntry. */
export class CompleteHistoricalEntryRequestDto {
  @BusinessDate({ example: '2026-12-01', description: 'The date the records were brought up to: not before the latest fact recorded, not in the future' })
  upToDate!: string;
}
