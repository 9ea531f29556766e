import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '@apo/audit';

export class ExportEventsRequestDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, description: 'jsonl (application/x-ndjson) or csv (text/csv); default from Accept, else jsonl' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}
