import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { PUBLICATION_KINDS } from '@apo/coe';
import { BusinessDate } from './coe-request-parts';

/** Body of RecordPublication. */
export class RecordPublicationRequestDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  publicationId!: string;

  @ApiProperty({ enum: PUBLICATION_KINDS })
  @IsIn(PUBLICATION_KINDS)
  kind!: string;

  @ApiProperty({ maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @BusinessDate()
  date!: string;
}
