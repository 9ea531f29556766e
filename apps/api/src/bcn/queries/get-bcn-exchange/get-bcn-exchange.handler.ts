import { Inject, Logger } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { JsonObject } from '@apo/engine';
import { BCN_DEFINITION_NAME } from '@apo/bcn';
import { ReadStoreError, type ReadStore } from '@apo/read-store';
import { bcnExchangeLinks, type ReplicationItem } from '@apo/read-queries';
import { WorkflowService } from '@apo/workflow';
import { READ_STORE } from '../../../infrastructure/tokens';
import { GetBcnExchangeQuery } from './get-bcn-exchange.query';

export type BcnExchangeView = JsonObject & {
  id: string;
  revision: number;
  state: string;
  allowedEvents: string[];
  /** The COE replications that cite this exchange, from the read models (null while they are unavailable). */
  coeReplications: ReplicationItem[] | null;
  /** The read models' position behind `coeReplications` ("0" when unavailable). */
  readModelPosition: string;
};

/** One exchange from its own stream (always current), with the COE replications that cite it. */
@QueryHandler(GetBcnExchangeQuery)
export class GetBcnExchangeHandler implements IQueryHandler<GetBcnExchangeQuery, BcnExchangeView> {
  private readonly logger = new Logger(GetBcnExchangeHandler.name);

  constructor(private readonly workflow: WorkflowService, @Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ id }: GetBcnExchangeQuery): Promise<BcnExchangeView> {
    const view = await this.workflow.get(BCN_DEFINITION_NAME, id);
    const links = await this.links(id);
    return { id: view.id, revision: view.revision, state: view.state, allowedEvents: view.allowedEvents, ...view.details, ...links };
  }

  /** The exchange itself comes from the event log: a read store that is down only hides the links. */
  private async links(id: string): Promise<{ coeReplications: ReplicationItem[] | null; readModelPosition: string }> {
    try {
      const { coeReplications, position } = await bcnExchangeLinks(this.readStore, id);
      return { coeReplications, readModelPosition: position };
    } catch (error) {
      if (!(error instanceof ReadStoreError)) throw error;
      this.logger.warn({ msg: 'read store unavailable: COE replications left out', id, code: error.code });
      return { coeReplications: null, readModelPosition: '0' };
    }
  }
}
