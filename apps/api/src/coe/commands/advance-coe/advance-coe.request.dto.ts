import { BusinessDate } from '../../shared/request-parts.dto';

/** Body of AdvanceCoe. */
export class AdvanceCoeRequestDto {
  @BusinessDate()
  advancedOn!: string;
}
