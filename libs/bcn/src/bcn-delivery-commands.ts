import { type CommandSpec, type InputReader } from '@apo/engine';
import { ASSESSORS, bcnCommand, datedStep, notBefore, notInFuture, npo, npoCode, npoProse } from './bcn-command';
import { FOLLOW_UP_KINDS, MODALITIES, PARTICIPANT_CATEGORIES, type BcnContext } from './bcn-model';
import { BCN_RULES, ensure } from './bcn-rules';

type Spec = CommandSpec<BcnContext>;

/** An id the NPO keeps for a person (the same person across exchanges): also the instance id of their privacy record. */
const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const participant = (p: InputReader) => ({
  personId: p.code('personId', PERSON_ID, 'a person id (1-64 letters, digits, ".", "_" or "-", starting with a letter or digit)', { optional: true }),
  name: p.string('name', { max: 200 }),
  position: p.string('position', { max: 200 }),
  category: p.oneOf('category', PARTICIPANT_CATEGORIES),
});

/** Commands from scheduling to closure: the exchange held, reported and followed up. */
export const deliveryCommands: Record<string, Spec> = {
  ScheduleExchange: bcnCommand(
    ASSESSORS,
    'ExchangeScheduled',
    (r) => ({
      scheduledOn: r.date('scheduledOn'),
      startDate: r.date('startDate'),
      endDate: r.date('endDate'),
      modality: r.oneOf('modality', MODALITIES),
      hostingNpo: npoCode(r, 'hostingNpo'),
      venue: r.string('venue', { optional: true, max: 300 }),
      // Generous for input; the modality's limit (4 or 10) is the machine's rule.
      participants: r.list('participants', participant, { min: 1, max: 50 }),
    }),
    (input, d) => {
      datedStep(input, d.scheduledOn, 'scheduledOn');
      ensure(d.endDate >= d.startDate, BCN_RULES.END_BEFORE_START, `endDate ${d.endDate} is before startDate ${d.startDate}`);
      return { ...d, hostingNpo: npo(d.hostingNpo, 'hostingNpo') };
    },
    {
      path: 'schedule',
      summary: 'Schedule (or reschedule): dates, modality, hosting NPO and participant roster (virtual up to 10, face to face up to 4)',
      fields: {
        scheduledOn: { example: '2030-05-02' },
        startDate: { example: '2030-06-10' },
        endDate: { example: '2030-06-13' },
        hostingNpo: npoProse('The hosting NPO'),
        venue: { example: 'Bangkok' },
        participants: { description: 'Overseas participants: up to 10 virtual or 4 face to face (409 BCN.TOO_MANY_PARTICIPANTS)' },
        'participants.personId': {
          description: 'The NPO’s id for the person, to find and erase their data across exchanges; one is made up when absent (docs/privacy.md)',
        },
        'participants.name': { example: 'Somphone Keola', description: 'Personal data: stored sealed, erasable (docs/privacy.md)' },
        'participants.position': { example: 'Director General' },
        'participants.category': { description: 'Only highLevelOfficial, policymaker and npoOfficial are eligible (409 BCN.PARTICIPANT_NOT_ELIGIBLE)' },
      },
    },
  ),
  RecordImplementation: bcnCommand(
    ASSESSORS,
    'ExchangeImplemented',
    (r) => ({
      implementedOn: r.date('implementedOn'),
      participantsAttended: r.integer('participantsAttended', 0, 50, { optional: true }),
      notes: r.text('notes', { optional: true, max: 5000 }),
    }),
    (input, d) => {
      datedStep(input, d.implementedOn, 'implementedOn');
      notBefore(d.implementedOn, input.context.schedule?.startDate, 'implementedOn', 'the scheduled start');
      return d;
    },
    {
      path: 'implementation',
      summary: 'Record that the exchange took place (on or after its start; no withdrawal after this)',
      fields: { implementedOn: { example: '2030-06-12' } },
    },
  ),
  SubmitReport: bcnCommand(
    ASSESSORS,
    'ExchangeReported',
    (r) => ({ reportedOn: r.date('reportedOn'), summary: r.text('summary', { max: 5000 }), outcomes: r.strings('outcomes', { optional: true, max: 50 }) }),
    (input, d) => {
      datedStep(input, d.reportedOn, 'reportedOn');
      return d;
    },
    { path: 'report', summary: 'Record the exchange’s report', fields: { reportedOn: { example: '2030-07-05' } } },
  ),
  RecordFollowUp: bcnCommand(
    ASSESSORS,
    'FollowUpRecorded',
    (r) => ({
      followUpId: r.string('followUpId', { max: 100 }),
      kind: r.oneOf('kind', FOLLOW_UP_KINDS),
      title: r.string('title', { max: 300 }),
      date: r.date('date'),
      description: r.text('description', { optional: true, max: 5000 }),
    }),
    (input, d) => {
      notInFuture(input, d.date, 'date');
      // A follow-up may predate the report (it follows the exchange, not the paperwork).
      notBefore(d.date, input.context.implementedOn, 'date', 'the implementation');
      ensure(!input.context.followUps.includes(d.followUpId), BCN_RULES.FOLLOW_UP_ID_TAKEN, `follow-up ${d.followUpId} is already recorded`, {
        followUpId: d.followUpId,
      });
      return d;
    },
    {
      path: 'follow-ups',
      summary: 'Record a follow-up activity of the collaboration (after the report)',
      fields: { followUpId: { example: 'fu-1' }, date: { example: '2030-09-01' } },
    },
  ),
  CloseExchange: bcnCommand(
    ASSESSORS,
    'ExchangeClosed',
    (r) => ({ closedOn: r.date('closedOn'), remarks: r.text('remarks', { optional: true, max: 5000 }) }),
    (input, d) => {
      datedStep(input, d.closedOn, 'closedOn');
      notBefore(d.closedOn, input.context.lastFollowUpOn, 'closedOn', 'the last follow-up activity');
      return d;
    },
    { path: 'closure', summary: 'Close a reported exchange (final)', fields: { closedOn: { example: '2030-12-20' } } },
  ),
};
