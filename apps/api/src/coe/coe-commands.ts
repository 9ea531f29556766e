import { createCoeDefinitionV2 } from '@apo/coe';
import { commandsController, type ProgrammeCommands } from '../http/command-routes';
import { coeRequestDtos } from './requests/coe-request-dtos';

/**
 * The COE command routes, from the latest definition: version 1's commands are a subset with the
 * same routes and roles, and the workflow service holds each COE to its own version's commands.
 */
const definition = createCoeDefinitionV2();

export const COE_COMMANDS: ProgrammeCommands = {
  definition,
  collection: 'coes',
  tag: 'COE commands',
  docs: { rules: 'COE.ADVANCE_ASSESSMENT_REQUIRED', list: 'GET /coes' },
  requests: coeRequestDtos(definition),
};

export const CoeCommandsController = commandsController(COE_COMMANDS, 'CoeCommandsController');
