import type { ReactNode } from 'react';

/**
 * A personal value (issue #23: a BCN participant's name and position) as the API sends it: the clear string to
 * assessors and admins; `{ $erased: 1, subject }` once the person's key was destroyed on request (for good);
 * `{ $withheld: 1, subject }` to a role that may not see personal data (auditor, reporter); and on the audit routes
 * the stored form `{ $personal: 1, subject, stream, type, path, iv, ct, tag }` (sealed ciphertext).
 */
export type PersonalMarker = 'erased' | 'withheld' | 'sealed';

/** What a reader is told for each marker: the label on screen and its tooltip. */
export const PERSONAL_WORDS: Readonly<Record<PersonalMarker, { readonly label: string; readonly title: string }>> = {
  erased: { label: 'erased', title: 'Erased on request: this person’s data was destroyed' },
  withheld: { label: 'withheld', title: 'Personal data: not shown to your role' },
  sealed: { label: 'sealed personal data', title: 'Personal data as stored: encrypted, readable only with the person’s key' },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Which marker `value` is, or undefined for anything else (a clear string included). */
export function personalMarker(value: unknown): PersonalMarker | undefined {
  if (!isRecord(value)) return undefined;
  if (value.$erased === 1) return 'erased';
  if (value.$withheld === 1) return 'withheld';
  if (value.$personal === 1) return 'sealed';
  return undefined;
}

/** Any value as one line of text: a marker as its label, empty as a dash, a nested value as JSON (never "[object Object]"). */
export function personalText(value: unknown): string {
  const marker = personalMarker(value);
  if (marker) return PERSONAL_WORDS[marker].label;
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Any value where personal data may be: a clear value as text, a marker as a labelled span explaining itself. */
export function PersonalValue({ value }: { value: unknown }) {
  const marker = personalMarker(value);
  if (!marker) return <>{personalText(value)}</>;
  const { label, title } = PERSONAL_WORDS[marker];
  return (
    <span className={`personal-${marker}`} title={title}>
      {label}
    </span>
  );
}

/**
 * A value as JSON (indented by `indent`), each personal marker in it shown as a `PersonalValue` instead of its object
 * (the sealed form's ciphertext included: the raw download keeps it).
 */
export function PersonalJson({ value, indent = 2 }: { value: unknown; indent?: number }) {
  const markers: unknown[] = [];
  const token = `personal-${Math.random().toString(36).slice(2)}-`;
  const json = JSON.stringify(value, (_key, field: unknown) => (personalMarker(field) ? `${token}${markers.push(field) - 1}` : field), indent) ?? 'undefined';
  const parts: ReactNode[] = json.split(new RegExp(`"${token}(\\d+)"`));
  // split with a capture group: text, index, text, index, …, text.
  for (let i = 1; i < parts.length; i += 2) parts[i] = <PersonalValue key={i} value={markers[Number(parts[i])]} />;
  return <>{parts}</>;
}

/**
 * `value` as it reads once the subjects in `erased` were erased: each sealed value of theirs becomes the erased
 * marker (for display: the history's events stay as stored, and so does their raw download).
 */
export function withErased(value: unknown, erased: readonly string[]): unknown {
  if (erased.length === 0 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => withErased(item, erased));
  const record = value as Record<string, unknown>;
  if (record.$personal === 1 && typeof record.subject === 'string' && erased.includes(record.subject)) return { $erased: 1, subject: record.subject };
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, withErased(v, erased)]));
}
