import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DefinitionRegistry, machineGraph, NotFound, type MachineGraph } from '@apo/engine';
import { programme, PROGRAMMES } from '@apo/programmes';
import { Roles } from '../auth/roles.decorator';
import { ProblemDto } from '../http/problem.dto';
import { PROGRAMME_MACHINE } from './machine-schemas';

export type ProgrammeMachine = MachineGraph & { programme: string; definition: string; version: number };

/** A released version never changes: a client (the console's diagram) may keep the answer for good; `latest` is revalidated (ETag). */
const IMMUTABLE = 'private, max-age=31536000, immutable';
const REVALIDATE = 'private, no-cache';

/** A programme's state machine as data, per definition version: what the console draws as the instance's diagram. */
@ApiTags('definitions')
@ApiBearerAuth()
@Controller('definitions')
export class MachineController {
  private readonly machines = new Map<string, ProgrammeMachine>();

  constructor(private readonly registry: DefinitionRegistry) {}

  @Get(':programme/:version/machine')
  @Roles('assessor', 'admin', 'auditor', 'reporter')
  @ApiOperation({
    operationId: 'getProgrammeMachine',
    summary: "A programme's state machine for one definition version: states (nested) and transitions with their guards",
    description:
      'The version an instance runs is its `definitionVersion` (GET /coes/:id, /bcn-exchanges/:id); `latest` is the version new instances start on. ' +
      'A numbered version never changes: ETag and Cache-Control immutable.',
  })
  @ApiParam({ name: 'programme', enum: PROGRAMMES.map((p) => p.key) })
  @ApiParam({
    name: 'version',
    schema: { type: 'string', pattern: '^([1-9][0-9]{0,5}|latest)$' },
    description: 'A definition version, or `latest`',
    example: '2',
  })
  @ApiOkResponse({ description: 'The machine', schema: PROGRAMME_MACHINE })
  @ApiResponse({ status: 304, description: 'If-None-Match names this version: the cached copy is current' })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'NOT_FOUND: no such programme or definition version' })
  machine(
    @Param('programme') key: string,
    @Param('version') version: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): ProgrammeMachine | undefined {
    const answer = this.machineOf(key, version);
    const etag = `"${answer.definition}@${answer.version}"`;
    void reply.header('ETag', etag).header('Cache-Control', version === 'latest' ? REVALIDATE : IMMUTABLE);
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) {
      void reply.status(304);
      return undefined;
    }
    return answer;
  }

  private machineOf(key: string, version: string): ProgrammeMachine {
    const of = programme(key);
    if (!of) throw new NotFound('programme', key);
    if (version !== 'latest' && !/^[1-9][0-9]{0,5}$/.test(version)) throw new NotFound('workflow definition', `${of.definition}@${version}`);
    const definition = version === 'latest' ? this.registry.latest(of.definition) : this.registry.get(of.definition, Number(version));
    const cacheKey = `${definition.name}@${definition.version}`;
    let answer = this.machines.get(cacheKey);
    if (!answer) {
      answer = { programme: of.key, definition: definition.name, version: definition.version, ...machineGraph(definition.machine) };
      this.machines.set(cacheKey, answer);
    }
    return answer;
  }
}
