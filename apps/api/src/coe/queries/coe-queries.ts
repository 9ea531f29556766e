import { listCoeOverview } from '@apo/read-queries';
import { instanceQueriesController, type InstanceQueries } from '../../http/instance-queries';
import { todayOf } from '../../http/today';
import { COE_LIST_PAGE, COE_VIEW } from './coe-query-schemas';
import { coeView } from './coe-view';
import { ListCoesRequestDto } from './list-coes.request.dto';

/** GET /coes/:id from the COE's stream, GET /coes from the COE overview read model. */
export const COE_QUERIES: InstanceQueries<ListCoesRequestDto> = {
  collection: 'coes',
  tag: 'COE queries',
  get: {
    operationId: 'getCoe',
    summary: 'One COE: state, events allowed now, due date, overdue, as its definition version describes it',
    description:
      'From the COE\'s own stream (always current). `definitionVersion` is the version the COE was recorded with; the rest is that version\'s description. Version 2: host institution and nominating NPO, `status` ("designated, launching on 2026-01", "in delivery year 2", "in the COE network (continued support)"), `stage`, the Governing Body decisions, extensions, `nextDeadline`, `openDeadlines`, `dueDate` (the earliest open deadline), `historical` and `upToDate`. `overdue`: one of the deadlines the COE\'s definition holds open is past due today (the rule of /deadlines and the reports).',
    answer: 'The COE; ETag carries its revision',
    schema: COE_VIEW,
    notFound: 'NOT_FOUND: no COE with this id',
    read: coeView,
  },
  list: {
    operationId: 'listCoes',
    summary: 'List COEs by phase, member economy, focus area, host institution, host type, nominating NPO, due date or overdue',
    description:
      'Served from the COE overview read model, which follows the event log asynchronously. To see your own writes, send the X-Log-Position of your last command as X-Min-Position (or ?minPosition=).',
    answer: 'A page of COEs',
    schema: COE_LIST_PAGE,
    request: ListCoesRequestDto,
    read: ({ readStore, clock }, filter) => listCoeOverview(readStore, { ...filter, today: todayOf(clock) }),
  },
};

export const CoeQueriesController = instanceQueriesController(COE_QUERIES, 'CoeQueriesController');
