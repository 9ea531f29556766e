import { addMonthsToDate, readInput, type CommandSpec, type DecideInput, type InputReader } from '@apo/engine';
import { MEMBER_ECONOMY_CODES } from '@apo/reference';
import { followingPeriod, newPeriod } from './coe-calendar';
import { CRITERIA, HOST_TYPES, nextPeriod, RECOMMENDATIONS, type CoeContext, type Scores } from './coe-model';
import { COE_RULES, ensure } from './coe-rules';

type Spec = CommandSpec<CoeContext>;
type Input = DecideInput<CoeContext>;

const ASSESSORS = ['assessor', 'admin'];
const ADMINS = ['admin'];

/** A business date may not lie in the future of the moment the command is handled. */
export function notInFuture(input: Input, date: string, field: string): void {
  ensure(date <= input.today, COE_RULES.DATE_IN_FUTURE, `${field} ${date} is after today (${input.today})`, { field });
}

const governingBody = (r: InputReader) => ({ meeting: r.string('meeting', { max: 200 }), decisionDate: r.date('decisionDate') });

/** Commands that move a COE through its life cycle. */
export const lifecycleCommands: Record<string, Spec> = {
  SubmitApplication: {
    roles: ASSESSORS,
    emits: ['ApplicationSubmitted'],
    decide: (input, data) => {
      const d = readInput(data, (r) => ({
        name: r.string('name', { max: 300 }),
        memberEconomy: r.code('memberEconomy', MEMBER_ECONOMY_CODES, 'an APO member economy ISO code'),
        nominatingNpo: r.string('nominatingNpo', { max: 300 }),
        hostInstitution: r.object('hostInstitution', (h) => ({ name: h.string('name', { max: 300 }), type: h.oneOf('type', HOST_TYPES) })),
        focusArea: r.string('focusArea', { max: 200 }),
        appliedOn: r.date('appliedOn'),
      }));
      notInFuture(input, d.appliedOn, 'appliedOn');
      return [{ type: 'ApplicationSubmitted', data: d }];
    },
  },
  StartReview: {
    roles: ASSESSORS,
    emits: ['ReviewStarted'],
    decide: (input, data) => {
      const d = readInput(data, (r) => ({ startedOn: r.date('startedOn') }));
      notInFuture(input, d.startedOn, 'startedOn');
      return [{ type: 'ReviewStarted', data: d }];
    },
  },
  RejectApplication: {
    roles: ADMINS,
    emits: ['ApplicationRejected'],
    decide: (input, data) => {
      const d = readInput(data, (r) => ({ reason: r.text('reason'), decidedOn: r.date('decidedOn') }));
      notInFuture(input, d.decidedOn, 'decidedOn');
      return [{ type: 'ApplicationRejected', data: d }];
    },
  },
  DesignateCoe: {
    roles: ADMINS,
    emits: ['CoeDesignated'],
    decide: (input, data) => {
      const d = readInput(data, (r) => ({ governingBody: r.object('governingBody', governingBody), launchDate: r.date('launchDate') }));
      notInFuture(input, d.governingBody.decisionDate, 'governingBody.decisionDate');
      ensure(d.launchDate >= d.governingBody.decisionDate, COE_RULES.LAUNCH_BEFORE_DECISION, 'the launch date cannot precede the Governing Body decision');
      return [{ type: 'CoeDesignated', data: { ...d, period: newPeriod('designation', d.launchDate) } }];
    },
  },
  RecordAssessment: {
    roles: ASSESSORS,
    emits: ['AssessmentRecorded'],
    decide: (input, data) => {
      const d = readInput(data, (r) => ({
        assessmentId: r.string('assessmentId', { max: 100 }),
        assessedOn: r.date('assessedOn'),
        scores: r.object('scores', (s) => Object.fromEntries(CRITERIA.map((c) => [c, s.integer(c, 1, 5)])) as Scores),
        overall: r.number('overall', 1, 5, { optional: true }),
        recommendation: r.oneOf('recommendation', RECOMMENDATIONS),
        notes: r.text('notes', { optional: true, max: 5000 }),
      }));
      notInFuture(input, d.assessedOn, 'assessedOn');
      const period = input.context.period;
      if (period) {
        ensure(d.assessedOn >= period.start, COE_RULES.ASSESSMENT_BEFORE_PERIOD, `an assessment of ${period.key} must be recorded on or after ${period.start}`);
      }
      const mean = CRITERIA.reduce((sum, c) => sum + d.scores[c], 0) / CRITERIA.length;
      const overall = d.overall ?? Math.round(mean * 100) / 100;
      return [{ type: 'AssessmentRecorded', data: { ...d, period: period?.key ?? 'none', overall } }];
    },
  },
  AdvanceCoe: {
    roles: ASSESSORS,
    emits: ['PhaseAdvanced', 'CoeGraduated'],
    decide: (input, data) => {
      const d = readInput(data, (r) => ({ advancedOn: r.date('advancedOn') }));
      notInFuture(input, d.advancedOn, 'advancedOn');
      const current = input.context.period;
      const next = current && nextPeriod(current.key);
      if (current && !next) return [{ type: 'CoeGraduated', data: { graduatedOn: d.advancedOn, fromPeriod: current.key } }];
      // Outside the active phases the machine refuses PhaseAdvanced and names what is allowed.
      const period = current && next ? followingPeriod(current, next) : undefined;
      return [{ type: 'PhaseAdvanced', data: { advancedOn: d.advancedOn, fromPeriod: current?.key ?? 'none', ...(period ? { period } : {}) } }];
    },
  },
  ExtendPhase: {
    roles: ASSESSORS,
    emits: ['PhaseExtended'],
    decide: (input, data) => {
      const d = readInput(data, (r) => ({ months: r.integer('months', 1, 12), reason: r.text('reason'), extendedOn: r.date('extendedOn') }));
      notInFuture(input, d.extendedOn, 'extendedOn');
      const period = input.context.period;
      const dueDate = period ? addMonthsToDate(period.dueDate, d.months) : d.extendedOn;
      return [{ type: 'PhaseExtended', data: { ...d, period: period?.key ?? 'none', dueDate } }];
    },
  },
  TerminateCoe: {
    roles: ADMINS,
    emits: ['CoeTerminated'],
    decide: (input, data) => {
      const d = readInput(data, (r) => {
        const basis = r.oneOf('basis', ['assessment', 'governingBody'] as const);
        return {
          basis,
          reason: r.text('reason'),
          terminatedOn: r.date('terminatedOn'),
          ...(basis === 'governingBody' ? { governingBody: r.object('governingBody', governingBody) } : {}),
        };
      });
      notInFuture(input, d.terminatedOn, 'terminatedOn');
      // Every Governing Body decision is one already taken (designation checks the same).
      if (d.governingBody) notInFuture(input, d.governingBody.decisionDate, 'governingBody.decisionDate');
      return [{ type: 'CoeTerminated', data: d }];
    },
  },
  SuspendCoe: {
    roles: ADMINS,
    emits: ['CoeSuspended'],
    decide: (input, data) => {
      const d = readInput(data, (r) => ({ reason: r.text('reason'), suspendedOn: r.date('suspendedOn') }));
      notInFuture(input, d.suspendedOn, 'suspendedOn');
      return [{ type: 'CoeSuspended', data: d }];
    },
  },
  ReinstateCoe: {
    roles: ADMINS,
    emits: ['CoeReinstated'],
    decide: (input, data) => {
      const d = readInput(data, (r) => ({ reinstatedOn: r.date('reinstatedOn'), reason: r.text('reason', { optional: true }) }));
      notInFuture(input, d.reinstatedOn, 'reinstatedOn');
      return [{ type: 'CoeReinstated', data: d }];
    },
  },
  WithdrawCoe: {
    roles: ASSESSORS,
    emits: ['CoeWithdrawn'],
    decide: (input, data) => {
      const d = readInput(data, (r) => ({ reason: r.text('reason'), withdrawnOn: r.date('withdrawnOn') }));
      notInFuture(input, d.withdrawnOn, 'withdrawnOn');
      return [{ type: 'CoeWithdrawn', data: d }];
    },
  },
};
