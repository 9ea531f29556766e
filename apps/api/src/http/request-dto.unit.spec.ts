import 'reflect-metadata';
import { Body, Controller, Module, Post, ValidationPipe, type Type as Class } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ValidationError as ClassValidationError } from 'class-validator';
import { createCoeDefinitionV2 } from '@apo/coe';
import type { CommandSpec } from '@apo/engine';
import { requestDtoFor } from './request-dto';

const coe = createCoeDefinitionV2();
const terminate = requestDtoFor(coe, 'TerminateCoe', {
  reason: { description: 'Why the COE ends' },
  'governingBody.meeting': { example: '65th Governing Body Meeting, Manila' },
});

/** The OpenAPI document of one POST route taking `dto`, as SwaggerModule builds it. */
async function documentOf(dto: Class<object>): Promise<OpenAPIObject> {
  @Controller('coes')
  class Routes {
    @Post('termination')
    terminate(@Body() body: object): object {
      return body;
    }
  }
  Reflect.defineMetadata('design:paramtypes', [dto], Routes.prototype, 'terminate');
  @Module({ controllers: [Routes] })
  class Api {}
  const app = await NestFactory.create(Api, new FastifyAdapter(), { logger: false });
  try {
    return SwaggerModule.createDocument(app, new DocumentBuilder().build());
  } finally {
    await app.close();
  }
}

/** The bad fields' paths as bootstrap.ts's ValidationPipe names them (null: accepted). */
async function refused(dto: Class<object>, body: object): Promise<string[] | null> {
  const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: (errors) => errors });
  const paths = (errors: ClassValidationError[], prefix = ''): string[] =>
    errors.flatMap((e) => [
      ...(e.constraints ? [`${prefix}${e.property}: ${Object.values(e.constraints).join('; ')}`] : []),
      ...paths(e.children ?? [], `${prefix}${e.property}.`),
    ]);
  try {
    await pipe.transform(body, { type: 'body', metatype: dto });
    return null;
  } catch (errors) {
    return paths(errors as ClassValidationError[]).sort();
  }
}

describe('requestDtoFor: a command request DTO from the domain reader', () => {
  it('is one class per definition and command', () => {
    expect(requestDtoFor(coe, 'TerminateCoe')).toBe(terminate);
    expect(terminate.name).toBe('TerminateCoeRequestDto');
    expect(() => requestDtoFor(coe, 'CorrectRecord')).toThrow(/keep its hand-written request DTO/);
    expect(() => requestDtoFor(coe, 'Nope')).toThrow(/has no command Nope/);
  });

  it("answers a bad body with every bad field and the domain reader's own messages", async () => {
    expect(await refused(terminate, { basis: 'assessment', reason: 'no activity for two years', terminatedOn: '2031-06' })).toBeNull();
    expect(await refused(terminate, { basis: 'other', reason: ' ', terminatedOn: '2031-02-30', extra: 1 })).toEqual([
      'basis: must be one of assessment, governingBody',
      'extra: property extra should not exist',
      'reason: must be a non-empty string',
      'terminatedOn: must be a business date: YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)',
    ]);
  });

  it('requires a field of one branch on that branch only (governingBody on a Governing Body decision), and checks it nested', async () => {
    expect(await refused(terminate, { basis: 'governingBody', reason: 'r', terminatedOn: '2031' })).toEqual([
      expect.stringMatching(/^governingBody: is required/),
    ]);
    expect(
      await refused(terminate, {
        basis: 'governingBody',
        reason: 'r',
        terminatedOn: '2031',
        governingBody: { meeting: 'x'.repeat(201), decisionDate: '2031' },
      }),
    ).toEqual(['governingBody.meeting: must be at most 200 characters']);
  });

  it('documents the request body in OpenAPI from the same description: required fields, limits, enums, nested schemas, prose', async () => {
    const doc = await documentOf(terminate);
    const schemas = doc.components?.schemas as Record<string, { required?: string[]; properties: Record<string, Record<string, unknown>> }>;
    expect(doc.paths['/coes/termination'].post?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/TerminateCoeRequestDto' } } },
    });
    const body = schemas.TerminateCoeRequestDto;
    expect(body.required).toEqual(['basis', 'reason', 'terminatedOn']);
    expect(body.properties.basis).toMatchObject({ type: 'string', enum: ['assessment', 'governingBody'] });
    expect(body.properties.reason).toMatchObject({ type: 'string', minLength: 1, maxLength: 2000, description: 'Why the COE ends' });
    expect(body.properties.terminatedOn).toMatchObject({ type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' });
    expect(body.properties.governingBody).toMatchObject({
      description: 'Required when basis is governingBody.',
      allOf: [{ $ref: '#/components/schemas/TerminateCoeGoverningBodyDto' }],
    });
    expect(schemas.TerminateCoeGoverningBodyDto).toMatchObject({
      required: ['meeting', 'decisionDate'],
      properties: { meeting: { type: 'string', maxLength: 200, example: '65th Governing Body Meeting, Manila' } },
    });
  });

  it("states a code's reference list as an enum and a code's shape as a pattern, a list's fewest items, and the route's prose by field path", async () => {
    const spec: CommandSpec = {
      roles: [],
      decide: () => [],
      input: (r) => ({
        economy: r.code('economy', ['MY', 'TH'], 'an APO member economy ISO code'),
        npo: r.code('npo', /^[A-Z]{2}$/, 'an ISO code in capitals', { optional: true }),
        people: r.list('people', (p) => ({ name: p.string('name', { max: 200 }) }), { min: 1, max: 50 }),
      }),
      http: {
        path: 'termination',
        summary: 'A test route',
        fields: { npo: { description: 'The hosting NPO', example: 'TH' }, 'people.name': { example: 'Somphone Keola' } },
      },
    };
    const dto = requestDtoFor(spec, 'Roster');
    expect(await refused(dto, { economy: 'US', npo: 'th', people: [] })).toEqual([
      'economy: must be an APO member economy ISO code (got "US")',
      'npo: must be an ISO code in capitals (got "th")',
      'people: must have at least 1 item',
    ]);
    const schemas = (await documentOf(dto)).components?.schemas as Record<string, { properties: Record<string, Record<string, unknown>> }>;
    expect(schemas.RosterRequestDto.properties).toMatchObject({
      economy: { type: 'string', enum: ['MY', 'TH'], description: 'An APO member economy ISO code' },
      npo: { type: 'string', pattern: '^[A-Z]{2}$', example: 'TH', description: 'The hosting NPO. An ISO code in capitals.' },
      people: { type: 'array', minItems: 1, maxItems: 50 },
    });
    expect(schemas.RosterPeopleDto.properties.name).toMatchObject({ example: 'Somphone Keola', maxLength: 200 });
  });
});
