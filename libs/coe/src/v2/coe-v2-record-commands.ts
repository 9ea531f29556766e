import { definitelyBefore, type CommandRoute, type InputReader, type JsonObject } from '@apo/engine';
import { MEMBER_ECONOMY_CODES } from '@apo/reference';
import { proposalClosingDate } from '../coe-calendar';
import { ACTIVITY_KINDS, PUBLICATION_KINDS } from '../coe-model';
import { COE_RULES, ensure } from '../coe-rules';
import type { CoeV2Config } from './coe-v2-calendar';
import { ADMINS, ASSESSORS, coeCommand, type CoeV2Input, type CoeV2Spec } from './coe-v2-command';
import { withinLife } from './coe-v2-dates';
import type { RecordKind } from './coe-v2-model';

const MEMBER = 'an APO member economy ISO code';
const participant = (p: InputReader) => ({ economy: p.code('economy', MEMBER_ECONOMY_CODES, MEMBER), count: p.integer('count', 1, 100_000) });

export const activityFields = (r: InputReader, optional = false) => ({
  kind: r.oneOf('kind', ACTIVITY_KINDS, { optional }),
  title: r.string('title', { max: 300, optional }),
  date: r.businessDate('date', { optional }),
  participants: r.list('participants', participant, { max: 21, optional }),
  outputs: r.strings('outputs', { optional: true }),
});
export const publicationFields = (r: InputReader, optional = false) => ({
  kind: r.oneOf('kind', PUBLICATION_KINDS, { optional }),
  title: r.string('title', { max: 300, optional }),
  date: r.businessDate('date', { optional }),
});
export const replicationFields = (r: InputReader, optional = false) => ({
  targetEconomy: r.code('targetEconomy', MEMBER_ECONOMY_CODES, MEMBER, { optional }),
  description: r.text('description', { max: 5000, optional }),
  date: r.businessDate('date', { optional }),
  bcnExchangeId: r.string('bcnExchangeId', { optional: true, max: 100 }),
});

/** A replication transfers know-how to another member economy than the COE's own. */
export function notOwnEconomy(input: CoeV2Input, targetEconomy: string | undefined): void {
  if (targetEconomy === undefined) return;
  ensure(
    targetEconomy !== input.context.memberEconomy,
    COE_RULES.REPLICATION_SAME_ECONOMY,
    `replication transfers know-how to another member economy than ${targetEconomy}, the COE's own`,
    {
      targetEconomy,
    },
  );
}

/** A record with its own id: dated within the COE's life, in any order, and recorded once. */
function record(
  kind: RecordKind,
  idField: string,
  eventType: string,
  fields: (r: InputReader) => JsonObject & { date: string },
  http: CommandRoute,
  check?: (input: CoeV2Input, d: JsonObject) => void,
) {
  return coeCommand(
    ASSESSORS,
    eventType,
    (r) => ({ [idField]: r.string(idField, { max: 100 }), ...fields(r) }),
    (input, d) => {
      const id = d[idField] as string;
      ensure(
        !Object.hasOwn(input.context.records[kind], id),
        COE_RULES.RECORD_ID_TAKEN,
        `${idField} ${id} is already recorded; correct it with CorrectRecord`,
        { [idField]: id },
      );
      withinLife(input, d.date as string, 'date');
      check?.(input, d);
      return [{ type: eventType, data: d }];
    },
    http,
  );
}

function settleProposal(eventType: string, dateField: string, http: CommandRoute): CoeV2Spec {
  return coeCommand(
    ASSESSORS,
    eventType,
    (r) => ({ proposalId: r.string('proposalId', { max: 100 }), [dateField]: r.businessDate(dateField), reason: r.text('reason', { optional: true }) }),
    (input, d) => {
      withinLife(input, d[dateField] as string, dateField);
      const proposal = input.context.proposals[d.proposalId as string];
      ensure(proposal !== undefined, COE_RULES.PROPOSAL_NOT_FOUND, `no proposal ${d.proposalId}`);
      ensure(proposal.status === 'submitted', COE_RULES.PROPOSAL_NOT_PENDING, `proposal ${d.proposalId} is already ${proposal.status}`);
      return [{ type: eventType, data: { ...d, programmeYear: proposal.programmeYear } }];
    },
    http,
  );
}

