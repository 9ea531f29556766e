import { Body, Controller, HttpCode, Param, Post, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiExtension, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandRoute } from '@apo/engine';
import type { Role } from '../auth/api-keys';
import { AppendsToLog } from '../audit/alarms/appends-to-log.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiCommandResponses, type CommandDocs } from './api-command-responses';
import { CommandCtx } from './command-context.decorator';
import { ExecuteWorkflowCommand, type CommandContext } from './execute-workflow.command';
import { OpensPersonalData } from '../privacy/personal-data-access';

/** What the routes need of a definition: its name and, per command, who may issue it and its route. */
export interface RoutedDefinition {
  readonly name: string;
  readonly commands: Readonly<Record<string, { readonly roles: readonly string[]; readonly http?: CommandRoute; readonly emits?: readonly string[] }>>;
  /** Present when the definition names personal fields (its answers may hold them). */
  readonly personalData?: object;
}

/** A programme's command routes: the definition (its latest version) and how the HTTP edge presents it. */
export interface ProgrammeCommands {
  readonly definition: RoutedDefinition;
  /** The collection the instances live under, e.g. `coes`: each command is `POST /<collection>/:id/<path>`. */
  readonly collection: string;
  /** The OpenAPI tag of the routes. */
  readonly tag: string;
  readonly docs: CommandDocs;
  /** The request body class of every command that has a route. */
  readonly requests: Readonly<Record<string, Type>>;
}

/** One route: a command of the definition as the HTTP edge serves it. */
export interface CommandRouteEntry {
  readonly type: string;
  readonly operationId: string;
  readonly route: CommandRoute;
  readonly roles: readonly Role[];
  readonly request: Type;
  /** The event types the command may append (the operation's `x-emits`): what links it to an instance's `allowedEvents`. */
  readonly emits: readonly string[];
}

/** The routes a definition implies: one per command people issue (those with `http`), in the definition's order. */
export function commandRoutes({ definition, requests }: Pick<ProgrammeCommands, 'definition' | 'requests'>): CommandRouteEntry[] {
  const routes = Object.entries(definition.commands).flatMap(([type, spec]) => {
    if (!spec.http) return [];
    const request = Object.hasOwn(requests, type) ? requests[type] : undefined;
    if (!request) throw new Error(`${definition.name} command ${type} has a route but no request body class`);
    if (!spec.emits?.length) throw new Error(`${definition.name} command ${type} has a route but no emits`);
    return [{ type, operationId: type[0].toLowerCase() + type.slice(1), route: spec.http, roles: spec.roles as readonly Role[], request, emits: spec.emits }];
  });
  const stray = Object.keys(requests).filter((type) => !routes.some((r) => r.type === type));
  if (stray.length > 0) throw new Error(`request body classes for no routed ${definition.name} command: ${stray.join(', ')}`);
  return routes;
}

/**
 * One controller class for a programme's commands: a POST route per command of its definition,
 * each documented from the command's route and dispatched on the CommandBus as an ExecuteWorkflowCommand.
 */
export function commandsController(programme: ProgrammeCommands, name: string): Type {
  @ApiTags(programme.tag)
  @Controller(programme.collection)
  class CommandsController {
    constructor(readonly commands: CommandBus) {}
  }
  Object.defineProperty(CommandsController, 'name', { value: name });
  // A definition with personal data: every answer's details may hold the roster (opened or withheld by role).
  if (programme.definition.personalData !== undefined) OpensPersonalData()(CommandsController);
  for (const entry of commandRoutes(programme)) addRoute(CommandsController.prototype, programme, entry);
  return CommandsController;
}

/** Defines the route's method and applies what the decorators of a hand-written one would: route, roles, OpenAPI, parameters. */
function addRoute(prototype: object, programme: ProgrammeCommands, { type, operationId, route, roles, request, emits }: CommandRouteEntry): void {
  const definition = programme.definition.name;
  const status = route.status ?? 200;
  function handle(this: { commands: CommandBus }, id: string, body: object, context: CommandContext) {
    return this.commands.execute(new ExecuteWorkflowCommand(definition, id, type, { ...body }, context));
  }
  // Named as a method is: Swagger looks the parameters up by the function's name.
  Object.defineProperty(handle, 'name', { value: operationId });
  Object.defineProperty(prototype, operationId, { value: handle, writable: true, configurable: true });
  const descriptor = Object.getOwnPropertyDescriptor(prototype, operationId) as PropertyDescriptor;
  // What TypeScript emits for `(id: string, body: Request, context: CommandContext): Promise<…>`: ValidationPipe and Swagger read the body's class here.
  Reflect.defineMetadata('design:paramtypes', [String, request, Object], prototype, operationId);
  Reflect.defineMetadata('design:returntype', Promise, prototype, operationId);
  Param('id')(prototype, operationId, 0);
  Body()(prototype, operationId, 1);
  CommandCtx()(prototype, operationId, 2);
  const decorators: MethodDecorator[] = [
    Post(`:id/${route.path}`),
    HttpCode(status),
    Roles(...roles),
    AppendsToLog(),
    ApiOperation({ summary: route.summary, ...(route.description ? { description: route.description } : {}), operationId }),
    ...(route.examples ? [ApiBody({ type: request, examples: route.examples })] : []),
    ApiCommandResponses(status, programme.docs),
    // Which events the command appends, so a client can offer it when one of them is in `allowedEvents`.
    ApiExtension('x-emits', [...emits]),
    // Who may issue it (403 for anyone else), so a client offers it only to them.
    ApiExtension('x-roles', [...roles]),
  ];
  for (const decorate of decorators) decorate(prototype, operationId, descriptor);
}
