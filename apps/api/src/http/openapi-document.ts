import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, PathItemObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { namedSchemas } from './openapi-schema';
import { ProblemDto } from './problem.dto';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

const INFO = new DocumentBuilder()
  .setTitle('APO programme workflow API')
  .setDescription('COE life cycle and BCN exchange commands and queries, reports and audit. Errors are application/problem+json with a stable `code`.')
  .setVersion('1')
  .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
  .build();

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Problems any route may answer, those of a route with parameters or a body, and of a route behind the API key guard and the rate limit. */
const ANY_ROUTE: Record<string, string> = { 500: 'INTERNAL: an unexpected error (logged, never echoed)' };
const VALIDATED_ROUTE: Record<string, string> = { 400: 'VALIDATION_FAILED: `fields` names every bad parameter' };
const GUARDED_ROUTE: Record<string, string> = {
  401: 'UNAUTHENTICATED: no or unknown API key',
  403: 'FORBIDDEN: the role may not use this route',
  429: 'RATE_LIMITED',
};

const problem = (description: string): ResponseObject => ({ description, content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } } });

/**
 * Every error response of an operation as the problem details filter sends it: the problem
 * schema as application/problem+json (decorators say `type: ProblemDto`, which Nest documents
 * as application/json), plus the problems every route (or every validated or guarded one) may answer.
 */
function withProblems(operation: OperationObject): void {
  const responses = operation.responses;
  for (const [status, response] of Object.entries(responses)) {
    const answer = response as ResponseObject;
    const json = answer.content?.['application/json'];
    if (Number(status) >= 400 && json?.schema && '$ref' in json.schema && json.schema.$ref === getSchemaPath(ProblemDto))
      responses[status] = problem(answer.description);
  }
  const guarded = (operation.security ?? []).length > 0;
  const validated = (operation.parameters ?? []).length > 0 || operation.requestBody !== undefined;
  const implied = { ...(validated ? VALIDATED_ROUTE : {}), ...(guarded ? GUARDED_ROUTE : {}), ...ANY_ROUTE };
  for (const [status, description] of Object.entries(implied)) responses[status] ??= problem(description);
}

/** The OpenAPI document `/docs-json` serves, with the named answer schemas and problem+json errors. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, INFO, { extraModels: [ProblemDto] });
  const schemas = { ...document.components?.schemas, ...namedSchemas() };
  // RFC 9457 extension members: the error's details (allowedEvents, expected, actual, streamId...) beside the declared ones.
  schemas[ProblemDto.name] = { ...schemas[ProblemDto.name], additionalProperties: true };
  document.components = { ...document.components, schemas };
  for (const item of Object.values(document.paths) as PathItemObject[]) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) withProblems(operation);
    }
  }
  return document;
}
