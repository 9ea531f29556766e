import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { createBcnDefinition } from '@apo/bcn';
import { createCoeDefinition, createCoeDefinitionV2 } from '@apo/coe';
import { SYSTEM_ROLE } from '@apo/engine';
import { ROLES_KEY } from '../auth/roles.decorator';
import { BCN_COMMANDS, BcnCommandsController } from '../bcn/bcn-commands';
import { COE_COMMANDS, CoeCommandsController } from '../coe/coe-commands';
import { BCN_COMMAND_ROUTES, COMMAND_ROUTES } from '../testing/api-harness';
import { commandRoutes, commandsController } from './command-routes';

/** The commands people issue (every one but the scheduler's). */
const issuedByPeople = (commands: Record<string, { roles: readonly string[] }>) =>
  Object.entries(commands)
    .filter(([, spec]) => !spec.roles.every((role) => role === SYSTEM_ROLE))
    .map(([type]) => type)
    .sort();

describe('command routes derived from the definitions', () => {
  it.each([
    ['COE', COE_COMMANDS, createCoeDefinitionV2().commands],
    ['BCN', BCN_COMMANDS, createBcnDefinition().commands],
  ])('every %s command people issue has exactly one route, and no route names anything else', (_name, programme, commands) => {
    const routed = commandRoutes(programme).map((r) => r.type);
    expect([...routed].sort()).toEqual(issuedByPeople(commands));
    expect(new Set(routed).size).toBe(routed.length);
    const paths = commandRoutes(programme).map((r) => r.route.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('serves every COE version 1 command on the route of the same latest-version command', () => {
    const routed = new Set(commandRoutes(COE_COMMANDS).map((r) => r.type));
    expect(issuedByPeople(createCoeDefinition().commands).filter((type) => !routed.has(type))).toEqual([]);
  });

  it('keeps the published paths', () => {
    const pathsOf = (programme: typeof COE_COMMANDS) => Object.fromEntries(commandRoutes(programme).map((r) => [r.type, r.route.path]));
    expect(pathsOf(COE_COMMANDS)).toEqual(COMMAND_ROUTES);
    expect(pathsOf(BCN_COMMANDS)).toEqual(BCN_COMMAND_ROUTES);
  });

  it.each([
    ['COE', COE_COMMANDS, CoeCommandsController],
    ['BCN', BCN_COMMANDS, BcnCommandsController],
  ])('gives each %s route its method: POST, its status, the roles of its command and its request body class', (_name, programme, controller) => {
    expect(Reflect.getMetadata(PATH_METADATA, controller)).toEqual(programme.collection);
    for (const { type, operationId, route, request } of commandRoutes(programme)) {
      const handler = (controller.prototype as Record<string, unknown>)[operationId] as object;
      expect(Reflect.getMetadata(METHOD_METADATA, handler)).toBe(RequestMethod.POST);
      expect(Reflect.getMetadata(PATH_METADATA, handler)).toBe(`:id/${route.path}`);
      expect(Reflect.getMetadata(HTTP_CODE_METADATA, handler)).toBe(type === 'SubmitApplication' || type === 'DraftExchange' ? 201 : 200);
      expect(Reflect.getMetadata(ROLES_KEY, handler)).toEqual(programme.definition.commands[type].roles);
      expect(Reflect.getMetadata('design:paramtypes', controller.prototype, operationId)).toEqual([String, request, Object]);
    }
  });

  it('refuses a routed command without a request body class, and a request body class for no routed command', () => {
    const definition = {
      name: 'demo',
      commands: { Start: { roles: ['admin'], emits: ['Started'], http: { path: 'start', summary: 'Start' } }, Tick: { roles: [SYSTEM_ROLE] } },
    };
    class StartDto {}
    const programme = { definition, collection: 'demos', tag: 'Demo commands', docs: { rules: 'DEMO.RULE', list: 'GET /demos' } };
    expect(() => commandsController({ ...programme, requests: {} }, 'DemoCommandsController')).toThrow(
      'demo command Start has a route but no request body class',
    );
    expect(() => commandsController({ ...programme, requests: { Start: StartDto, Tick: StartDto } }, 'DemoCommandsController')).toThrow(
      'request body classes for no routed demo command: Tick',
    );
    expect(commandRoutes({ definition, requests: { Start: StartDto } }).map((r) => r.type)).toEqual(['Start']);
    const silent = { name: 'demo', commands: { Start: { roles: ['admin'], http: { path: 'start', summary: 'Start' } } } };
    expect(() => commandRoutes({ definition: silent, requests: { Start: StartDto } })).toThrow('demo command Start has a route but no emits');
  });

  it.each([
    ['COE', COE_COMMANDS, CoeCommandsController],
    ['BCN', BCN_COMMANDS, BcnCommandsController],
  ])('documents on each %s operation the events its command appends (x-emits) and the roles that may issue it (x-roles)', (_name, programme, controller) => {
    for (const { type, operationId } of commandRoutes(programme)) {
      const handler = (controller.prototype as Record<string, unknown>)[operationId] as object;
      expect(Reflect.getMetadata('swagger/apiExtension', handler)).toEqual({
        'x-emits': programme.definition.commands[type].emits,
        'x-roles': programme.definition.commands[type].roles,
      });
    }
  });
});
