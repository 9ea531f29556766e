import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotFound } from '@apo/engine';
import type { ReadStore } from '@apo/read-store';
import { TransparencyLogReader, type CheckpointSignerKey } from '@apo/shared-read-models';
import { ProblemDto } from '../../http/problem.dto';
import { READ_STORE } from '../../infrastructure/tokens';
import { AuditRoute } from '../shared/audit-route.decorator';
import { preferredType } from '../shared/media-type';
import { TRANSPARENCY_CHECKPOINT, TRANSPARENCY_KEYS } from '../shared/transparency-schemas';
import { GetCheckpointRequestDto } from './transparency.request.dto';

/** A checkpoint as GET /audit/checkpoints answers it. */
export interface CheckpointView {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly note: string;
  readonly origin: string;
  readonly verifierKey: string;
  readonly signedAt: string;
}

/** The transparency log's signed checkpoints (C2SP tlog-checkpoint notes) and the keys that signed them. */
@Controller('audit')
export class TransparencyCheckpointsController {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  @Get('checkpoints')
  @AuditRoute()
  @ApiOperation({
    summary: 'The latest signed checkpoint of the transparency log, or the one of a tree size: JSON, or the signed note itself (Accept: text/plain)',
    description: 'File the note: GET /audit/proofs/consistency later proves the log only grew since; the note opens with the verifier key (GET /audit/keys).',
    operationId: 'getTransparencyCheckpoint',
  })
  @ApiOkResponse({ content: { 'application/json': { schema: TRANSPARENCY_CHECKPOINT }, 'text/plain': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'NOT_FOUND: no checkpoint signed yet, or none at this tree size' })
  async checkpoint(
    @Query() q: GetCheckpointRequestDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckpointView | string> {
    const reader = new TransparencyLogReader(this.readStore.db);
    const found = q.size === undefined ? await reader.latestCheckpoint() : await reader.checkpointAt(q.size);
    if (!found) throw q.size === undefined ? new NotFound('checkpoint', '(none signed yet)') : new NotFound('checkpoint of tree size', String(q.size));
    void reply.header('Vary', 'Accept');
    if (preferredType(accept, ['application/json', 'text/plain']) === 'text/plain') {
      void reply.header('Content-Type', 'text/plain; charset=utf-8');
      return found.note;
    }
    const { treeSize, rootHash, note, origin, verifierKey, signedAt } = found;
    return { treeSize, rootHash, note, origin, verifierKey, signedAt };
  }

  @Get('keys')
  @AuditRoute()
  @ApiOperation({
    summary: 'Every verifier key that ever signed a checkpoint, with the tree sizes and times it signed',
    description: 'After a key rotation the old key stays listed: the checkpoints it signed open with it.',
    operationId: 'getTransparencyKeys',
  })
  @ApiOkResponse({ schema: TRANSPARENCY_KEYS })
  async keys(): Promise<{ keys: CheckpointSignerKey[] }> {
    return { keys: await new TransparencyLogReader(this.readStore.db).signerKeys() };
  }
}
