import { assertEvent, assign, setup } from 'xstate';
import { allOf, noticeTransitions, type JsonObject } from '@apo/engine';
import type { CoeEvent } from './coe-events';
import { COE_DEADLINE_KINDS } from './coe-deadlines';
import { initialCoeContext, phaseOf, type CoeContext, type ProposalStatus } from './coe-model';

type Kinds = typeof COE_DEADLINE_KINDS;
/** A scheduler's notice (a report due soon, ...): the machine notes it, nothing more. */
type CoeNotice = { readonly type: { [K in keyof Kinds]: Kinds[K][keyof Kinds[K]] }[keyof Kinds]; readonly data: JsonObject };
type CoeMachineEvent = CoeEvent | CoeNotice;

type Args = { context: CoeContext; event: CoeMachineEvent };

const withProposalStatus = ({ context, event }: Args, status: ProposalStatus): Partial<CoeContext> => {
  assertEvent(event, ['AnnualProposalApproved', 'AnnualProposalReturned']);
  const { proposalId } = event.data;
  return { proposals: { ...context.proposals, [proposalId]: { ...context.proposals[proposalId], status } } };
};

/**
 * The COE "1-3-1" life cycle. Pure: named guards read only the context (so `can()` answers
 * "is this possible now" for any payload), and `assign` copies facts that decide computed into
 * the event. No delays, clocks or side effects: deadlines live in a durable scheduler outside.
 */
