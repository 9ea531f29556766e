import { UseInterceptors } from '@nestjs/common';
import { PersonalDataInterceptor } from './personal-data.interceptor';

/**
 * On a route (or controller) whose answers may hold sealed personal values: they are opened for
 * assessors and admins and withheld from other roles (`PersonalDataInterceptor`). Every other
 * route answers them as stored (sealed: ciphertext, never the clear value), as history, exports
 * and evidence bundles must for their hashes to verify; so a route that lacks it shows too little,
 * never too much. Opt-in, not global: an interceptor on every route cost about 0.14 ms of CPU per
 * command in the HTTP bench (docs/privacy.md).
 */
export const OpensPersonalData = () => UseInterceptors(PersonalDataInterceptor);