const proposalInput = (r: InputReader) => ({
  proposalId: r.string('proposalId', { max: 100 }),
  programmeYear: r.integer('programmeYear', 2000, 2100),
  title: r.string('title', { max: 300 }),
  submittedOn: r.businessDate('submittedOn'),
});

/** Annual proposals, waivers, activities, publications and replications (records: any order, within the COE's life). */
export function recordCommandsV2(config: CoeV2Config): Record<string, CoeV2Spec> {
  return {
    SubmitProposal: coeCommand(
      ASSESSORS,
      'AnnualProposalSubmitted',
      proposalInput,
      (input, d) => {
        withinLife(input, d.submittedOn, 'submittedOn');
        const proposals = input.context.proposals;
        ensure(!Object.hasOwn(proposals, d.proposalId), COE_RULES.PROPOSAL_ID_TAKEN, `proposal ${d.proposalId} already exists`);
        const open = Object.values(proposals).some((p) => p.programmeYear === d.programmeYear && p.status !== 'returned');
        ensure(!open, COE_RULES.PROPOSAL_ALREADY_SUBMITTED, `a proposal for ${d.programmeYear} is already submitted or approved`);
        const closingDate = proposalClosingDate(config, d.programmeYear);
        // Late only when every day the submission date covers is after the closing date.
        const late = definitelyBefore(closingDate, d.submittedOn);
        const waived = input.context.waivedYears.includes(d.programmeYear);
        ensure(
          !late || waived,
          COE_RULES.PROPOSAL_CLOSING_DATE_PASSED,
          `submitted on ${d.submittedOn}, after the ${d.programmeYear} closing date ${closingDate}; an admin may record a waiver`,
          {
            submittedOn: d.submittedOn,
            closingDate,
          },
        );
        return [{ type: 'AnnualProposalSubmitted', data: { ...d, closingDate, late } }];
      },
      { path: 'proposals', summary: 'Submit the annual proposal (closing date 31 March unless configured or waived)' },
    ),
    ApproveProposal: settleProposal('AnnualProposalApproved', 'approvedOn', { path: 'proposals/approval', summary: 'Approve a submitted proposal' }),
    ReturnProposal: settleProposal('AnnualProposalReturned', 'returnedOn', { path: 'proposals/return', summary: 'Return a submitted proposal' }),
    WaiveClosingDate: coeCommand(
      ADMINS,
      'ProposalClosingDateWaived',
      (r) => ({ programmeYear: r.integer('programmeYear', 2000, 2100), reason: r.text('reason'), waivedOn: r.businessDate('waivedOn') }),
      (input, d) => {
        withinLife(input, d.waivedOn, 'waivedOn');
        ensure(!input.context.waivedYears.includes(d.programmeYear), COE_RULES.WAIVER_ALREADY_RECORDED, `${d.programmeYear} already has a waiver`);
        return [{ type: 'ProposalClosingDateWaived', data: d }];
      },
      { path: 'closing-date-waivers', summary: 'Waive the proposal closing date for a programme year' },
    ),
    RecordActivity: record('activities', 'activityId', 'ActivityRecorded', (r) => activityFields(r), {
      path: 'activities',
      summary: 'Record an activity with participants by member economy',
    }),
    RecordPublication: record('publications', 'publicationId', 'PublicationRecorded', (r) => publicationFields(r), {
      path: 'publications',
      summary: 'Record a publication',
    }),
    RecordReplication: record(
      'replications',
      'replicationId',
      'ReplicationRecorded',
      (r) => replicationFields(r),
      { path: 'replications', summary: 'Record knowledge transfer to another member economy' },
      (input, d) => notOwnEconomy(input, d.targetEconomy as string),
    ),
  };
}