export const coeMachine = setup({
  types: { context: {} as CoeContext, events: {} as CoeMachineEvent },
  guards: {
    /** Advancing needs an assessment of the current period recommending `advance`. */
    hasAdvanceAssessment: ({ context }: Args) => context.lastAssessment?.recommendation === 'advance',
    /** An extension needs an assessment of the current period recommending `extend`. */
    hasExtendAssessment: ({ context }: Args) => context.lastAssessment?.recommendation === 'extend',
    /** One extension per phase (delivery counts as one phase across its three years). */
    extensionAvailable: ({ context }: Args) => context.period !== undefined && !context.extensionsUsed.includes(phaseOf(context.period.key)),
    /** Termination needs a `terminate` assessment unless the Governing Body decided it. */
    terminationJustified: ({ context, event }: Args) =>
      !(event.type === 'CoeTerminated' && event.data.basis === 'assessment') || context.lastAssessment?.recommendation === 'terminate',
  },
  actions: {
    recordApplication: assign(({ event }) => {
      assertEvent(event, 'ApplicationSubmitted');
      const d = event.data;
      return { name: d.name, memberEconomy: d.memberEconomy, focusArea: d.focusArea, appliedOn: d.appliedOn };
    }),
    startDesignation: assign(({ event }) => {
      assertEvent(event, 'CoeDesignated');
      const d = event.data;
      return { launchDate: d.launchDate, period: d.period, lastAssessment: undefined };
    }),
    recordAssessment: assign(({ event }) => {
      assertEvent(event, 'AssessmentRecorded');
      const d = event.data;
      return {
        lastAssessment: { assessmentId: d.assessmentId, assessedOn: d.assessedOn, recommendation: d.recommendation, overall: d.overall },
      };
    }),
    startNextPeriod: assign(({ event }) => {
      assertEvent(event, 'PhaseAdvanced');
      return { period: event.data.period, lastAssessment: undefined };
    }),
    extendPeriod: assign(({ context, event }) => {
      assertEvent(event, 'PhaseExtended');
      const d = event.data;
      const period = context.period as NonNullable<CoeContext['period']>;
      return {
        period: { ...period, dueDate: d.dueDate, extendedMonths: period.extendedMonths + d.months },
        extensionsUsed: [...context.extensionsUsed, phaseOf(period.key)],
        // The `extend` recommendation is used up: advancing needs a fresh assessment.
        lastAssessment: undefined,
      };
    }),
    // Record events need an action: XState ignores a transition with neither target nor actions.
    countActivity: assign(({ context }) => ({ records: { ...context.records, activities: context.records.activities + 1 } })),
    countPublication: assign(({ context }) => ({ records: { ...context.records, publications: context.records.publications + 1 } })),
    countReplication: assign(({ context }) => ({ records: { ...context.records, replications: context.records.replications + 1 } })),
    markSuspended: assign(({ event }) => {
      assertEvent(event, 'CoeSuspended');
      return { suspendedSince: event.data.suspendedOn };
    }),
    clearSuspended: assign({ suspendedSince: undefined }),
    submitProposal: assign(({ context, event }) => {
      assertEvent(event, 'AnnualProposalSubmitted');
      const d = event.data;
      return { proposals: { ...context.proposals, [d.proposalId]: { programmeYear: d.programmeYear, status: 'submitted' as const } } };
    }),
    approveProposal: assign((args) => withProposalStatus(args, 'approved')),
    returnProposal: assign((args) => withProposalStatus(args, 'returned')),
    // A scheduler's notice changes nothing the machine decides on: the deadlines read model and
    // the webhooks are its readers. An action is still needed for XState to take the transition.
    noteDeadline: () => undefined,
    waiveClosingDate: assign(({ context, event }) => {
      assertEvent(event, 'ProposalClosingDateWaived');
      return { waivedYears: [...context.waivedYears, event.data.programmeYear] };
    }),
  },
}).createMachine({
  id: 'coe',
  initial: 'new',
  context: initialCoeContext,
  states: {
    /** No application yet: the stream does not exist. */
    new: { on: { ApplicationSubmitted: { target: 'applied', actions: 'recordApplication' } } },
    /** An NPO nominated a host institution; applications are accepted all year. */
    applied: { on: { ReviewStarted: 'underReview', CoeWithdrawn: 'withdrawn' } },
    /** The Secretariat reviews the application before the Governing Body decides. */
    underReview: {
      on: {
        ApplicationRejected: 'rejected',
        CoeDesignated: { target: 'active', actions: 'startDesignation' },
        CoeWithdrawn: 'withdrawn',
      },
    },
    /** A designated COE moving through 1-3-1; suspension returns here exactly (deep history). */
    active: {
      initial: 'designation',
      on: {
        AssessmentRecorded: { actions: 'recordAssessment' },
        PhaseExtended: { guard: allOf(['hasExtendAssessment', 'extensionAvailable']), actions: 'extendPeriod' },
        ActivityRecorded: { actions: 'countActivity' },
        PublicationRecorded: { actions: 'countPublication' },
        CoeSuspended: { target: 'suspended', actions: 'markSuspended' },
        CoeTerminated: { target: 'terminated', guard: 'terminationJustified' },
        CoeWithdrawn: 'withdrawn',
        ...noticeTransitions(COE_DEADLINE_KINDS.assessment),
      },
      states: {
        /** Designation year: the COE builds its programme from the launch date. */
        designation: { on: { PhaseAdvanced: { target: 'delivery', guard: 'hasAdvanceAssessment', actions: 'startNextPeriod' } } },
        /** Three delivery years; annual proposals are due by the closing date each year. */
        delivery: {
          initial: 'year1',
          on: proposalTransitions(),
          states: {
            year1: { on: { PhaseAdvanced: { target: 'year2', guard: 'hasAdvanceAssessment', actions: 'startNextPeriod' } } },
            year2: { on: { PhaseAdvanced: { target: 'year3', guard: 'hasAdvanceAssessment', actions: 'startNextPeriod' } } },
            year3: {
              on: { PhaseAdvanced: { target: '#coe.active.replication', guard: 'hasAdvanceAssessment', actions: 'startNextPeriod' } },
            },
          },
        },
        /** Replication year: know-how transferred to other member economies. */
        replication: {
          on: {
            ...proposalTransitions(),
            ReplicationRecorded: { actions: 'countReplication' },
            CoeGraduated: { target: '#coe.graduated', guard: 'hasAdvanceAssessment' },
          },
        },
        history: { type: 'history', history: 'deep' },
      },
    },
    /** Paused with a reason; reinstatement returns to exactly the prior phase and year. */
    suspended: {
      on: {
        ...noticeTransitions(COE_DEADLINE_KINDS.assessment),
        CoeReinstated: { target: '#coe.active.history', actions: 'clearSuspended' },
        CoeTerminated: { target: 'terminated', guard: 'terminationJustified' },
        CoeWithdrawn: 'withdrawn',
      },
    },
    rejected: { type: 'final' },
    graduated: { type: 'final' },
    terminated: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});

function proposalTransitions() {
  return {
    AnnualProposalSubmitted: { actions: 'submitProposal' },
    AnnualProposalApproved: { actions: 'approveProposal' },
    AnnualProposalReturned: { actions: 'returnProposal' },
    ProposalClosingDateWaived: { actions: 'waiveClosingDate' },
    ...noticeTransitions(COE_DEADLINE_KINDS.proposal),
  } as const;
}
