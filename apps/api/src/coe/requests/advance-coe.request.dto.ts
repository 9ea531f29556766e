import { BusinessDate } from './coe-request-parts';

/** Body of AdvanceCoe. */
export class AdvanceCoeRequestDto {
  @BusinessDate()
  advancedOn!: string;
}
