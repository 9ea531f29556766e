import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EvidenceBundleError, instanceEvidence, ProofMismatch, ProofUnavailable, type EvidenceBundle } from '@apo/audit';
import { DefinitionRegistry, type Clock } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { Programme } from '@apo/programmes';
import type { ReadStore } from '@apo/read-store';
import { TransparencyLogReader } from '@apo/shared-read-models';
import { CLOCK, EVENT_STORE, READ_STORE } from '../../infrastructure/tokens';
import { ProblemDto } from '../../http/problem.dto';
import { EVIDENCE_BUNDLE } from '../shared/audit-schemas';
import { AuditRoute } from '../shared/audit-route.decorator';
import { EvidenceRefused, EVIDENCE_REFUSED_RESPONSE } from '../shared/evidence-refused.error';
import { BCN, COE, instanceStreamId } from '../shared/instance-stream';
import { GetEvidenceRequestDto } from './evidence.request.dto';

const ok = ApiOkResponse({
  description:
    'The evidence bundle (apo-evidence-bundle/1) as an attachment: save it and run `node verify-bundle.mjs <file> --key <verifier key>` (tools/audit/verify-bundle.mjs, Node.js only)',
  schema: EVIDENCE_BUNDLE,
});
const refused = ApiResponse({ status: 409, type: ProblemDto, description: EVIDENCE_REFUSED_RESPONSE });

/**
 * The evidence bundle of one instance on a live system (the CLI's `coe audit bundle` cannot open
 * the embedded store while the API holds it): the instance's events, each with its inclusion
 * proof in the latest (or the `treeSize`) signed checkpoint, verified before it is sent.
 */
// Events as stored: sealed personal values stay sealed, so the hashes in the answer verify.
@Controller()
export class GetEvidenceController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly registry: DefinitionRegistry,
  ) {}

  @Get('coes/:id/evidence')
  @AuditRoute({ instance: true })
  @ApiOperation({
    summary: "One COE's evidence bundle: its events, their inclusion proofs, the signed checkpoint, its verifier key",
    operationId: 'getCoeEvidence',
  })
  @ok
  @refused
  coe(@Param('id') id: string, @Query() q: GetEvidenceRequestDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<EvidenceBundle> {
    return this.evidence(COE, id, q, reply);
  }

  @Get('bcn-exchanges/:id/evidence')
  @AuditRoute({ instance: true })
  @ApiOperation({ summary: "One BCN exchange's evidence bundle, as for a COE", operationId: 'getBcnExchangeEvidence' })
  @ok
  @refused
  bcn(@Param('id') id: string, @Query() q: GetEvidenceRequestDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<EvidenceBundle> {
    return this.evidence(BCN, id, q, reply);
  }

  private async evidence(of: Programme, id: string, q: GetEvidenceRequestDto, reply: FastifyReply): Promise<EvidenceBundle> {
    const streamId = instanceStreamId(this.registry, of, id);
    const reader = new TransparencyLogReader(this.readStore.db);
    let bundle: EvidenceBundle;
    try {
      bundle = await instanceEvidence(
        this.store,
        reader,
        { programme: of.key, id, streamId, what: of.label, treeSize: q.treeSize, createdAt: this.clock.now().toISOString() },
        this.registry,
      );
    } catch (error) {
      if (error instanceof ProofUnavailable) throw new EvidenceRefused(error.reason === 'no-checkpoint' ? 'NO_CHECKPOINT' : 'NOT_CHECKPOINTED', error.message);
      if (error instanceof ProofMismatch || error instanceof EvidenceBundleError) throw new EvidenceRefused('TRANSPARENCY_MISMATCH', error.message);
      throw error;
    }
    void reply.header('Content-Disposition', `attachment; filename="${streamId}.evidence.json"`);
    return bundle;
  }
}
