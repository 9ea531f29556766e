import { definitelyBefore, lastDay, type InputReader, type NewEvent } from '@apo/engine';
import { MEMBER_ECONOMY_CODES } from '@apo/reference';
import { HOST_TYPES, nextPeriod, RECOMMENDATIONS } from '../coe-model';
import { COE_RULES, ensure } from '../coe-rules';
import { followingPeriodV2, newPeriodV2, type CoeV2Settings } from './coe-v2-calendar';
import {
  ADMINS,
  ASSESSORS,
  coeCommand,
  dated,
  GOVERNING_BODY_FIELDS,
  governingBody,
  meanScore,
  readScores,
  type CoeV2Input,
  type CoeV2Spec,
} from './coe-v2-command';
import { datedFact, notInFuture } from './coe-v2-dates';
import { extendPhase } from './coe-v2-extension-command';

const application = (r: InputReader) => {
  const historical = r.boolean('historical', { optional: true });
  return {
    name: r.string('name', { max: 300 }),
    memberEconomy: r.code('memberEconomy', MEMBER_ECONOMY_CODES, 'an APO member economy ISO code'),
    nominatingNpo: r.string('nominatingNpo', { max: 300 }),
    hostInstitution: r.object('hostInstitution', (h) => ({ name: h.string('name', { max: 300 }), type: h.oneOf('type', HOST_TYPES) })),
    focusArea: r.string('focusArea', { max: 200 }),
    appliedOn: r.businessDate('appliedOn'),
    ...(historical === true ? { historical: true as const } : {}),
  };
};

/**
 * Designation is decided on the Governing Body's date and effective from the launch: the
 * decision moves the COE to `designated`; the launch (in the same command when the launch date
 * is already past, otherwise by LaunchCoe) starts the designation period.
 */
function designate(input: CoeV2Input, d: { governingBody: { meeting: string; decisionDate: string }; launchDate: string }): NewEvent[] {
  const decisionDate = d.governingBody.decisionDate;
  datedFact(input, decisionDate, 'governingBody.decisionDate', 'designationDecision');
  ensure(
    !definitelyBefore(d.launchDate, decisionDate),
    COE_RULES.LAUNCH_BEFORE_DECISION,
    `the launch date ${d.launchDate} cannot precede the Governing Body decision of ${decisionDate}`,
    {
      launchDate: d.launchDate,
      decisionDate,
    },
  );
  const events = [dated('CoeDesignated', { governingBody: d.governingBody, plannedLaunchDate: d.launchDate }, decisionDate)];
  // A launch all of whose days are past is history: the COE launched then.
  if (lastDay(d.launchDate) <= input.today) {
    events.push(
      dated('CoeLaunched', { launchedOn: d.launchDate, plannedLaunchDate: d.launchDate, period: newPeriodV2('designation', d.launchDate) }, d.launchDate),
    );
  }
  return events;
}

function recordAssessment(input: CoeV2Input, d: ReturnType<typeof assessmentInput>): NewEvent[] {
  datedFact(input, d.assessedOn, 'assessedOn', 'assessment');
  ensure(
    !Object.hasOwn(input.context.assessments, d.assessmentId),
    COE_RULES.ASSESSMENT_ID_TAKEN,
    `assessment ${d.assessmentId} is already recorded; correct it with CorrectRecord`,
    {
      assessmentId: d.assessmentId,
    },
  );
  const period = input.context.period;
  if (period) {
    ensure(
      !definitelyBefore(d.assessedOn, period.start),
      COE_RULES.ASSESSMENT_BEFORE_PERIOD,
      `assessedOn ${d.assessedOn} is before ${period.key} began on ${period.start}`,
      {
        assessedOn: d.assessedOn,
        periodStart: period.start,
      },
    );
  }
  return [{ type: 'AssessmentRecorded', data: { ...d, period: period?.key ?? 'none', overall: d.overall ?? meanScore(d.scores) } }];
}

