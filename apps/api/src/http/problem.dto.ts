import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldProblemDto {
  @ApiProperty({ example: 'scores.impact' }) field!: string;
  @ApiProperty({ example: 'impact must not be greater than 5' }) message!: string;
}

/** application/problem+json as every error is returned. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:apo:problem:illegal_transition' }) type!: string;
  @ApiProperty({ example: 'Conflict' }) title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty({ description: 'Stable machine-readable code', example: 'ILLEGAL_TRANSITION' }) code!: string;
  @ApiProperty() detail!: string;
  @ApiProperty({ example: '/coes/th-1/advance' }) instance!: string;
  @ApiPropertyOptional({ type: [FieldProblemDto] }) fields?: FieldProblemDto[];
  @ApiPropertyOptional({ type: [String], description: 'With ILLEGAL_TRANSITION: the events allowed now' }) allowedEvents?: string[];
}
