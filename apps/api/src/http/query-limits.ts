import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { INPUT_LIMITS } from '@apo/engine';

/** A decimal global log position that fits the stores' signed 64-bit integers (docs/input-policy.md). */
export const isLogPosition = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= INPUT_LIMITS.position;

/** `offset` of a list: 0 to INPUT_LIMITS.offset (a larger one reached SQLite as a float: 500). */
export const OffsetQuery = () =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 0, maximum: INPUT_LIMITS.offset, default: 0 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(INPUT_LIMITS.offset),
  );

/** A log position given as text (query or body), checked by `isLogPosition`. */
export const IsLogPosition = (message: string) =>
  ValidateBy({ name: 'isLogPosition', validator: { validate: isLogPosition, defaultMessage: () => `${message}, at most ${INPUT_LIMITS.position}` } });
