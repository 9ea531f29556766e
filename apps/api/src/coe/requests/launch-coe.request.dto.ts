import { BusinessDate } from './coe-request-parts';

/** Body of LaunchCoe. */
export class LaunchCoeRequestDto {
  @BusinessDate({ example: '2026-01-15', description: 'The actual launch (it may differ from the planned date)' })
  launchedOn!: string;
}
