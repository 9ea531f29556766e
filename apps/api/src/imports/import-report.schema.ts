import { arrayOf, bool, int, named, object, str } from '../http/openapi-schema';

const REFUSAL = named(
  'ImportLineRefusal',
  object(
    { line: int({ description: 'Line number, from 1' }), instance: str(), command: str(), code: str(), message: str() },
    { fields: arrayOf(object({ field: str(), message: str() }), { description: 'The fields at fault (a validation error)' }) },
  ),
);

/** POST /imports: what happened to each COE, and every refused line. */
export const IMPORT_REPORT = named(
  'ImportReport',
  object({
    ok: bool(),
    dryRun: bool(),
    instances: arrayOf(
      object(
        { instance: str(), outcome: str({ enum: ['imported', 'unchanged', 'refused', 'would import'] }), appended: int(), skipped: int() },
        { state: str(), refusal: REFUSAL },
      ),
    ),
    refused: arrayOf(REFUSAL),
  }),
);
