import { readInput, type CommandSpec, type DecideInput, type InputReader } from '@apo/engine';
import { MEMBER_ECONOMY_CODES } from '@apo/reference';
import { proposalClosingDate, type CoeConfig } from './coe-calendar';
import { notInFuture } from './coe-lifecycle-commands';
import { ACTIVITY_KINDS, PUBLICATION_KINDS, type CoeContext } from './coe-model';
import { COE_RULES, ensure } from './coe-rules';

type Spec = CommandSpec<CoeContext>;
type Input = DecideInput<CoeContext>;

const ASSESSORS = ['assessor', 'admin'];
const MEMBER = 'an APO member economy ISO code';

/** Records belong to the COE's active life: not before its launch, not in the future. */
function withinLife(input: Input, date: string, field: string): void {
  notInFuture(input, date, field);
  const launch = input.context.launchDate;
  if (launch) ensure(date >= launch, COE_RULES.DATE_BEFORE_LAUNCH, `${field} ${date} is before the COE's launch on ${launch}`, { field });
}

const participant = (p: InputReader) => ({ economy: p.code('economy', MEMBER_ECONOMY_CODES, MEMBER), count: p.integer('count', 1, 100_000) });

/** Annual proposals, waivers, activities, publications and replication records. */
export function recordCommands(config: CoeConfig): Record<string, Spec> {
  return {
    SubmitProposal: {
      roles: ASSESSORS,
      emits: ['AnnualProposalSubmitted'],
      decide: (input, data) => {
        const d = readInput(data, (r) => ({
          proposalId: r.string('proposalId', { max: 100 }),
          programmeYear: r.integer('programmeYear', 2000, 2100),
          title: r.string('title', { max: 300 }),
          submittedOn: r.date('submittedOn'),
        }));
        notInFuture(input, d.submittedOn, 'submittedOn');
        const proposals = input.context.proposals;
        ensure(!Object.hasOwn(proposals, d.proposalId), COE_RULES.PROPOSAL_ID_TAKEN, `proposal ${d.proposalId} already exists`);
        const open = Object.values(proposals).some((p) => p.programmeYear === d.programmeYear && p.status !== 'returned');
        ensure(!open, COE_RULES.PROPOSAL_ALREADY_SUBMITTED, `a proposal for ${d.programmeYear} is already submitted or approved`);
        const closingDate = proposalClosingDate(config, d.programmeYear);
        const late = d.submittedOn > closingDate;
        const waived = input.context.waivedYears.includes(d.programmeYear);
        ensure(
          !late || waived,
          COE_RULES.PROPOSAL_CLOSING_DATE_PASSED,
          `the proposal is dated ${d.submittedOn}, after ${closingDate}, the ${d.programmeYear} closing date; an admin may record a waiver`,
          {
            submittedOn: d.submittedOn,
            closingDate,
          },
        );
        return [{ type: 'AnnualProposalSubmitted', data: { ...d, closingDate, late } }];
      },
    },
    ApproveProposal: {
      roles: ASSESSORS,
      emits: ['AnnualProposalApproved'],
      decide: (input, data) => settleProposal(input, data, 'AnnualProposalApproved', 'approvedOn'),
    },
    ReturnProposal: {
      roles: ASSESSORS,
      emits: ['AnnualProposalReturned'],
      decide: (input, data) => settleProposal(input, data, 'AnnualProposalReturned', 'returnedOn'),
    },
    WaiveClosingDate: {
      roles: ['admin'],
      emits: ['ProposalClosingDateWaived'],
      decide: (input, data) => {
        const d = readInput(data, (r) => ({ programmeYear: r.integer('programmeYear', 2000, 2100), reason: r.text('reason'), waivedOn: r.date('waivedOn') }));
        notInFuture(input, d.waivedOn, 'waivedOn');
        ensure(!input.context.waivedYears.includes(d.programmeYear), COE_RULES.WAIVER_ALREADY_RECORDED, `${d.programmeYear} already has a waiver`);
        return [{ type: 'ProposalClosingDateWaived', data: d }];
      },
    },
    RecordActivity: {
      roles: ASSESSORS,
      emits: ['ActivityRecorded'],
      decide: (input, data) => {
        const d = readInput(data, (r) => ({
          activityId: r.string('activityId', { max: 100 }),
          kind: r.oneOf('kind', ACTIVITY_KINDS),
          title: r.string('title', { max: 300 }),
          date: r.date('date'),
          participants: r.list('participants', participant, { max: 21 }),
          outputs: r.strings('outputs', { optional: true }),
        }));
        withinLife(input, d.date, 'date');
        return [{ type: 'ActivityRecorded', data: d }];
      },
    },
    RecordPublication: {
      roles: ASSESSORS,
      emits: ['PublicationRecorded'],
      decide: (input, data) => {
        const d = readInput(data, (r) => ({
          publicationId: r.string('publicationId', { max: 100 }),
          kind: r.oneOf('kind', PUBLICATION_KINDS),
          title: r.string('title', { max: 300 }),
          date: r.date('date'),
        }));
        withinLife(input, d.date, 'date');
        return [{ type: 'PublicationRecorded', data: d }];
      },
    },
    RecordReplication: {
      roles: ASSESSORS,
      emits: ['ReplicationRecorded'],
      decide: (input, data) => {
        const d = readInput(data, (r) => ({
          replicationId: r.string('replicationId', { max: 100 }),
          targetEconomy: r.code('targetEconomy', MEMBER_ECONOMY_CODES, MEMBER),
          description: r.text('description', { max: 5000 }),
          date: r.date('date'),
          bcnExchangeId: r.string('bcnExchangeId', { optional: true, max: 100 }),
        }));
        withinLife(input, d.date, 'date');
        ensure(d.targetEconomy !== input.context.memberEconomy, COE_RULES.REPLICATION_SAME_ECONOMY, 'replication transfers know-how to another member economy');
        return [{ type: 'ReplicationRecorded', data: d }];
      },
    },
  };
}

function settleProposal(input: Input, data: Record<string, unknown>, type: string, dateField: string) {
  const d = readInput(data, (r) => ({
    proposalId: r.string('proposalId', { max: 100 }),
    [dateField]: r.date(dateField),
    reason: r.text('reason', { optional: true }),
  }));
  notInFuture(input, d[dateField] as string, dateField);
  const proposal = input.context.proposals[d.proposalId as string];
  ensure(proposal !== undefined, COE_RULES.PROPOSAL_NOT_FOUND, `no proposal ${d.proposalId}`);
  ensure(proposal.status === 'submitted', COE_RULES.PROPOSAL_NOT_PENDING, `proposal ${d.proposalId} is already ${proposal.status}`);
  return [{ type, data: { ...d, programmeYear: proposal.programmeYear } }];
}
