import type { Schema } from './openapi';

/** What a form holds while a person types: text as typed, booleans, lists and nested objects. */
export type FormValue = string | boolean | FormValue[] | { [field: string]: FormValue };
export type FormObject = { [field: string]: FormValue };

/** A message tied to one field, by its path as the API names it (`scores.impact`, `participants[2].name`). */
export interface FieldMessage {
  readonly field: string;
  readonly message: string;
}

/** A field's name in words: `hostInstitution` → "Host institution", `sendingNpo` → "Sending NPO". */
export function readable(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .split(' ')
    .map((word) => ({ npo: 'NPO', coe: 'COE', bcn: 'BCN', id: 'ID', gb: 'GB' })[word] ?? word);
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export const isDate = (schema: Schema): boolean => schema.format === 'date' || schema.pattern === '^\\d{4}(-\\d{2}(-\\d{2})?)?$';

/** The empty value a schema starts with (lists with their minimum of items, at least one item when required). */
export function emptyValue(schema: Schema, required = false): FormValue {
  if (schema.type === 'object' || schema.properties) return emptyObject(schema);
  if (schema.type === 'array') {
    const count = Math.max(schema.minItems ?? 0, required ? 1 : 0);
    return Array.from({ length: count }, () => emptyValue(schema.items ?? {}));
  }
  if (schema.type === 'boolean') return false;
  return '';
}

export function emptyObject(schema: Schema): FormObject {
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, emptyValue(property, required.has(name))]));
}

const blank = (value: FormValue | undefined): boolean =>
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(blank));

/** The request body: numbers read, blanks of optional fields left out (a blank required field is sent absent, for the API to name). */
export function bodyOf(schema: Schema, value: FormValue): unknown {
  if (schema.type === 'object' || schema.properties) {
    const object = (value ?? {}) as FormObject;
    const required = new Set(schema.required ?? []);
    const entries = Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
      const field = object[name];
      if (property.type === 'boolean') return field === true || required.has(name) ? [[name, field === true]] : [];
      if (blank(field)) return [];
      return [[name, bodyOf(property, field)]];
    });
    return Object.fromEntries(entries);
  }
  if (schema.type === 'array') return (Array.isArray(value) ? value : []).map((item) => bodyOf(schema.items ?? {}, item));
  if (schema.type === 'integer' || schema.type === 'number') return Number(String(value).trim());
  return typeof value === 'string' ? value.trim() : value;
}

/** What the schema says of the typed values, as the API would say it: every field at fault. */
export function check(schema: Schema, value: FormValue, path = ''): FieldMessage[] {
  const at = (name: string) => (path ? `${path}.${name}` : name);
  if (schema.type === 'object' || schema.properties) {
    const object = (value ?? {}) as FormObject;
    const required = new Set(schema.required ?? []);
    return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
      const field = object[name];
      if (property.type === 'boolean') return [];
      if (blank(field)) return required.has(name) ? [{ field: at(name), message: `${readable(name)} is required` }] : [];
      return check(property, field, at(name));
    });
  }
  if (schema.type === 'array') {
    const items = Array.isArray(value) ? value : [];
    const problems: FieldMessage[] = [];
    if (schema.minItems !== undefined && items.length < schema.minItems) problems.push({ field: path, message: `list at least ${schema.minItems}` });
    if (schema.maxItems !== undefined && items.length > schema.maxItems) problems.push({ field: path, message: `list at most ${schema.maxItems}` });
    items.forEach((item, i) => problems.push(...check(schema.items ?? {}, item, `${path}[${i}]`)));
    return problems;
  }
  const text = String(value).trim();
  if (schema.type === 'integer' || schema.type === 'number') {
    const n = Number(text);
    if (text === '' || Number.isNaN(n)) return [{ field: path, message: 'must be a number' }];
    if (schema.type === 'integer' && !Number.isInteger(n)) return [{ field: path, message: 'must be a whole number' }];
    if (schema.minimum !== undefined && n < schema.minimum) return [{ field: path, message: `must be at least ${schema.minimum}` }];
    if (schema.maximum !== undefined && n > schema.maximum) return [{ field: path, message: `must be at most ${schema.maximum}` }];
    return [];
  }
  if (schema.maxLength !== undefined && text.length > schema.maxLength) return [{ field: path, message: `must be at most ${schema.maxLength} characters` }];
  if (schema.pattern && !new RegExp(schema.pattern).test(text)) {
    const example = schema.example === undefined ? '' : `, e.g. ${String(schema.example)}`;
    return [{ field: path, message: isDate(schema) ? 'must be a date (YYYY-MM-DD)' : `is not in the expected form${example}` }];
  }
  return [];
}
