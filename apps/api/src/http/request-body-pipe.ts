import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { fieldProblems, type FieldSchema, type JsonObject } from '@apo/engine';
import { derivedSchemaOf } from './request-dto';

/**
 * Nest's ValidationPipe with a short way through for the bodies of derived request DTOs
 * (request-dto.ts) that break no rule: such a body is checked against the fields the class was
 * built from, with the same domain rule (`fieldProblems`) class-validator would ask, and answered
 * as the JSON object it is, without class-transformer building instances and class-validator
 * walking its metadata. Anything else (a body breaking a rule, a value of an unexpected shape, a
 * hand-written DTO, a query, a parameter) goes through ValidationPipe itself, so every refusal,
 * its messages and `fields[]` are ValidationPipe's. The short way is a stricter check than the
 * pipe's: every field's rule is asked (the pipe skips an absent optional one), at every level,
 * and no property but the fields may be there (forbidNonWhitelisted).
 */
export class RequestBodyPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype) {
      const fields = derivedSchemaOf(metadata.metatype);
      if (fields !== undefined && breaksNoRule(fields, value)) return Promise.resolve(value);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * True when `value` is a plain object holding only `fields` (at least one), each passing its rule,
 * and every object or list item a field holds does so in turn against its own fields. False also
 * where ValidationPipe might differ for another reason (an object no class rules, e.g. `{}` for a
 * class with no field): the pipe then decides.
 */
export function breaksNoRule(fields: readonly FieldSchema[], value: unknown): boolean {
  if (fields.length === 0 || !isPlainObject(value)) return false;
  const object = value as JsonObject;
  for (const key in object) if (!fields.some((f) => f.name === key)) return false;
  for (const field of fields) {
    const v = object[field.name];
    if (fieldProblems(field, v, object).length > 0) return false;
    if (v === undefined || v === null) continue;
    if (field.kind === 'object' && !breaksNoRule(field.fields ?? [], v)) return false;
    if (field.kind === 'list' && !(Array.isArray(v) && v.every((item) => breaksNoRule(field.fields ?? [], item)))) return false;
  }
  return true;
}

/** What JSON.parse makes of `{…}`. */
const isPlainObject = (value: unknown): boolean => typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
