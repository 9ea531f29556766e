import { BusinessDate } from './coe-request-parts';

/** Body of StartReview. */
export class StartReviewRequestDto {
  @BusinessDate()
  startedOn!: string;
}
