import { parse } from 'csv-parse/sync';
import { jsonInputProblems, textProblem, type Command, type JsonObject } from '@apo/engine';

/** One command of a portfolio file: which instance, what, and where it was read (1-based line). */
export interface ImportLine {
  readonly line: number;
  readonly instance: string;
  readonly command: Command;
}

/** A line that could not be read as a command (the whole file is refused then: nothing is run). */
export interface LineProblem {
  readonly line: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export type ImportFormat = 'jsonl' | 'csv';

export interface ParsedFile {
  readonly lines: readonly ImportLine[];
  readonly problems: readonly LineProblem[];
}

const MAX_LINES = 100_000;
const problem = (line: number, field: string, message: string): LineProblem => ({ line, field, code: 'IMPORT.BAD_LINE', message });

/**
 * Reads a portfolio file (docs/import.md): JSON Lines, one `{"instance","command","data"}` object
 * per line (blank lines and lines starting with `#` skipped), or CSV with a header `instance,
 * command` and one column per data field, dotted for nested fields (`hostInstitution.name`).
 * CSV cells are text unless the column says otherwise: `scores.competency:number`, `:boolean`,
 * or `:json` (an array or object written as JSON); an empty cell is no field.
 */
export function parseImportFile(text: string, format: ImportFormat): ParsedFile {
  return format === 'csv' ? parseCsv(text) : parseJsonLines(text);
}

/** Lines already parsed (a JSON body's array of `{"instance","command","data"}`), numbered from 1. */
export function readImportLines(values: readonly unknown[]): ParsedFile {
  const lines: ImportLine[] = [];
  const problems: LineProblem[] = [];
  values.forEach((value, i) => read(i + 1, value, lines, problems));
  return { lines, problems };
}

function parseJsonLines(text: string): ParsedFile {
  const lines: ImportLine[] = [];
  const problems: LineProblem[] = [];
  const rows = text.split(/\r?\n/);
  if (rows.length > MAX_LINES) return { lines, problems: [problem(MAX_LINES + 1, 'file', `has more than ${MAX_LINES} lines: split it`)] };
  rows.forEach((row, i) => {
    const trimmed = row.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      problems.push(problem(i + 1, 'line', `is not JSON (${(error as Error).message})`));
      return;
    }
    read(i + 1, value, lines, problems);
  });
  return { lines, problems };
}

function parseCsv(text: string): ParsedFile {
  const lines: ImportLine[] = [];
  const problems: LineProblem[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, info: true, skip_empty_lines: true, bom: true, trim: true, max_record_size: 1_000_000, to_line: MAX_LINES + 1 });
  } catch (error) {
    const e = error as { message: string; lines?: number };
    return { lines, problems: [problem(e.lines ?? 1, 'file', `is not CSV: ${e.message}`)] };
  }
  for (const { record, info } of records) {
    const data: Record<string, unknown> = {};
    let bad: LineProblem | undefined;
    for (const [column, cell] of Object.entries(record)) {
      if (column === 'instance' || column === 'command' || cell === '') continue;
      const [path, type = 'text'] = column.split(':');
      const value = cellValue(cell, type);
      if (value === undefined)
        bad ??= problem(
          info.lines,
          path,
          `must be ${type === 'json' ? 'JSON' : `a ${type}`} (the column is ${column}), not ${JSON.stringify(cell.slice(0, 40))}`,
        );
      else if (!setPath(data, path.split('.'), value))
        bad ??= problem(info.lines, path, 'is a column that collides with another one (a field and its sub-field)');
    }
    if (bad) problems.push(bad);
    else read(info.lines, { instance: record.instance, command: record.command, data }, lines, problems);
  }
  return { lines, problems };
}

/** Checks one line's shape; the command's own fields are the definition's to judge. */
function read(line: number, value: unknown, lines: ImportLine[], problems: LineProblem[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return void problems.push(problem(line, 'line', 'must be an object {"instance","command","data"}'));
  const { instance, command, data, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) return void problems.push(problem(line, JSON.stringify(extra[0]), 'is not a field of a line (instance, command, data)'));
  for (const [field, text] of [
    ['instance', instance],
    ['command', command],
  ] as const) {
    if (typeof text !== 'string' || text === '' || text.length > 100)
      return void problems.push(problem(line, field, 'must be a string of 1 to 100 characters'));
    const policy = textProblem(text);
    if (policy) return void problems.push(problem(line, field, policy));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return void problems.push(problem(line, 'data', 'must be an object'));
  const [policy] = jsonInputProblems(data, 'data', 1);
  if (policy) return void problems.push(problem(line, policy.field, policy.message));
  lines.push({ line, instance: instance as string, command: { type: command as string, data: data as JsonObject } });
}

/** A cell as its column's type says; undefined when it is not one. */
function cellValue(cell: string, type: string): unknown {
  switch (type) {
    case 'text':
      return cell;
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : undefined;
    case 'boolean':
      return cell === 'true' ? true : cell === 'false' ? false : undefined;
    case 'json':
      try {
        return JSON.parse(cell) as unknown;
      } catch {
        return undefined;
      }
    default:
      return undefined;
  }
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): boolean {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === undefined) node = node[key] = {} as Record<string, unknown>;
    else if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
    else return false;
  }
  const last = path[path.length - 1];
  if (node[last] !== undefined) return false;
  node[last] = value;
  return true;
}
