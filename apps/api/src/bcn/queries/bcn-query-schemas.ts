import { MODALITIES, ORIGINS } from '@apo/bcn';
import { BCN_EXCHANGES_REPORT } from '../../reports/bcn-reports';
import { arrayOf, bool, int, named, nullable, object, pageOf, str } from '../../http/openapi-schema';
import { reportRow } from '../../reports/shared/report-route.decorator';
import { PERSONAL_TEXT } from '../../privacy/personal-value.schema';

const date = str({ description: 'YYYY-MM-DD, or YYYY-MM / YYYY where only the month or year is known', example: '2031-03' });
const npo = named('NpoRef', object({ economy: str({ example: 'TH' }), name: str({ example: 'Foundation for Thailand Productivity Institute' }) }));
const participant = object(
  { name: PERSONAL_TEXT, position: PERSONAL_TEXT, category: str() },
  { personId: str({ description: 'The data subject: the id to erase (POST /privacy/subjects/{subject}/erasure) or report their data by' }) },
);

const REPLICATION_ITEM = named(
  'ReplicationItem',
  object({
    coeId: str(),
    replicationId: str(),
    targetEconomy: str(),
    description: str(),
    date,
    bcnExchangeId: nullable(str()),
    correctedBy: nullable(str({ description: "The last correction's position (null: as recorded)" })),
    position: str(),
  }),
);

/** GET /bcn-exchanges/:id. */
export const BCN_EXCHANGE_VIEW = named(
  'BcnExchangeView',
  object({
    id: str({ example: 'bcn-2030-th-la' }),
    revision: int({ description: 'Revision of the stream (send it in If-Match)' }),
    definitionVersion: int({ description: 'The definition version the exchange runs (GET /definitions/bcn/:version/machine)', example: 1 }),
    state: str({ example: 'approved' }),
    allowedEvents: arrayOf(str()),
    overdue: bool({ description: 'A deadline the definition holds open is past due today' }),
    nextDeadline: nullable(
      object(
        { key: str(), kind: str(), dueDate: str({ format: 'date' }), label: str({ example: 'Exchange report' }) },
        {},
        { description: 'The earliest deadline the definition holds open' },
      ),
    ),
    title: nullable(str()),
    topic: nullable(str()),
    programmeYear: nullable(int()),
    origin: nullable(str({ enum: [...ORIGINS] })),
    sendingNpo: nullable(npo),
    hostingNpo: nullable(npo),
    window: nullable(int()),
    closingDate: nullable(date),
    draftedOn: nullable(str()),
    appliedOn: nullable(str()),
    decidedOn: nullable(str()),
    schedule: nullable(
      object({
        startDate: date,
        endDate: date,
        modality: str({ enum: [...MODALITIES] }),
        venue: nullable(str()),
        participantLimit: int(),
        participants: arrayOf(participant),
      }),
    ),
    implementedOn: nullable(str()),
    reportedOn: nullable(str()),
    followUps: int(),
    lastFollowUpOn: nullable(str()),
    closedOn: nullable(str()),
    withdrawnOn: nullable(str()),
    coeReplications: nullable(
      arrayOf(REPLICATION_ITEM, { description: 'The COE replications that cite this exchange, from the read models (null while they are unavailable)' }),
    ),
    readModelPosition: str({ description: 'The read models\' position behind coeReplications ("0" when unavailable)' }),
  }),
);

/** GET /bcn-exchanges: a page of the BCN read model (the rows of /reports/bcn-exchanges). */
export const BCN_EXCHANGE_LIST_PAGE = named('BcnExchangeListPage', pageOf(reportRow(BCN_EXCHANGES_REPORT)));
