import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class VerifyStoreRequestDto {
  @ApiPropertyOptional({ description: 'A filed seal digest (GET /audit/seal): also prove nothing was appended or removed since', example: 'a3f5…(64 hex)' })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'must be a sha256 digest: 64 hexadecimal characters' })
  seal?: string;
}
