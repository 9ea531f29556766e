import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { PersonalData } from '@apo/personal-data';
import { mergeMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { PERSONAL_DATA } from '../infrastructure/tokens';
import { AS_STORED, PERSONAL_DATA_READERS } from './personal-data-access';

/**
 * Every JSON answer passes here: a sealed personal value anywhere in it is opened for the roles
 * that may read personal data (the clear value, or `{ $erased: 1, subject }` once erased) and
 * withheld from every other role (`{ $withheld: 1, subject }`). Routes marked `@AsStored()`
 * answer events as stored (sealed), so their hashes verify.
 */
@Injectable()
export class PersonalDataInterceptor implements NestInterceptor {
  constructor(
    @Inject(PERSONAL_DATA) private readonly personal: PersonalData,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || this.reflector.getAllAndOverride<boolean>(AS_STORED, [context.getHandler(), context.getClass()])) {
      return next.handle();
    }
    const role = context.switchToHttp().getRequest<AuthenticatedRequest>().principal?.role;
    const reads = role !== undefined && PERSONAL_DATA_READERS.includes(role);
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        if (typeof body !== 'object' || body === null || Buffer.isBuffer(body) || typeof (body as { pipe?: unknown }).pipe === 'function') return body;
        return reads ? this.personal.open(body) : this.personal.withhold(body);
      }),
    );
  }
}
