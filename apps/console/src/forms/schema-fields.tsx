import type { ReactNode } from 'react';
import { emptyValue, isDate, readable, type FormObject, type FormValue } from './form-values';
import type { Schema } from './openapi';

/** What every field of one form shares: its id prefix, the messages by field path, and a note to show under a field (a count, a mean). */
export interface FieldContext {
  readonly idPrefix: string;
  readonly errors: ReadonlyMap<string, string>;
  readonly note?: (path: string) => ReactNode;
}

/** The id of the input of a field path (`participants[0].name` → `<prefix>-participants-0-name`), for labels, focus and errors. */
export const fieldId = (prefix: string, path: string): string => `${prefix}-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;

/** The fields of an object schema: one per property, in the schema's order. */
export function ObjectFields({
  schema,
  value,
  onChange,
  path,
  context,
}: {
  schema: Schema;
  value: FormObject;
  onChange: (value: FormObject) => void;
  path: string;
  context: FieldContext;
}) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, property]) => (
        <Field
          key={name}
          name={name}
          schema={property}
          required={required.has(name)}
          value={value[name]}
          onChange={(next) => onChange({ ...value, [name]: next })}
          path={path ? `${path}.${name}` : name}
          context={context}
        />
      ))}
    </>
  );
}

interface FieldProps {
  name: string;
  schema: Schema;
  required: boolean;
  value: FormValue | undefined;
  onChange: (value: FormValue) => void;
  path: string;
  context: FieldContext;
}

/** One field: a fieldset for an object, a repeatable group for a list, an input otherwise; help and its message below it. */
function Field(props: FieldProps) {
  const { name, schema, required, path, context } = props;
  const id = fieldId(context.idPrefix, path);
  const error = context.errors.get(path);
  const note = context.note?.(path);
  const help = helpOf(schema);
  const described = [help && `${id}-help`, note && `${id}-note`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const extras = (
    <>
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {note && (
        <p className="note" id={`${id}-note`} aria-live="polite">
          {note}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </>
  );
  const legend = `${readable(name)}${required ? '' : ' (optional)'}`;
  if (schema.type === 'object' || schema.properties) {
    return (
      <fieldset id={id} aria-describedby={described} tabIndex={-1} className={numbersOnly(schema) ? 'numbers' : undefined}>
        <legend>{legend}</legend>
        {extras}
        <ObjectFields schema={schema} value={(props.value ?? {}) as FormObject} onChange={props.onChange} path={path} context={context} />
      </fieldset>
    );
  }
  if (schema.type === 'array') return <ListField {...props} id={id} legend={legend} described={described} extras={extras} />;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      {schema.type === 'boolean' ? (
        <label className="check">
          <input id={id} type="checkbox" checked={props.value === true} onChange={(e) => props.onChange(e.target.checked)} aria-describedby={described} />{' '}
          {readable(name)}
        </label>
      ) : (
        <>
          <label htmlFor={id}>{legend}</label>
          <Input
            id={id}
            schema={schema}
            required={required}
            value={String(props.value ?? '')}
            onChange={props.onChange}
            described={described}
            invalid={!!error}
          />
        </>
      )}
      {extras}
    </div>
  );
}

/** A list: each item a group (or one input) with its Remove button; Add below, within the schema's bounds. */
function ListField({
  name,
  schema,
  value,
  onChange,
  path,
  context,
  id,
  legend,
  described,
  extras,
}: FieldProps & { id: string; legend: string; described?: string; extras: ReactNode }) {
  const items = Array.isArray(value) ? value : [];
  const item = schema.items ?? {};
  const noun = readable(name).replace(/s$/, '').toLowerCase();
  const set = (i: number, next: FormValue) => onChange(items.map((old, j) => (j === i ? next : old)));
  const objects = item.type === 'object' || item.properties !== undefined;
  return (
    <fieldset id={id} aria-describedby={described} tabIndex={-1} className="list">
      <legend>{legend}</legend>
      {extras}
      <ol>
        {items.map((entry, i) => {
          const at = `${path}[${i}]`;
          const label = `${readable(noun)} ${i + 1}`;
          return (
            <li key={i}>
              {objects ? (
                <fieldset>
                  <legend>{label}</legend>
                  <ObjectFields schema={item} value={entry as FormObject} onChange={(next) => set(i, next)} path={at} context={context} />
                </fieldset>
              ) : (
                <div className="field">
                  <label htmlFor={fieldId(context.idPrefix, at)}>{label}</label>
                  <Input
                    id={fieldId(context.idPrefix, at)}
                    schema={item}
                    required
                    value={String(entry)}
                    onChange={(next) => set(i, next)}
                    invalid={context.errors.has(at)}
                  />
                  {context.errors.has(at) && (
                    <p className="field-error" role="alert">
                      {context.errors.get(at)}
                    </p>
                  )}
                </div>
              )}
              <button
                type="button"
                className="secondary"
                onClick={() => onChange(items.filter((_, j) => j !== i))}
                aria-label={`Remove ${label.toLowerCase()}`}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      {(schema.maxItems === undefined || items.length < schema.maxItems) && (
        <button type="button" className="secondary" onClick={() => onChange([...items, emptyValue(item)])}>
          Add {noun}
        </button>
      )}
    </fieldset>
  );
}

/** The input a leaf schema calls for: a select for an enum, a date picker, a number, a long text or a line. */
function Input({
  id,
  schema,
  required,
  value,
  onChange,
  described,
  invalid,
}: {
  id: string;
  schema: Schema;
  required: boolean;
  value: string;
  onChange: (value: string) => void;
  described?: string;
  invalid: boolean;
}) {
  const common = { id, name: id, required, value, 'aria-describedby': described, 'aria-invalid': invalid || undefined };
  if (schema.enum) {
    return (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {schema.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {/^[A-Z]{2}$/.test(String(option)) ? String(option) : readable(String(option))}
          </option>
        ))}
      </select>
    );
  }
  if (isDate(schema)) return <input {...common} type="date" onChange={(e) => onChange(e.target.value)} />;
  if (schema.type === 'integer' || schema.type === 'number') {
    return (
      <input
        {...common}
        type="number"
        inputMode={schema.type === 'integer' ? 'numeric' : 'decimal'}
        step={schema.type === 'integer' ? 1 : 'any'}
        min={schema.minimum}
        max={schema.maximum}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  if ((schema.maxLength ?? 0) > 300) return <textarea {...common} rows={3} maxLength={schema.maxLength} onChange={(e) => onChange(e.target.value)} />;
  return <input {...common} type="text" maxLength={schema.maxLength} onChange={(e) => onChange(e.target.value)} />;
}

/** The help under a field: its description, its limits in words, an example. */
function helpOf(schema: Schema): string | undefined {
  const parts: string[] = [];
  // A business date's description explains partial dates for imports and version 1 COEs: the date picker takes a full date.
  // The API's codes in parentheses ("(409 BCN.UNKNOWN_ECONOMY for a non-member)") are for programmers: the refusal itself says it in words.
  const description = schema.description?.replace(/`/g, '').replace(/\s*\((?:\d{3} )?[A-Z]+\.[A-Z_]+[^)]*\)/g, '');
  if (description && !(isDate(schema) && description.includes('A business date as known'))) parts.push(description);
  if (schema.type === 'integer' || schema.type === 'number') {
    if (schema.minimum !== undefined && schema.maximum !== undefined) parts.push(`From ${schema.minimum} to ${schema.maximum}.`);
  } else if (schema.maxLength !== undefined && schema.maxLength > 0 && schema.type === 'string' && !schema.enum && !isDate(schema)) {
    parts.push(`Up to ${schema.maxLength} characters.`);
  }
  if (schema.type === 'array' && schema.maxItems !== undefined) parts.push(`${schema.minItems ?? 0} to ${schema.maxItems} items.`);
  if (schema.example !== undefined && typeof schema.example !== 'object' && !isDate(schema)) parts.push(`Example: ${String(schema.example)}`);
  const text = parts.map((p) => (/[.!?:]$/.test(p) ? p : `${p}.`)).join(' ');
  return text || undefined;
}

/** An object of numbers only (an assessment's five scores): laid out side by side where there is room. */
const numbersOnly = (schema: Schema): boolean => {
  const properties = Object.values(schema.properties ?? {});
  return properties.length > 1 && properties.every((p) => p.type === 'integer' || p.type === 'number');
};
