import { createCoeDefinitionV2 } from '@apo/coe';
import { commandsController, type ProgrammeCommands } from '../http/command-routes';
import { COE_REQUEST_DTOS } from './requests/coe-request-dtos';

/**
 * The COE command routes, from the latest definition: version 1's commands are a subset with the
 * same routes and roles, and the workflow service holds each COE to its own version's commands.
 */
export const COE_COMMANDS: ProgrammeCommands = {
  definition: createCoeDefinitionV2(),
  collection: 'coes',
  tag: 'COE commands',
  docs: { rules: 'COE.ADVANCE_ASSESSMENT_REQUIRED', list: 'GET /coes' },
  requests: COE_REQUEST_DTOS,
};

export const CoeCommandsController = commandsController(COE_COMMANDS, 'CoeCommandsController');
