import { Logger } from '@nestjs/common';
import { isOverdueOn, type Deadline, type JsonObject } from '@apo/engine';
import { BCN_DEFINITION_NAME } from '@apo/bcn';
import { bcnExchangeLinks, type ReplicationItem } from '@apo/read-queries';
import { ReadStoreError, type ReadStore } from '@apo/read-store';
import type { QuerySources } from '../../http/instance-queries';
import { todayOf } from '../../http/today';

export type BcnExchangeView = JsonObject & {
  id: string;
  revision: number;
  /** The definition version the exchange runs (its machine: GET /definitions/bcn/:version/machine). */
  definitionVersion: number;
  state: string;
  /** A deadline the definition holds open is past due today. */
  overdue: boolean;
  /** The earliest deadline the definition holds open, if any. */
  nextDeadline: Deadline | null;
  allowedEvents: string[];
  /** The COE replications that cite this exchange, from the read models (null while they are unavailable). */
  coeReplications: ReplicationItem[] | null;
  /** The read models' position behind `coeReplications` ("0" when unavailable). */
  readModelPosition: string;
};

const logger = new Logger('BcnExchangeView');

/** One exchange from its own stream (always current), with the COE replications that cite it. */
export async function bcnExchangeView({ workflow, readStore, clock }: QuerySources, id: string): Promise<BcnExchangeView> {
  const { view, state } = await workflow.inspect(BCN_DEFINITION_NAME, id);
  const links = await linksOf(readStore, id);
  const open = [...(state.definition.deadlines?.open(state.state, state.context as never) ?? [])].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return {
    id: view.id,
    revision: view.revision,
    definitionVersion: state.definition.version,
    state: view.state,
    allowedEvents: view.allowedEvents,
    ...view.details,
    ...links,
    overdue: isOverdueOn(state.definition, state.state, state.context, todayOf(clock)),
    nextDeadline: open[0] ?? null,
  };
}

/** The exchange itself comes from the event log: a read store that is down only hides the links. */
async function linksOf(readStore: ReadStore, id: string): Promise<{ coeReplications: ReplicationItem[] | null; readModelPosition: string }> {
  try {
    const { coeReplications, position } = await bcnExchangeLinks(readStore, id);
    return { coeReplications, readModelPosition: position };
  } catch (error) {
    if (!(error instanceof ReadStoreError)) throw error;
    logger.warn({ msg: 'read store unavailable: COE replications left out', id, code: error.code });
    return { coeReplications: null, readModelPosition: '0' };
  }
}
