import { SetMetadata } from '@nestjs/common';
import type { Role } from '../auth/api-keys';

/** The roles that see personal data in the clear (while the subject's key exists). */
export const PERSONAL_DATA_READERS: readonly Role[] = ['assessor', 'admin'];

export const AS_STORED = 'personalDataAsStored';

/**
 * Marks a route that answers events as stored (history, exports, evidence bundles): sealed
 * personal values stay sealed, so every hash in the answer still verifies.
 */
export const AsStored = () => SetMetadata(AS_STORED, true);
