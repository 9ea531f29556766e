import { listBcnExchanges } from '@apo/read-queries';
import { instanceQueriesController, type InstanceQueries } from '../../http/instance-queries';
import { bcnExchangeView } from './bcn-exchange-view';
import { BCN_EXCHANGE_LIST_PAGE, BCN_EXCHANGE_VIEW } from './bcn-query-schemas';
import { ListBcnExchangesRequestDto } from './list-bcn-exchanges.request.dto';
import { OpensPersonalData } from '../../privacy/personal-data-access';

/** GET /bcn-exchanges/:id from the exchange's stream (and its links from the read models), GET /bcn-exchanges from the BCN read model. */
export const BCN_QUERIES: InstanceQueries<ListBcnExchangesRequestDto> = {
  collection: 'bcn-exchanges',
  tag: 'BCN queries',
  get: {
    operationId: 'getBcnExchange',
    summary: 'One BCN exchange: state, events allowed now, NPOs, window, schedule and roster, follow-ups, and the COE replications that cite it',
    description:
      'The exchange is read from its stream (always current); `coeReplications` come from the read models (X-Min-Position waits for a replication you just recorded).',
    answer: 'The exchange; ETag carries its revision',
    schema: BCN_EXCHANGE_VIEW,
    notFound: 'NOT_FOUND: no BCN exchange with this id',
    readYourWrites: true,
    read: bcnExchangeView,
  },
  list: {
    operationId: 'listBcnExchanges',
    summary: 'List BCN exchanges by state, programme year, window, origin, modality, sending or hosting member economy',
    description:
      'Served from the BCN read model, which follows the event log asynchronously. To see your own writes, send the X-Log-Position of your last command as X-Min-Position (or ?minPosition=).',
    answer: 'A page of exchanges',
    schema: BCN_EXCHANGE_LIST_PAGE,
    request: ListBcnExchangesRequestDto,
    read: ({ readStore }, filter) => listBcnExchanges(readStore, filter),
  },
};

// An exchange's roster: its personal values opened or withheld by role.
export const BcnQueriesController = instanceQueriesController(BCN_QUERIES, 'BcnQueriesController');
OpensPersonalData()(BcnQueriesController);
