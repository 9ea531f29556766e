import { BusinessDate } from '../../shared/request-parts.dto';

/** Body of StartReview. */
export class StartReviewRequestDto {
  @BusinessDate()
  startedOn!: string;
}
