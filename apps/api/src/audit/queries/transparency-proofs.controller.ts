import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { NotFound, ValidationError } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { ReadStore } from '@apo/read-store';
import { TransparencyLogReader, TransparencyRangeError, type StoredCheckpoint } from '@apo/shared-read-models';
import { merkleHashToHex } from '@apo/transparency-log';
import { ProblemDto } from '../../http/problem.dto';
import { EVENT_STORE, READ_STORE } from '../../infrastructure/tokens';
import { AuditRoute } from '../shared/audit-route.decorator';
import { NotInCheckpoint } from '../shared/transparency-errors';
import { CONSISTENCY_PROOF, INCLUSION_PROOF } from '../shared/transparency-schemas';
import { ConsistencyProofRequestDto, InclusionProofRequestDto } from './transparency.request.dto';

const notInCheckpoint = ApiResponse({
  status: 409,
  type: ProblemDto,
  description: 'NOT_IN_CHECKPOINT: no checkpoint signed yet, the event is after the checkpoint, or the tree is being rebuilt; retry after the next checkpoint',
});

/** Proofs over the transparency log's Merkle tree, each O(log n) stored hashes, against signed checkpoints. */
@Controller('audit/proofs')
export class TransparencyProofsController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('inclusion')
  @AuditRoute()
  @ApiOperation({
    summary: 'Inclusion proof of one event in a signed checkpoint (default: the latest)',
    description:
      'leafHash = SHA-256(0x00 || the 32 bytes of the event’s metadata.hash); the proof leads from it to the checkpoint’s root (RFC 9162 §2.1.3.2), the note opens with verifierKey.',
    operationId: 'getInclusionProof',
  })
  @ApiOkResponse({ schema: INCLUSION_PROOF })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'NOT_FOUND: no such event, or no checkpoint at this tree size' })
  @notInCheckpoint
  async inclusion(@Query() q: InclusionProofRequestDto) {
    const reader = new TransparencyLogReader(this.readStore.db);
    const checkpoint = await this.checkpoint(reader, q.treeSize);
    const [event] = await this.store.readStream(q.streamId, { fromRevision: q.revision, maxCount: 1 });
    if (event?.revision !== q.revision) throw new NotFound('event', `${q.streamId}@${q.revision}`);
    const leaf = await reader.leafOf(event);
    if (!leaf) {
      throw new NotInCheckpoint(`event ${q.streamId}@${q.revision} is not in the transparency log yet; retry after the next checkpoint`, {
        treeSize: checkpoint.treeSize,
      });
    }
    if (leaf.leafIndex >= checkpoint.treeSize)
      throw new NotInCheckpoint(`event ${q.streamId}@${q.revision} is leaf ${leaf.leafIndex}, after the checkpoint of tree size ${checkpoint.treeSize}`, {
        leafIndex: leaf.leafIndex,
        treeSize: checkpoint.treeSize,
      });
    const proof = await provable(() => reader.inclusionProof(leaf.leafIndex, checkpoint.treeSize));
    return {
      streamId: leaf.streamId,
      revision: leaf.revision,
      eventId: leaf.eventId,
      position: leaf.position,
      leafIndex: leaf.leafIndex,
      leafHash: leaf.leafHash,
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash,
      proof: proof.map(merkleHashToHex),
      checkpoint: checkpoint.note,
      verifierKey: checkpoint.verifierKey,
    };
  }

  @Get('consistency')
  @AuditRoute()
  @ApiOperation({
    summary: 'Consistency proof between two signed checkpoints: the newer tree extends the older one (RFC 9162 §2.1.4.2)',
    operationId: 'getConsistencyProof',
  })
  @ApiOkResponse({ schema: CONSISTENCY_PROOF })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'NOT_FOUND: no checkpoint at one of the tree sizes' })
  @notInCheckpoint
  async consistency(@Query() q: ConsistencyProofRequestDto) {
    if (q.from > q.to) throw new ValidationError([{ field: 'from', message: `must not be larger than to (${q.to})` }]);
    const reader = new TransparencyLogReader(this.readStore.db);
    const [older, newer] = [await this.checkpoint(reader, q.from), await this.checkpoint(reader, q.to)];
    const proof = await provable(() => reader.consistencyProof(older.treeSize, newer.treeSize));
    return {
      from: older.treeSize,
      to: newer.treeSize,
      fromRootHash: older.rootHash,
      toRootHash: newer.rootHash,
      proof: proof.map(merkleHashToHex),
      fromCheckpoint: older.note,
      toCheckpoint: newer.note,
    };
  }

  /** The checkpoint of `size` (404 if none), or the latest (409 if none yet). */
  private async checkpoint(reader: TransparencyLogReader, size: number | undefined): Promise<StoredCheckpoint> {
    if (size !== undefined) {
      const found = await reader.checkpointAt(size);
      if (!found) throw new NotFound('checkpoint of tree size', String(size));
      return found;
    }
    const latest = await reader.latestCheckpoint();
    if (!latest) throw new NotInCheckpoint('no checkpoint of the transparency log has been signed yet; retry after the first one');
    return latest;
  }
}

/** A proof, or 409 when the stored tree is smaller than the checkpoint (the projection is rebuilding it). */
async function provable(prove: () => Promise<Uint8Array[]>): Promise<Uint8Array[]> {
  try {
    return await prove();
  } catch (error) {
    if (error instanceof TransparencyRangeError) throw new NotInCheckpoint(`the transparency log cannot prove it now: ${error.message}`);
    throw error;
  }
}