const assessmentInput = (r: InputReader) => ({
  assessmentId: r.string('assessmentId', { max: 100 }),
  assessedOn: r.businessDate('assessedOn'),
  scores: readScores(r),
  overall: r.number('overall', 1, 5, { optional: true }),
  recommendation: r.oneOf('recommendation', RECOMMENDATIONS),
  notes: r.text('notes', { optional: true, max: 5000 }),
});

/** Advancing out of a period starts the next one at its due date; out of replication it completes the cycle. */
function advance(input: CoeV2Input, d: { advancedOn: string }): NewEvent[] {
  const current = input.context.period;
  const next = current && nextPeriod(current.key);
  if (current && !next) {
    datedFact(input, d.advancedOn, 'advancedOn', 'cycleCompletion');
    return [{ type: 'CycleCompleted', data: { completedOn: d.advancedOn, fromPeriod: current.key, cycleEnd: current.dueDate } }];
  }
  datedFact(input, d.advancedOn, 'advancedOn', 'advance');
  const period = current && next ? followingPeriodV2(current, next) : undefined;
  return [{ type: 'PhaseAdvanced', data: { advancedOn: d.advancedOn, fromPeriod: current?.key ?? 'none', ...(period ? { period } : {}) } }];
}

function terminationInput(r: InputReader) {
  const basis = r.oneOf('basis', ['assessment', 'governingBody'] as const);
  return {
    basis,
    reason: r.text('reason'),
    terminatedOn: r.businessDate('terminatedOn'),
    ...(basis === 'governingBody' ? { governingBody: r.object('governingBody', governingBody) } : {}),
  };
}

