import type { CommandSpec } from '@apo/engine';
import { applicationWindow, type BcnConfig } from './bcn-calendar';
import { ADMINS, ASSESSORS, bcnCommand, datedStep, notBefore, notInFuture, npo, npoCode, npoProse } from './bcn-command';
import { WITHDRAWN_BY, type BcnContext } from './bcn-model';

type Spec = CommandSpec<BcnContext>;

/** Commands that take an exchange from draft to a decision, and withdrawal before implementation. */
export function applicationCommands(config: BcnConfig): Record<string, Spec> {
  return {
    DraftExchange: bcnCommand(
      ASSESSORS,
      'ExchangeDrafted',
      (r) => ({
        title: r.string('title', { max: 300 }),
        topic: r.string('topic', { max: 300 }),
        programmeYear: r.integer('programmeYear', 2000, 2100),
        sendingNpo: npoCode(r, 'sendingNpo'),
        hostingNpo: npoCode(r, 'hostingNpo', { optional: true }),
        objectives: r.text('objectives', { optional: true, max: 5000 }),
        draftedOn: r.date('draftedOn'),
      }),
      (input, d) => {
        notInFuture(input, d.draftedOn, 'draftedOn');
        const sendingNpo = npo(d.sendingNpo, 'sendingNpo');
        const hostingNpo = d.hostingNpo === undefined ? undefined : npo(d.hostingNpo, 'hostingNpo');
        return { ...d, sendingNpo, ...(hostingNpo ? { hostingNpo } : {}) };
      },
      {
        path: 'draft',
        status: 201,
        summary: 'Draft an exchange for a sending NPO (creates the exchange)',
        fields: {
          title: { example: 'Digital maturity toolkit for Lao SMEs' },
          topic: { example: 'digital transformation of SMEs' },
          programmeYear: { example: 2030 },
          sendingNpo: npoProse('The sending NPO'),
          hostingNpo: npoProse('The hosting NPO requested (confirmed when scheduling)'),
          draftedOn: { example: '2030-01-20' },
        },
      },
    ),
    SubmitExchange: bcnCommand(
      ASSESSORS,
      'ExchangeSubmitted',
      (r) => ({ submittedOn: r.date('submittedOn') }),
      (input, d) => {
        datedStep(input, d.submittedOn, 'submittedOn');
        const programmeYear = input.context.programmeYear as number;
        // The window is judged here, from the configuration; the machine's guard checks the event.
        return { ...d, programmeYear, ...applicationWindow(config, programmeYear, d.submittedOn) };
      },
      {
        path: 'submission',
        summary: 'Submit the sending NPO’s application (by 31 March or 30 June of the programme year unless configured)',
        fields: { submittedOn: { example: '2030-03-28' } },
      },
    ),
    ProposeExchange: bcnCommand(
      ASSESSORS,
      'ExchangeProposed',
      (r) => ({ proposedOn: r.date('proposedOn'), rationale: r.text('rationale', { optional: true, max: 5000 }) }),
      (input, d) => {
        datedStep(input, d.proposedOn, 'proposedOn');
        return d;
      },
      {
        path: 'proposal',
        summary: 'Propose the exchange on the Secretariat’s initiative (no application window)',
        fields: { proposedOn: { example: '2030-03-01' } },
      },
    ),
    ApproveExchange: bcnCommand(
      ADMINS,
      'ExchangeApproved',
      (r) => ({ approvedOn: r.date('approvedOn'), remarks: r.text('remarks', { optional: true, max: 5000 }) }),
      (input, d) => {
        datedStep(input, d.approvedOn, 'approvedOn');
        return d;
      },
      { path: 'approval', summary: 'Approve a submitted or proposed exchange (admin)', fields: { approvedOn: { example: '2030-04-15' } } },
    ),
    RejectExchange: bcnCommand(
      ADMINS,
      'ExchangeRejected',
      (r) => ({ rejectedOn: r.date('rejectedOn'), reason: r.text('reason', { max: 5000 }) }),
      (input, d) => {
        datedStep(input, d.rejectedOn, 'rejectedOn');
        return d;
      },
      { path: 'rejection', summary: 'Reject a submitted or proposed exchange (admin; final)', fields: { rejectedOn: { example: '2030-04-15' } } },
    ),
    WithdrawExchange: bcnCommand(
      ASSESSORS,
      'ExchangeWithdrawn',
      (r) => ({
        withdrawnOn: r.date('withdrawnOn'),
        reason: r.text('reason', { max: 5000 }),
        requestedBy: r.oneOf('requestedBy', WITHDRAWN_BY, { optional: true }),
      }),
      (input, d) => {
        notInFuture(input, d.withdrawnOn, 'withdrawnOn');
        notBefore(d.withdrawnOn, input.context.lastStepOn, 'withdrawnOn', 'the previous step of the exchange');
        return d;
      },
      { path: 'withdrawal', summary: 'Withdraw the exchange before implementation (final)', fields: { withdrawnOn: { example: '2030-05-01' } } },
    ),
  };
}
