import { assertEvent, assign, setup } from 'xstate';
import { allOf, noticeTransitions } from '@apo/engine';
import { correctedContext } from './coe-v2-correction-effects';
import { COE_V2_DEADLINE_KINDS } from './coe-v2-deadlines';
import * as effect from './coe-v2-effects';
import type { CoeV2Event, CoeV2EventData } from './coe-v2-events';
import { initialCoeV2Context, type CoeV2Context, type NextStage } from './coe-v2-model';

type Args = { context: CoeV2Context; event: CoeV2Event };
type Effect<T extends keyof CoeV2EventData> = (context: CoeV2Context, data: CoeV2EventData[T]) => Partial<CoeV2Context>;
/** The action applying `fn` to an event of `type`: asserted, so its data is that type's. */
const apply = <T extends keyof CoeV2EventData>(type: T, fn: Effect<T>) =>
  assign<CoeV2Context, CoeV2Event, undefined, CoeV2Event, never>(({ context, event }) => {
    assertEvent(event, type);
    return fn(context, event.data as CoeV2EventData[T]);
  });
const stage = (value: NextStage) => ({ type: 'stageIs', params: { stage: value } }) as const;

/**
 * The COE life cycle, version 2: the Governing Body designates on its date and the COE starts
 * on its launch; the 1-3-1 cycle ends in the COE network (status assessments, next-stage
 * decisions) instead of a final graduation; any recorded fact can be corrected. Pure like
 * version 1: guards read the context (and the event's own data where a decision says who
 * decided), `assign` copies facts decide computed. Ended states (rejected, retired,
 * terminated, withdrawn) have no way out but accept corrections of what was recorded.
 */
