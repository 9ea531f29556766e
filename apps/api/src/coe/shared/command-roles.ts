import { createCoeDefinitionV2 } from '@apo/coe';
import type { Role } from '../../auth/api-keys';

/** The latest definition's commands (version 1's are a subset, with the same roles; the workflow service checks each COE's own). */
const commands = createCoeDefinitionV2().commands;

/** The roles the COE definition allows for a command: routes and domain agree by construction. */
export function rolesOf(type: string): Role[] {
  const spec = Object.hasOwn(commands, type) ? commands[type] : undefined;
  // A route naming no command would otherwise be open to every role.
  if (!spec) throw new Error(`no COE command ${type}`);
  return [...spec.roles] as Role[];
}
