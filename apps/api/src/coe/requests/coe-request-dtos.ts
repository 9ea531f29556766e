import type { Type } from '@nestjs/common';
import { inputSchema, type AnyWorkflowDefinition, type CommandSpec, type FieldSchema } from '@apo/engine';
import { requestDtos, type FieldDocs } from '../../http/request-dto';
import { CorrectRecordRequestDto } from './correct-record.request.dto';
import { ExtendPhaseRequestDto } from './extend-phase.request.dto';

/**
 * The COE commands whose body no one reader describes: ExtendPhase's route takes a version 1 or a
 * version 2 extension; CorrectRecord's `changes` are read field by field once the target is known.
 */
const HAND_WRITTEN: Record<string, Type> = { ExtendPhase: ExtendPhaseRequestDto, CorrectRecord: CorrectRecordRequestDto };

/** The routes serve COEs of both definition versions; the latest's reader allows partial dates. */
const VERSION_1_DATES = 'On a COE recorded on definition version 1 (`definitionVersion` of GET /coes/{id}): YYYY-MM-DD only.';

/**
 * The request body of each COE command with a route, by command type: derived from the command's
 * reader (definition version 2, the latest) but for the hand-written ones; every business date
 * says what version 1 takes.
 */
export function coeRequestDtos(definition: AnyWorkflowDefinition): Record<string, Type> {
  return requestDtos(definition, HAND_WRITTEN, version1Dates);
}

function version1Dates(_type: string, spec: CommandSpec): FieldDocs {
  const prose = spec.http?.fields ?? {};
  const dates = (fields: readonly FieldSchema[], at: string): string[] =>
    fields.flatMap((f) => (f.kind === 'businessDate' ? [at + f.name] : dates(f.fields ?? [], `${at}${f.name}.`)));
  return Object.fromEntries(
    dates(spec.input ? inputSchema(spec.input) : [], '').map((path) => {
      const own = prose[path]?.description;
      return [path, { ...prose[path], description: own ? `${own}. ${VERSION_1_DATES}` : VERSION_1_DATES }];
    }),
  );
}
