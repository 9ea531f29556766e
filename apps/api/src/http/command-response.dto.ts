import { ApiProperty } from '@nestjs/swagger';
import { IDEMPOTENT_REPLAYED, LOG_POSITION } from './response-headers';

/** What every command answers. */
export class CommandResponseDto {
  @ApiProperty({ example: 'th-digital-2025' }) id!: string;
  @ApiProperty({ description: 'Revision of the stream after the command (use it in If-Match)', example: 3 }) revision!: number;
  @ApiProperty({ example: 'active.delivery.year1' }) state!: string;
  @ApiProperty({ type: [String], example: ['AssessmentRecorded', 'CoeSuspended'] }) allowedEvents!: string[];
  /** Sent as the X-Log-Position header, not in the body. */
  [LOG_POSITION]?: string;
  /** Sent as `Idempotent-Replayed: true`, not in the body. */
  [IDEMPOTENT_REPLAYED]?: boolean;
}
