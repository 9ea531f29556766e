import { HOST_TYPES } from '@apo/coe';
import { COE_OVERVIEW_REPORT } from '../../reports/coe-reports';
import { anyObject, arrayOf, bool, int, named, nullable, object, pageOf, str } from '../../http/openapi-schema';
import { reportRow } from '../../reports/shared/report-route.decorator';

const date = str({ description: 'YYYY-MM-DD, or YYYY-MM / YYYY where only the month or year is known', example: '2031-03' });
const governingBodyDecision = object({ decision: str({ example: 'designationDecision' }), meeting: str(), decisionDate: date });

/** GET /coes/:id: what every definition version answers, and what version 2 describes (version 1 has its own extras). */
export const COE_VIEW = named(
  'CoeView',
  object(
    {
      id: str({ example: 'th-digital' }),
      revision: int({ description: 'Revision of the stream (send it in If-Match)', example: 7 }),
      definitionVersion: int({ description: 'The definition version the COE was recorded with', example: 2 }),
      state: str({ example: 'active.delivery.year1' }),
      allowedEvents: arrayOf(str(), { description: 'The events the definition allows now' }),
      overdue: bool({ description: 'A deadline the definition holds open is past due today' }),
    },
    {
      name: nullable(str()),
      memberEconomy: nullable(str()),
      focusArea: nullable(str()),
      nominatingNpo: nullable(str()),
      hostInstitution: nullable(object({ name: str(), type: str({ enum: [...HOST_TYPES] }) })),
      appliedOn: nullable(str()),
      phase: str({ example: 'delivery' }),
      stage: nullable(str()),
      status: nullable(str({ example: 'in delivery year 1' })),
      period: nullable(str({ example: 'delivery.year1' })),
      periodStart: nullable(date),
      periodDueDate: nullable(date),
      dueDate: nullable(str({ format: 'date', description: 'The earliest open deadline' })),
      nextDeadline: nullable(anyObject('The earliest open deadline: key, kind, label, dueDate')),
      openDeadlines: int(),
      suspended: bool(),
      designation: nullable(object({ meeting: str(), decisionDate: date })),
      plannedLaunchDate: nullable(date),
      launchDate: nullable(date),
      governingBodyDecisions: arrayOf(governingBodyDecision),
      extensions: arrayOf(anyObject('An extension decided by the Governing Body')),
      lastAssessment: nullable(anyObject('The last assessment recorded')),
      lastStatusAssessment: nullable(anyObject('The last status assessment recorded (network stage)')),
      records: anyObject('Records kept, counted by kind (activities, publications, replications)'),
      historical: bool({ description: 'Entered as history (docs/import.md)' }),
      upToDate: nullable(date),
      ended: bool(),
    },
    { additionalProperties: true, description: "Keys beyond these are the description of the COE's definition version (version 1: its own)." },
  ),
);

/** GET /coes: a page of the COE overview read model (the rows of /reports/coe-overview). */
export const COE_LIST_PAGE = named('CoeListPage', pageOf(reportRow(COE_OVERVIEW_REPORT)));
