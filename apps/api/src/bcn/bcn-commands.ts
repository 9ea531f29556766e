import { createBcnDefinition } from '@apo/bcn';
import { commandsController, type ProgrammeCommands } from '../http/command-routes';
import { BCN_REQUEST_DTOS } from './requests/bcn-request-dtos';

/** The BCN command routes, from the definition. */
export const BCN_COMMANDS: ProgrammeCommands = {
  definition: createBcnDefinition(),
  collection: 'bcn-exchanges',
  tag: 'BCN commands',
  docs: { rules: 'BCN.TOO_MANY_PARTICIPANTS, BCN.SAME_NPO, BCN.UNKNOWN_ECONOMY or BCN.CLOSING_DATE_PASSED', list: 'GET /bcn-exchanges' },
  requests: BCN_REQUEST_DTOS,
};

export const BcnCommandsController = commandsController(BCN_COMMANDS, 'BcnCommandsController');