export const coeMachineV2 = setup({
  types: { context: {} as CoeV2Context, events: {} as CoeV2Event },
  guards: {
    /** Advancing (and completing the cycle) needs an assessment of the current period recommending `advance`. */
    hasAdvanceAssessment: ({ context }: Args) => context.lastAssessment?.recommendation === 'advance',
    /** A Secretariat extension needs an assessment of the current period recommending `extend`. */
    extensionJustified: ({ context, event }: Args) =>
      !(event.type === 'PhaseExtended' && event.data.decidedBy === 'secretariat') || context.lastAssessment?.recommendation === 'extend',
    /** Termination needs a `terminate` assessment unless the Governing Body decided it. */
    terminationJustified: ({ context, event }: Args) =>
      !(event.type === 'CoeTerminated' && event.data.basis === 'assessment') || context.lastAssessment?.recommendation === 'terminate',
    /** A Secretariat next-stage decision follows the latest status assessment's recommendation. */
    nextStageJustified: ({ context, event }: Args) =>
      event.type !== 'NextStageDecided' || event.data.decidedBy !== 'secretariat' || context.lastStatusAssessment?.recommendedStage === event.data.stage,
    stageIs: ({ event }: Args, params: { stage: NextStage }) => event.type === 'NextStageDecided' && event.data.stage === params.stage,
    suspendedFromNetwork: ({ context }: Args) => context.suspendedFrom === 'network',
    /** Only an instance entered from history is brought up to date. */
    isHistorical: ({ context }: Args) => context.historical,
  },
  actions: {
    recordApplication: apply('ApplicationSubmitted', effect.applicationSubmitted),
    recordReviewStart: apply('ReviewStarted', effect.dated('reviewStart', 'startedOn')),
    recordRejection: apply('ApplicationRejected', effect.dated('rejection', 'decidedOn')),
    recordDesignation: apply('CoeDesignated', effect.coeDesignated),
    launch: apply('CoeLaunched', effect.coeLaunched),
    recordAssessment: apply('AssessmentRecorded', effect.assessmentRecorded),
    startNextPeriod: apply('PhaseAdvanced', effect.phaseAdvanced),
    extendPeriod: apply('PhaseExtended', effect.phaseExtended),
    completeCycle: apply('CycleCompleted', effect.cycleCompleted),
    recordStatusAssessment: apply('StatusAssessmentRecorded', effect.statusAssessmentRecorded),
    decideNextStage: apply('NextStageDecided', effect.nextStageDecided),
    recordTermination: apply('CoeTerminated', effect.coeTerminated),
    recordWithdrawal: apply('CoeWithdrawn', effect.dated('withdrawal', 'withdrawnOn')),
    markSuspended: assign(({ context, event }: Args, params: { from: 'active' | 'network' }) => {
      assertEvent(event, 'CoeSuspended');
      return effect.coeSuspended(context, event.data, params.from);
    }),
    reinstate: apply('CoeReinstated', effect.coeReinstated),
    recordActivity: apply('ActivityRecorded', effect.recorded('activities', 'activityId')),
    recordPublication: apply('PublicationRecorded', effect.recorded('publications', 'publicationId')),
    recordReplication: apply('ReplicationRecorded', effect.recorded('replications', 'replicationId')),
    submitProposal: apply('AnnualProposalSubmitted', effect.proposalSubmitted),
    approveProposal: apply('AnnualProposalApproved', effect.proposalSettled('approved')),
    returnProposal: apply('AnnualProposalReturned', effect.proposalSettled('returned')),
    waiveClosingDate: apply('ProposalClosingDateWaived', effect.closingDateWaived),
    applyCorrection: apply('RecordCorrected', correctedContext),
    completeHistoricalEntry: apply('HistoricalEntryCompleted', effect.historicalEntryCompleted),
    // A notice changes nothing the machine decides on; XState needs an action to take the transition.
    noteDeadline: () => undefined,
  },
}).createMachine({
  id: 'coe',
  initial: 'new',
  context: initialCoeV2Context,
  states: {
    /** No application yet: the stream does not exist. */
    new: { on: { ApplicationSubmitted: { target: 'applied', actions: 'recordApplication' } } },
    /** An NPO nominated a host institution; applications are accepted all year. */
    applied: { on: { ...always(), ReviewStarted: { target: 'underReview', actions: 'recordReviewStart' }, CoeWithdrawn: withdrawal() } },
    /** The Secretariat reviews the application before the Governing Body decides. */
    underReview: {
      on: {
        ...always(),
        ApplicationRejected: { target: 'rejected', actions: 'recordRejection' },
        CoeDesignated: { target: 'designated', actions: 'recordDesignation' },
        CoeWithdrawn: withdrawal(),
      },
    },
    /** Designated by the Governing Body, launching on the planned date (a `launch` deadline reminds). */
    designated: {
      on: {
        ...always(),
        CoeLaunched: { target: 'active', actions: 'launch' },
        CoeTerminated: termination(),
        CoeWithdrawn: withdrawal(),
        ...noticeTransitions(COE_V2_DEADLINE_KINDS.launch),
      },
    },
    /** A launched COE moving through 1-3-1; suspension returns here exactly (deep history). */
    active: {
      initial: 'designation',
      on: {
        ...always(),
        AssessmentRecorded: { actions: 'recordAssessment' },
        PhaseExtended: { guard: 'extensionJustified', actions: 'extendPeriod' },
        ActivityRecorded: { actions: 'recordActivity' },
        PublicationRecorded: { actions: 'recordPublication' },
        CoeSuspended: { target: 'suspended', actions: { type: 'markSuspended', params: { from: 'active' } } },
        CoeTerminated: termination(),
        CoeWithdrawn: withdrawal(),
        ...noticeTransitions(COE_V2_DEADLINE_KINDS.assessment),
        ...noticeTransitions(COE_V2_DEADLINE_KINDS.decision),
      },
      states: {
        /** Designation year, from the actual launch date. */
        designation: { on: { PhaseAdvanced: advance('delivery') } },
        /** Three delivery years; annual proposals are due by the closing date each year. */
        delivery: {
          initial: 'year1',
          on: { ...proposals(), ...noticeTransitions(COE_V2_DEADLINE_KINDS.proposal) },
          states: {
            year1: { on: { PhaseAdvanced: advance('year2') } },
            year2: { on: { PhaseAdvanced: advance('year3') } },
            year3: { on: { PhaseAdvanced: advance('#coe.active.replication') } },
          },
        },
        /** Replication year; advancing out of it completes the cycle and enters the network. */
        replication: {
          on: {
            ...proposals(),
            ...noticeTransitions(COE_V2_DEADLINE_KINDS.proposal),
            ReplicationRecorded: { actions: 'recordReplication' },
            CycleCompleted: { target: '#coe.network', guard: 'hasAdvanceAssessment', actions: 'completeCycle' },
          },
        },
        history: { type: 'history', history: 'deep' },
      },
    },
    /** After the cycle: status assessments every N months and decisions on the next stage. Never final by itself. */
    network: {
      initial: 'continuedSupport',
      on: {
        ...always(),
        StatusAssessmentRecorded: { actions: 'recordStatusAssessment' },
        NextStageDecided: [
          { target: '#coe.retired', guard: allOf([stage('retired'), 'nextStageJustified']), actions: 'decideNextStage' },
          { target: '#coe.network.member', guard: allOf([stage('networkMember'), 'nextStageJustified']), actions: 'decideNextStage' },
          { target: '#coe.network.continuedSupport', guard: 'nextStageJustified', actions: 'decideNextStage' },
        ],
        ActivityRecorded: { actions: 'recordActivity' },
        PublicationRecorded: { actions: 'recordPublication' },
        ReplicationRecorded: { actions: 'recordReplication' },
        CoeSuspended: { target: 'suspended', actions: { type: 'markSuspended', params: { from: 'network' } } },
        CoeTerminated: termination(),
        CoeWithdrawn: withdrawal(),
        ...noticeTransitions(COE_V2_DEADLINE_KINDS.statusAssessment),
      },
      states: {
        /** Supported by the APO: annual proposals are accepted. */
        continuedSupport: { on: proposals() },
        /** In the network without APO funding. */
        member: {},
        history: { type: 'history', history: 'deep' },
      },
    },
    /** Paused with a reason; reinstatement returns to exactly the prior phase, year or stage. */
    suspended: {
      on: {
        ...always(),
        CoeReinstated: [
          { target: '#coe.network.history', guard: 'suspendedFromNetwork', actions: 'reinstate' },
          { target: '#coe.active.history', actions: 'reinstate' },
        ],
        CoeTerminated: termination(),
        CoeWithdrawn: withdrawal(),
        ...noticeTransitions(COE_V2_DEADLINE_KINDS.assessment),
        ...noticeTransitions(COE_V2_DEADLINE_KINDS.decision),
        ...noticeTransitions(COE_V2_DEADLINE_KINDS.statusAssessment),
      },
    },
    /** Ended: nothing moves them on; what was recorded can still be corrected. */
    rejected: { on: always() },
    retired: { on: always() },
    terminated: { on: always() },
    withdrawn: { on: always() },
  },
});

