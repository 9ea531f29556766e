import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { sealedSubjects, type PersonalData } from '@apo/personal-data';
import { from, mergeMap, of, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { PERSONAL_DATA } from '../infrastructure/tokens';
import type { Role } from '../auth/api-keys';

/** The roles that see personal data in the clear (while the subject's key exists). */
export const PERSONAL_DATA_READERS: readonly Role[] = ['assessor', 'admin'];

/** A body the walk looks into: a JSON object or array (not a string, a buffer or a stream). */
const isJsonBody = (body: unknown): body is object =>
  typeof body === 'object' && body !== null && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function';

/**
 * On the routes marked `OpensPersonalData`: a sealed personal value anywhere in the answer is
 * opened for the roles that may read personal data (the clear value, or `{ $erased: 1, subject }`
 * once erased) and withheld from every other role (`{ $withheld: 1, subject }`). An answer without
 * a sealed value costs one walk and goes on as it was, without a promise.
 */
@Injectable()
export class PersonalDataInterceptor implements NestInterceptor {
  constructor(@Inject(PERSONAL_DATA) private readonly personal: PersonalData) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const role = context.switchToHttp().getRequest<AuthenticatedRequest>().principal?.role;
    const reads = role !== undefined && PERSONAL_DATA_READERS.includes(role);
    return next.handle().pipe(
      mergeMap((body: unknown) => {
        if (!isJsonBody(body) || sealedSubjects(body).length === 0) return of(body);
        return reads ? from(this.personal.open(body)) : of(this.personal.withhold(body));
      }),
    );
  }
}
