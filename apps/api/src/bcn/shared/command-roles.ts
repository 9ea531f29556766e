import { createBcnDefinition } from '@apo/bcn';
import type { Role } from '../../auth/api-keys';

const commands = createBcnDefinition().commands;

/** The roles the BCN definition allows for a command: routes and domain agree by construction. */
export const rolesOf = (type: string): Role[] => [...(commands[type]?.roles ?? [])] as Role[];
