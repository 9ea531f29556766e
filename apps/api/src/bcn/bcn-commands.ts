import { createBcnDefinition } from '@apo/bcn';
import { commandsController, type ProgrammeCommands } from '../http/command-routes';
import { requestDtos } from '../http/request-dto';

const definition = createBcnDefinition();

/** The BCN command routes, from the definition; each request body derived from its command's reader. */
export const BCN_COMMANDS: ProgrammeCommands = {
  definition,
  collection: 'bcn-exchanges',
  tag: 'BCN commands',
  docs: { rules: 'BCN.TOO_MANY_PARTICIPANTS, BCN.SAME_NPO, BCN.UNKNOWN_ECONOMY or BCN.CLOSING_DATE_PASSED', list: 'GET /bcn-exchanges' },
  requests: requestDtos(definition),
};

export const BcnCommandsController = commandsController(BCN_COMMANDS, 'BcnCommandsController');