/** Accepted in every state after the application. */
function always() {
  return {
    RecordCorrected: { actions: 'applyCorrection' },
    HistoricalEntryCompleted: { guard: 'isHistorical', actions: 'completeHistoricalEntry' },
  } as const;
}

function advance(target: string) {
  return { target, guard: 'hasAdvanceAssessment', actions: 'startNextPeriod' } as const;
}

function termination() {
  return { target: '#coe.terminated', guard: 'terminationJustified', actions: 'recordTermination' } as const;
}

function withdrawal() {
  return { target: '#coe.withdrawn', actions: 'recordWithdrawal' } as const;
}

function proposals() {
  return {
    AnnualProposalSubmitted: { actions: 'submitProposal' },
    AnnualProposalApproved: { actions: 'approveProposal' },
    AnnualProposalReturned: { actions: 'returnProposal' },
    ProposalClosingDateWaived: { actions: 'waiveClosingDate' },
  } as const;
}

type StateNode = (typeof coeMachineV2)['root'];

/** Whether `state` (a dotted state value) has a transition for `eventType` at all, guards aside: decide checks this first. */
export function acceptsInStateV2(state: string, eventType: string): boolean {
  let node: StateNode | undefined = coeMachineV2.root;
  if (node.transitions.has(eventType)) return true;
  for (const key of state.split('.')) {
    node = (node.states as Record<string, StateNode>)[key];
    if (node === undefined) return false;
    if (node.transitions.has(eventType)) return true;
  }
  return false;
}
