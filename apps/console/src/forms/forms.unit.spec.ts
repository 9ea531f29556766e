import { describe, expect, it } from '@jest/globals';
import { bodyOf, check, emptyObject, readable } from './form-values';
import { rosterNote, scoresNote } from './notes';
import { commandsOf, offeredCommands, resolveSchema, type OpenApiDocument, type Schema } from './openapi';

const document: OpenApiDocument = {
  paths: {
    '/coes/{id}/assessments': {
      post: {
        operationId: 'recordAssessment',
        summary: 'Record an assessment',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Assessment' } } } },
        'x-emits': ['AssessmentRecorded'],
        'x-roles': ['assessor', 'admin'],
      },
    },
    '/coes/{id}/designation': {
      post: { operationId: 'designateCoe', summary: 'Designate', 'x-emits': ['CoeDesignated', 'CoeLaunched'], 'x-roles': ['admin'] },
    },
    '/coes/{id}/history': { get: { operationId: 'getCoeHistory' } },
    '/bcn-exchanges/{id}/schedule': { post: { operationId: 'scheduleExchange', 'x-emits': ['ExchangeScheduled'], 'x-roles': ['assessor'] } },
  },
  components: {
    schemas: {
      Assessment: {
        type: 'object',
        required: ['assessmentId', 'scores', 'recommendation'],
        properties: {
          assessmentId: { type: 'string', maxLength: 5 },
          scores: { $ref: '#/components/schemas/Scores' },
          overall: { type: 'number', minimum: 1, maximum: 5 },
          recommendation: { type: 'string', enum: ['advance', 'extend'] },
          historical: { type: 'boolean' },
          participants: { type: 'array', minItems: 1, maxItems: 3, items: { $ref: '#/components/schemas/Person' } },
        },
      },
      Scores: { type: 'object', required: ['impact'], properties: { impact: { type: 'integer', minimum: 1, maximum: 5 } } },
      Person: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, economy: { type: 'string', pattern: '^[A-Z]{2}$', example: 'TH' } },
      },
    },
  },
};

describe('forms built from the OpenAPI document', () => {
  const [assessment] = commandsOf(document, 'coes');
  const schema = assessment.schema;

  it('finds a collection’s commands with their events, roles and request schema, every $ref resolved', () => {
    expect(commandsOf(document, 'coes').map((c) => [c.operationId, c.emits, c.roles])).toEqual([
      ['recordAssessment', ['AssessmentRecorded'], ['assessor', 'admin']],
      ['designateCoe', ['CoeDesignated', 'CoeLaunched'], ['admin']],
    ]);
    expect(schema.properties?.scores).toEqual(document.components?.schemas?.Scores);
    expect(schema.properties?.participants?.items?.properties?.economy).toMatchObject({ pattern: '^[A-Z]{2}$' });
    expect(resolveSchema(document, { $ref: '#/components/schemas/Missing' })).toEqual({});
  });

  it('offers a command when one of its events is allowed now and the role may issue it', () => {
    const commands = commandsOf(document, 'coes');
    expect(offeredCommands(commands, ['CoeLaunched'], 'admin').map((c) => c.operationId)).toEqual(['designateCoe']);
    expect(offeredCommands(commands, ['CoeLaunched', 'AssessmentRecorded'], 'assessor').map((c) => c.operationId)).toEqual(['recordAssessment']);
    expect(offeredCommands(commands, ['AssessmentRecorded'], 'auditor')).toEqual([]);
  });

  it('names fields in words', () => {
    expect(['hostInstitution', 'sendingNpo', 'assessmentId', 'faceToFace', 'bcnExchangeId'].map(readable)).toEqual([
      'Host institution',
      'Sending NPO',
      'Assessment ID',
      'Face to face',
      'BCN exchange ID',
    ]);
  });

  it('starts empty (a required list with one item), checks as the API would, and sends numbers as numbers, blanks left out', () => {
    const empty = emptyObject(schema);
    expect(empty).toEqual({
      assessmentId: '',
      scores: { impact: '' },
      overall: '',
      recommendation: '',
      historical: false,
      participants: [{ name: '', economy: '' }],
    });
    expect(check(schema, empty)).toEqual([
      { field: 'assessmentId', message: 'Assessment ID is required' },
      { field: 'scores', message: 'Scores is required' },
      { field: 'recommendation', message: 'Recommendation is required' },
      { field: 'participants[0].name', message: 'Name is required' },
    ]);
    const typed = {
      ...empty,
      assessmentId: 'a-123456',
      scores: { impact: '7' },
      overall: '3.5',
      recommendation: 'advance',
      participants: [
        { name: 'Ana', economy: 'th' },
        { name: '', economy: '' },
        { name: 'B', economy: '' },
        { name: 'C', economy: '' },
      ],
    };
    expect(check(schema, typed)).toEqual([
      { field: 'assessmentId', message: 'must be at most 5 characters' },
      { field: 'scores.impact', message: 'must be at most 5' },
      { field: 'participants', message: 'list at most 3' },
      { field: 'participants[0].economy', message: 'is not in the expected form, e.g. TH' },
      { field: 'participants[1].name', message: 'Name is required' },
    ]);
    expect(bodyOf(schema, { ...typed, scores: { impact: ' 4 ' }, participants: [{ name: ' Ana ', economy: '' }] })).toEqual({
      assessmentId: 'a-123456',
      scores: { impact: 4 },
      overall: 3.5,
      recommendation: 'advance',
      participants: [{ name: 'Ana' }],
    });
    expect(bodyOf({ type: 'object', required: ['flag'], properties: { flag: { type: 'boolean' } } } as Schema, { flag: false })).toEqual({ flag: false });
  });

  it('counts a BCN roster against its modality’s limit, and means the scores', () => {
    const person = { name: 'x' };
    expect(rosterNote({ modality: 'faceToFace', participants: [person, person, person, person] })).toBe('4 of 4 participants (the face-to-face limit).');
    expect(rosterNote({ modality: 'faceToFace', participants: [person, person, person, person, person] })).toBe(
      '5 of 4 participants (the face-to-face limit): 1 over the limit. Remove one before recording.',
    );
    expect(rosterNote({ modality: 'virtual', participants: [person] })).toBe('1 of 10 participants (the virtual limit).');
    expect(rosterNote({ modality: '', participants: [] })).toBe('0 participants listed; choose the modality to see the limit.');
    expect(scoresNote({ a: '4', b: '5' })).toBe('Mean of the 2 criteria: 4.5 (the overall score when none is given).');
    expect(scoresNote({ a: '4', b: '' })).toBe('Score each criterion from 1 (weak) to 5 (strong).');
  });
});