/** Commands that move a version 2 COE through its life cycle. */
export function lifecycleCommandsV2(settings: CoeV2Settings): Record<string, CoeV2Spec> {
  return {
    SubmitApplication: coeCommand(
      ASSESSORS,
      'ApplicationSubmitted',
      application,
      (input, d) => {
        datedFact(input, d.appliedOn, 'appliedOn', 'application');
        return [{ type: 'ApplicationSubmitted', data: d }];
      },
      {
        path: 'application',
        status: 201,
        summary: 'Register an application nominated by an NPO (creates the COE)',
        fields: {
          'hostInstitution.name': { example: 'Malaysia Productivity Corporation' },
          'hostInstitution.type': { description: 'npo, or another institution such as a national research organisation' },
          appliedOn: { example: '2015-04' },
          historical: {
            description:
              'true: a COE entered from history (an import). Until CompleteHistoricalEntry it owes no deadline, so the scheduler writes no notice for deadlines met by steps not yet entered',
          },
        },
      },
    ),
    StartReview: coeCommand(
      ASSESSORS,
      'ReviewStarted',
      (r) => ({ startedOn: r.businessDate('startedOn') }),
      (input, d) => {
        datedFact(input, d.startedOn, 'startedOn', 'reviewStart');
        return [{ type: 'ReviewStarted', data: d }];
      },
      { path: 'review', summary: 'Start the Secretariat review' },
    ),
    RejectApplication: coeCommand(
      ADMINS,
      'ApplicationRejected',
      (r) => ({ reason: r.text('reason'), decidedOn: r.businessDate('decidedOn') }),
      (input, d) => {
        datedFact(input, d.decidedOn, 'decidedOn', 'rejection');
        return [{ type: 'ApplicationRejected', data: d }];
      },
      { path: 'rejection', summary: 'Reject the application (final)' },
    ),
    DesignateCoe: coeCommand(
      ADMINS,
      ['CoeDesignated', 'CoeLaunched'],
      (r) => ({ governingBody: r.object('governingBody', governingBody), launchDate: r.businessDate('launchDate') }),
      designate,
      {
        path: 'designation',
        summary: 'Record the Governing Body designation and the launch date',
        fields: {
          ...GOVERNING_BODY_FIELDS,
          launchDate: {
            description:
              'The planned launch. When every day it covers is past, the COE is launched in the same command (CoeDesignated on the decision date, then CoeLaunched on this date: active.designation); otherwise it is designated, launching on this date, until LaunchCoe',
            example: '2025-07-01',
          },
        },
      },
    ),
    LaunchCoe: coeCommand(
      ASSESSORS,
      'CoeLaunched',
      (r) => ({ launchedOn: r.businessDate('launchedOn') }),
      (input, d) => {
        datedFact(input, d.launchedOn, 'launchedOn', 'launch');
        const plannedLaunchDate = input.context.designation?.plannedLaunchDate ?? d.launchedOn;
        return [{ type: 'CoeLaunched', data: { launchedOn: d.launchedOn, plannedLaunchDate, period: newPeriodV2('designation', d.launchedOn) } }];
      },
      {
        path: 'launch',
        summary: 'Record the launch of a designated COE (its designation period starts)',
        description:
          'A COE designated with a launch date still ahead is `designated` ("designated, launching on <date>", a launch deadline open on the planned date) until it launches: `launchedOn` is the actual launch, which may differ from the planned date, and anchors the designation period and every due date after it. Rule codes: COE.DATE_OUT_OF_ORDER (before the Governing Body decision), COE.DATE_IN_FUTURE. A COE recorded on definition version 1 does not take this command (400 VALIDATION_FAILED naming the commands of its version).',
        examples: { example: { summary: 'Launched on the planned date', value: { launchedOn: '2026-01-15' } } },
        fields: { launchedOn: { description: 'The actual launch (it may differ from the planned date)', example: '2026-01-15' } },
      },
    ),
    RecordAssessment: coeCommand(ASSESSORS, 'AssessmentRecorded', assessmentInput, recordAssessment, {
      path: 'assessments',
      summary: 'Record an assessment of the current period',
    }),
    AdvanceCoe: coeCommand(ASSESSORS, ['PhaseAdvanced', 'CycleCompleted'], (r) => ({ advancedOn: r.businessDate('advancedOn') }), advance, {
      path: 'advance',
      summary: 'Advance to the next period (or graduate from replication)',
    }),
    ExtendPhase: extendPhase(settings),
    TerminateCoe: coeCommand(
      ADMINS,
      'CoeTerminated',
      terminationInput,
      (input, d) => {
        datedFact(input, d.terminatedOn, 'terminatedOn', 'termination');
        // Every Governing Body decision is one already taken.
        if (d.governingBody) notInFuture(input, d.governingBody.decisionDate, 'governingBody.decisionDate');
        return [{ type: 'CoeTerminated', data: d }];
      },
      { path: 'termination', summary: 'Terminate on a terminate assessment or a Governing Body decision', fields: GOVERNING_BODY_FIELDS },
    ),
    SuspendCoe: coeCommand(
      ADMINS,
      'CoeSuspended',
      (r) => ({ reason: r.text('reason'), suspendedOn: r.businessDate('suspendedOn') }),
      (input, d) => {
        datedFact(input, d.suspendedOn, 'suspendedOn', 'suspension');
        return [{ type: 'CoeSuspended', data: d }];
      },
      { path: 'suspension', summary: 'Suspend with a reason' },
    ),
    ReinstateCoe: coeCommand(
      ADMINS,
      'CoeReinstated',
      (r) => ({ reinstatedOn: r.businessDate('reinstatedOn'), reason: r.text('reason', { optional: true }) }),
      (input, d) => {
        datedFact(input, d.reinstatedOn, 'reinstatedOn', 'reinstatement');
        return [{ type: 'CoeReinstated', data: d }];
      },
      { path: 'reinstatement', summary: 'Reinstate to exactly the state before suspension' },
    ),
    WithdrawCoe: coeCommand(
      ASSESSORS,
      'CoeWithdrawn',
      (r) => ({ reason: r.text('reason'), withdrawnOn: r.businessDate('withdrawnOn') }),
      (input, d) => {
        datedFact(input, d.withdrawnOn, 'withdrawnOn', 'withdrawal');
        return [{ type: 'CoeWithdrawn', data: d }];
      },
      { path: 'withdrawal', summary: 'Withdraw (final)' },
    ),
  };
}
