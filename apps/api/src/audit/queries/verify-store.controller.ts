import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { StoreVerification } from '@apo/audit';
import { STORE_VERIFICATION } from '../shared/audit-schemas';
import { AuditRoute } from '../shared/audit-route.decorator';
import { StoreVerifier } from '../shared/store-verifier';
import { VerifyStoreRequestDto } from './verify-store.request.dto';

@Controller('audit')
export class VerifyStoreController {
  constructor(private readonly verifier: StoreVerifier) {}

  @Get('verify')
  @AuditRoute()
  @ApiOperation({
    summary: 'Verify the whole store: every stream replayed and checked in worker threads; ?seal= also checks the heads against a filed seal',
    description:
      '200 either way: `ok` is false with the divergences (first 10,000, in log order; all counted) or a seal mismatch. Takes time on a large store.',
    operationId: 'verifyStore',
  })
  @ApiOkResponse({ schema: STORE_VERIFICATION })
  verify(@Query() q: VerifyStoreRequestDto): Promise<StoreVerification> {
    return this.verifier.verify(q.seal?.toLowerCase());
  }
}
