import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { refusal, useSession } from '../api';
import { bodyOf, check, emptyObject, type FieldMessage, type FormObject } from '../forms/form-values';
import type { CommandOperation } from '../forms/openapi';
import { readAgain } from '../forms/use-openapi';
import { fieldId, ObjectFields } from '../forms/schema-fields';
import type { Problem } from '../query';
import './command-form.css';

/** What a submission came to: recorded (with the instance's new revision), or refused with what to show. */
type Outcome = { kind: 'stale'; actual?: number } | { kind: 'refused'; detail: string; fields: FieldMessage[] };

/** A key for one intended submission: the API records a command once per key, so a retry or a double click never records twice. */
const newIdempotencyKey = (): string =>
  (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`).replace(/[^A-Za-z0-9._:-]/g, '');

export interface CommandFormProps {
  readonly command: CommandOperation;
  /** The instance the command acts on (typed by the person when `creating`). */
  readonly id: string;
  /** The instance's revision when the form opened: sent as If-Match, so a change by someone else meanwhile is refused (412). */
  readonly revision?: number;
  /** Refetches the instance after a stale-edit refusal; resolves when its newest revision is shown. */
  readonly onReload?: () => Promise<unknown>;
  readonly onDone: (answer: { id: string; revision: number }) => void;
  readonly onCancel?: () => void;
  /** Fields before the command's own (the new instance's id), and a note under a field by its path (limits as the person types). */
  readonly lead?: (errors: ReadonlyMap<string, string>) => ReactNode;
  readonly note?: (values: FormObject, path: string) => ReactNode;
  /** Checks of fields outside the schema (the new instance's id): messages by field path. */
  readonly extraCheck?: () => FieldMessage[];
  readonly submitLabel?: string;
  /** How the stale-edit message names the instance: "COE", "BCN exchange". */
  readonly noun?: string;
  /** The form title's heading level under the page's headings. */
  readonly level?: 2 | 3;
}

/**
 * A command as a form built from its request schema: client-side limits from the schema, then
 * `POST` with If-Match and an Idempotency-Key kept until the command is recorded. The API's
 * problem+json lands beside each field it names, its detail at the top; a 412 offers a reload
 * that keeps what was typed.
 */
export function CommandForm({
  command,
  id,
  revision,
  onReload,
  onDone,
  onCancel,
  lead,
  note,
  extraCheck,
  submitLabel = 'Record',
  noun = 'COE',
  level = 3,
}: CommandFormProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const { key } = useSession();
  const queryClient = useQueryClient();
  // Field ids are `<prefix>-<path>` (single hyphens, see fieldId); the form's own ids use `--`, so no field name can collide with them.
  const prefix = `form-${command.operationId}`;
  const [values, setValues] = useState<FormObject>(() => emptyObject(command.schema));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [base, setBase] = useState(revision);
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const fields = outcome?.kind === 'refused' ? outcome.fields : [];
  const errors = new Map(fields.map((f) => [f.field, f.message]));

  // An opened form takes the focus at its first field: a keyboard user types straight away.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);

  // After a refusal, focus the first field at fault (or the message at the top when none is named).
  useEffect(() => {
    if (!outcome) return;
    const first = outcome.kind === 'refused' ? outcome.fields.find((f) => document.getElementById(fieldId(prefix, f.field))) : undefined;
    (first ? document.getElementById(fieldId(prefix, first.field)) : summaryRef.current)?.focus();
  }, [outcome, prefix]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    const local = [...(extraCheck?.() ?? []), ...check(command.schema, values)];
    if (local.length > 0) {
      setOutcome({ kind: 'refused', detail: `Check ${local.length === 1 ? 'the field' : `the ${local.length} fields`} marked below.`, fields: local });
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setOutcome(undefined);
    try {
      const response = await fetch(command.path.replace('{id}', encodeURIComponent(id)), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          ...(base === undefined ? {} : { 'if-match': `"${base}"` }),
        },
        body: JSON.stringify(bodyOf(command.schema, values)),
      });
      if (response.ok) {
        const answer = (await response.json()) as { id: string; revision: number };
        // The instance, its history, deadlines and the lists it appears in: all read again.
        await readAgain(queryClient);
        onDone(answer);
        return;
      }
      if (response.status === 412) {
        const problem = (await response.json().catch(() => undefined)) as { actual?: unknown } | undefined;
        // `actual`: the revision now current (sent as a number or a numeric string).
        const actual = Number(problem?.actual);
        setOutcome({ kind: 'stale', actual: Number.isInteger(actual) ? actual : undefined });
        return;
      }
      const problem = (await response.json().catch(() => undefined)) as (Problem & { field?: string }) | undefined;
      const named = problem?.fields ?? (typeof problem?.field === 'string' ? [{ field: problem.field, message: problem.detail }] : []);
      setOutcome({ kind: 'refused', detail: refusal(response.status, problem?.detail), fields: named });
    } catch {
      setOutcome({ kind: 'refused', detail: 'The server cannot be reached. Nothing was lost: try again (it will be recorded once).', fields: [] });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  // The reload shows the instance as it is now; the form then goes on from the revision the refusal named (the newest then).
  const reload = async () => {
    const actual = outcome?.kind === 'stale' ? outcome.actual : undefined;
    await onReload?.();
    setBase(Math.max(actual ?? 0, revision ?? 0));
    setOutcome(undefined);
  };

  const unplaced = fields.filter((f) => !document.getElementById(fieldId(prefix, f.field)));
  return (
    <form ref={formRef} className="command-form" noValidate onSubmit={submit} aria-labelledby={`${prefix}--heading`}>
      <Heading id={`${prefix}--heading`}>{command.summary}</Heading>
      {command.description && <p className="help">{command.description.replace(/`/g, '')}</p>}
      <div ref={summaryRef} tabIndex={-1} className="form-summary">
        {outcome?.kind === 'stale' && (
          <div role="alert" className="problem">
            <p>This {noun} was changed by someone else since you opened it.</p>
            <p>Reload it to see what changed; what you typed here is kept.</p>
            <button type="button" onClick={() => void reload()}>
              Reload
            </button>
          </div>
        )}
        {outcome?.kind === 'refused' && (
          <div role="alert" className="problem">
            <p>{outcome.detail}</p>
            {unplaced.length > 0 && (
              <ul>
                {unplaced.map((f) => (
                  <li key={`${f.field}:${f.message}`}>
                    {f.field}: {f.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {lead?.(errors)}
      <ObjectFields
        schema={command.schema}
        value={values}
        onChange={setValues}
        path=""
        context={{ idPrefix: prefix, errors, note: note && ((path) => note(values, path)) }}
      />
      <div className="form-actions">
        <button type="submit" disabled={busy} aria-disabled={busy}>
          {busy ? 'Recording…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** For `React.lazy`: the form and what it imports load only when a person opens one. */
export default CommandForm;
