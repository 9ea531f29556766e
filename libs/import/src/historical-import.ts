import { DomainError, requestHashOf, ValidationError, type Actor, type Command } from '@apo/engine';
import type { WorkflowService } from '@apo/workflow';
import type { ImportLine } from './import-file';

export interface ImportOptions {
  /** The workflow every line's instance belongs to (e.g. `coe-lifecycle`). */
  readonly definition: string;
  readonly actor: Actor;
  /** Decide every line, store nothing. */
  readonly dryRun?: boolean;
  /** A command appended after each instance's own lines (e.g. CompleteHistoricalEntry), if any. */
  readonly finish?: (instance: string) => Command | undefined;
  /** After each instance: how many are done of how many. */
  readonly onProgress?: (done: number, total: number) => void;
}

export type InstanceOutcome = 'imported' | 'unchanged' | 'refused' | 'would import';

/** What the import did with one instance; `refusal` names the line that stopped it. */
export interface InstanceReport {
  readonly instance: string;
  readonly outcome: InstanceOutcome;
  /** Commands appended (or, in a dry run, that would be) and already in the stream (a re-run). */
  readonly appended: number;
  readonly skipped: number;
  readonly state?: string;
  readonly refusal?: LineRefusal;
}

export interface LineRefusal {
  readonly line: number;
  readonly instance: string;
  readonly command: string;
  readonly code: string;
  readonly message: string;
  /** The fields at fault (a validation error), each with its message. */
  readonly fields?: readonly { readonly field: string; readonly message: string }[];
}

export interface ImportReport {
  readonly ok: boolean;
  readonly dryRun: boolean;
  readonly instances: readonly InstanceReport[];
  readonly refused: readonly LineRefusal[];
}

/**
 * The id that makes a line idempotent across runs: its content (command type and data) and
 * which occurrence of that content it is in its instance's lines. A re-run, or a second sitting
 * that repeats the first one's lines, finds them in the stream and skips them.
 */
export const importCommandId = (command: Command, occurrence: number): string => `import:${requestHashOf(command).slice(0, 32)}:${occurrence}`;

/**
 * Drives each instance's lines through its definition as commands, in file order, all or
 * nothing per instance (`WorkflowService.executeAll`): a refused line leaves its instance exactly
 * as it was, and names itself (line, field, code); the other instances go on.
 */
export async function importLines(service: WorkflowService, lines: readonly ImportLine[], options: ImportOptions): Promise<ImportReport> {
  const byInstance = new Map<string, ImportLine[]>();
  for (const line of lines) byInstance.set(line.instance, [...(byInstance.get(line.instance) ?? []), line]);
  const instances: InstanceReport[] = [];
  const refused: LineRefusal[] = [];
  let done = 0;
  for (const [instance, own] of byInstance) {
    const finish = options.finish?.(instance);
    const entries = finish ? [...own, { line: own[own.length - 1].line, instance, command: finish }] : own;
    const seen = new Map<string, number>();
    const commands = entries.map(({ command }) => {
      const key = importCommandId(command, 0);
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      return { command, commandId: importCommandId(command, occurrence) };
    });
    const report = await importInstance(service, instance, entries, commands, options);
    instances.push(report);
    if (report.refusal) refused.push(report.refusal);
    options.onProgress?.(++done, byInstance.size);
  }
  return { ok: refused.length === 0, dryRun: options.dryRun === true, instances, refused };
}

async function importInstance(
  service: WorkflowService,
  instance: string,
  entries: readonly ImportLine[],
  commands: readonly { command: Command; commandId: string }[],
  options: ImportOptions,
): Promise<InstanceReport> {
  const refusal = (index: number, error: unknown): InstanceReport => ({
    instance,
    outcome: 'refused',
    appended: 0,
    skipped: 0,
    refusal: refusalOf(entries[Math.max(0, index)], error),
  });
  try {
    const result = await service.executeAll({
      definition: options.definition,
      instanceId: instance,
      commands,
      actor: options.actor,
      correlationId: `import:${instance}`,
      dryRun: options.dryRun,
    });
    if (!result.ok) return refusal(result.index, result.error);
    const outcome: InstanceOutcome = result.appended === 0 ? 'unchanged' : options.dryRun ? 'would import' : 'imported';
    return { instance, outcome, appended: result.appended, skipped: result.skipped, state: result.view.state };
  } catch (error) {
    // A bad instance id, a stream refused for its integrity, a concurrent writer: the whole instance.
    if (error instanceof DomainError) return refusal(0, error);
    throw error;
  }
}

function refusalOf(line: ImportLine, error: unknown): LineRefusal {
  const base = { line: line.line, instance: line.instance, command: line.command.type };
  if (error instanceof ValidationError)
    return { ...base, code: error.code, message: error.message, fields: error.fields.map((f) => ({ field: f.field, message: f.message })) };
  if (error instanceof DomainError) return { ...base, code: error.code, message: error.message };
  return { ...base, code: 'IMPORT.FAILED', message: error instanceof Error ? error.message : String(error) };
}
