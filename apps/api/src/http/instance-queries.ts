import { applyDecorators, Controller, Get, Inject, Param, Query, Res, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ReferenceObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { FastifyReply } from 'fastify';
import type { Clock, JsonObject } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { Page } from '@apo/read-queries';
import type { ReadStore } from '@apo/read-store';
import { WorkflowService } from '@apo/workflow';
import { Roles } from '../auth/roles.decorator';
import { CLOCK, EVENT_STORE, READ_STORE } from '../infrastructure/tokens';
import { ReadYourWrites } from '../read-models/read-your-writes';
import type { ListRequestDto } from './list-request.dto';
import { filterOf, POSITION_HEADER, type PageFilter } from './read-model-page';
import { ProblemDto } from './problem.dto';

/** Where an instance's answers are read from: its stream (through the workflow), the log, the read models, the API clock. */
export interface QuerySources {
  readonly workflow: WorkflowService;
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly clock: Clock;
}

/** How one route is documented. */
interface RouteDocs {
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  /** The description of the 200 answer. */
  readonly answer: string;
  readonly schema: ReferenceObject;
}

/** GET /<collection>/:id and GET /<collection> of a programme: one instance from its stream, a page of its read model. */
export interface InstanceQueries<D extends ListRequestDto = ListRequestDto> {
  /** The collection the instances live under, e.g. `coes`. */
  readonly collection: string;
  /** The OpenAPI tag of the routes. */
  readonly tag: string;
  readonly get: RouteDocs & {
    /** The 404 answer's description. */
    readonly notFound: string;
    /** The answer also holds read-model rows, so X-Min-Position applies. */
    readonly readYourWrites?: boolean;
    /** The instance's answer; its `revision` becomes the ETag (see response-headers). */
    read(sources: QuerySources, id: string): Promise<JsonObject & { revision: number }>;
  };
  readonly list: RouteDocs & {
    /** The filters (query parameters), validated by class-validator. */
    readonly request: Type<D>;
    read(sources: QuerySources, filter: PageFilter<D>): Promise<Page<object>>;
  };
}

/** Everyone who works with instances may read them. */
const READERS = ['assessor', 'admin', 'auditor', 'reporter'] as const;

/** One controller for a programme's get and list routes. */
export function instanceQueriesController(queries: InstanceQueries, name: string): Type {
  const { get, list } = queries;
  const readYourWritesOfGet = get.readYourWrites ? ReadYourWrites() : applyDecorators();

  @ApiTags(queries.tag)
  @ApiBearerAuth()
  @Controller(queries.collection)
  class InstanceQueriesController {
    private readonly sources: QuerySources;

    constructor(workflow: WorkflowService, @Inject(EVENT_STORE) store: EventStore, @Inject(READ_STORE) readStore: ReadStore, @Inject(CLOCK) clock: Clock) {
      this.sources = { workflow, store, readStore, clock };
    }

    @Get(':id')
    @Roles(...READERS)
    @ApiOperation({ summary: get.summary, description: get.description, operationId: get.operationId })
    @readYourWritesOfGet
    @ApiOkResponse({ description: get.answer, schema: get.schema })
    @ApiResponse({ status: 404, type: ProblemDto, description: get.notFound })
    @ApiResponse({
      status: 409,
      type: ProblemDto,
      description: 'STREAM_INTEGRITY: the stored stream breaks its hash chain (revision, reason); the audit routes still show its events',
    })
    get(@Param('id') id: string): Promise<JsonObject> {
      return get.read(this.sources, id);
    }

    @Get()
    @Roles(...READERS)
    @ApiOperation({ summary: list.summary, description: list.description, operationId: list.operationId })
    @ReadYourWrites()
    @ApiResponse({
      status: 200,
      description: list.answer,
      schema: list.schema,
      headers: { [POSITION_HEADER]: { description: 'Log position the read model has applied', schema: { type: 'string' } } },
    })
    async list(@Query() filters: ListRequestDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Page<object>> {
      const page = await list.read(this.sources, filterOf(filters));
      void reply.header(POSITION_HEADER, page.position);
      return page;
    }
  }
  // The filters' class in place of the declared base class: ValidationPipe and Swagger read it here.
  Reflect.defineMetadata('design:paramtypes', [list.request, Object], InstanceQueriesController.prototype, 'list');
  Object.defineProperty(InstanceQueriesController, 'name', { value: name });
  return InstanceQueriesController;
}
