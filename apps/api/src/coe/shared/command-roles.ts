import { createCoeDefinition } from '@apo/coe';
import type { Role } from '../../auth/api-keys';

const commands = createCoeDefinition().commands;

/** The roles the COE definition allows for a command: routes and domain agree by construction. */
export const rolesOf = (type: string): Role[] => [...(commands[type]?.roles ?? [])] as Role[];
