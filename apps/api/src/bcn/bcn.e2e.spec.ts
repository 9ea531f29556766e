import { bcnLifeScript, BCN_LIFE_SCRIPT_ID, roster } from '@apo/bcn/testing';
import { ApiHarness, type HttpAnswer } from '../testing/api-harness';

const problemType = 'application/problem+json';
const draft = (overrides: Record<string, unknown> = {}) => ({
  title: 'Green productivity audits',
  topic: 'green productivity',
  programmeYear: 2031,
  sendingNpo: 'NP',
  hostingNpo: 'JP',
  draftedOn: '2031-01-10',
  ...overrides,
});
const schedule = (overrides: Record<string, unknown> = {}) => ({
  scheduledOn: '2031-05-02',
  startDate: '2031-09-01',
  endDate: '2031-09-05',
  modality: 'faceToFace',
  hostingNpo: 'JP',
  participants: roster(4),
  ...overrides,
});

describe('BCN API over HTTP (real server, embedded store)', () => {
  const h = new ApiHarness();
  // A configured year: 2031 closes on 30 April and 31 July instead of 31 March and 30 June.
  beforeAll(() => h.start({ BCN_CLOSING_DATES: '{"2031":["2031-04-30","2031-07-31"]}' }), 30_000);
  afterAll(() => h.stop());
  const at = (day: string) => h.clock.set(`${day}T09:00:00Z`);

  /** An exchange of 2031 drafted, submitted and approved, ready to be scheduled. */
  const approved = async (id: string) => {
    at('2031-05-10');
    for (const [type, data, role] of [
      ['DraftExchange', draft(), 'assessor'],
      ['SubmitExchange', { submittedOn: '2031-04-20' }, 'assessor'],
      ['ApproveExchange', { approvedOn: '2031-04-30' }, 'admin'],
    ] as const) {
      expect((await h.bcnCommand(id, type, data, role)).status).toBeLessThan(300);
    }
  };

  it('runs a whole exchange from draft to closure, then shows it from its stream and from the read model', async () => {
    let last: HttpAnswer | undefined;
    for (const step of bcnLifeScript) {
      at(step.on);
      last = await h.bcnCommand(BCN_LIFE_SCRIPT_ID, step.command.type, step.command.data, step.role);
      expect([step.command.type, last.status]).toEqual([step.command.type, step.command.type === 'DraftExchange' ? 201 : 200]);
    }
    if (!last) throw new Error('the life script is empty');
    expect(last.body).toEqual({ id: BCN_LIFE_SCRIPT_ID, revision: bcnLifeScript.length - 1, state: 'closed', allowedEvents: [] });
    expect(last.headers.get('etag')).toBe(`"${bcnLifeScript.length - 1}"`);
    const view = await h.request('GET', `/bcn-exchanges/${BCN_LIFE_SCRIPT_ID}`, { role: 'reporter' });
    expect(view.body).toMatchObject({
      id: BCN_LIFE_SCRIPT_ID,
      state: 'closed',
      allowedEvents: [],
      programmeYear: 2030,
      origin: 'application',
      window: 1,
      closingDate: '2030-03-31',
      sendingNpo: { economy: 'LA' },
      hostingNpo: { economy: 'TH', name: 'Foundation for Thailand Productivity Institute' },
      schedule: { modality: 'virtual', participantLimit: 10, participants: expect.any(Array) },
      followUps: 2,
      closedOn: '2030-12-20',
    });
    const list = await h.request('GET', '/bcn-exchanges?state=closed&sendingEconomy=LA', {
      role: 'assessor',
      headers: { 'X-Min-Position': last.headers.get('x-log-position') as string },
    });
    expect(list.body).toMatchObject({ total: 1, items: [{ id: BCN_LIFE_SCRIPT_ID, modality: 'virtual', participants: 4, reschedules: 1, followUps: 2 }] });
    expect(BigInt(list.headers.get('x-read-model-position') as string)).toBeGreaterThanOrEqual(BigInt(last.headers.get('x-log-position') as string));
  });

  it('409 BCN.CLOSING_DATE_PASSED for a late application; the configured windows apply; the Secretariat may propose', async () => {
    at('2031-08-15');
    expect((await h.bcnCommand('late-1', 'DraftExchange', draft())).status).toBe(201);
    const late = await h.bcnCommand('late-1', 'SubmitExchange', { submittedOn: '2031-08-01' });
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toContain(problemType);
    expect(late.body).toMatchObject({ code: 'BCN.CLOSING_DATE_PASSED', guard: 'withinClosingDate' });
    const second = await h.bcnCommand('late-1', 'SubmitExchange', { submittedOn: '2031-07-31' });
    expect(second.body).toMatchObject({ state: 'submitted' });
    expect((await h.request('GET', '/bcn-exchanges/late-1', { role: 'assessor' })).body).toMatchObject({ window: 2, closingDate: '2031-07-31' });
    expect((await h.bcnCommand('late-2', 'DraftExchange', draft())).status).toBe(201);
    expect((await h.bcnCommand('late-2', 'ProposeExchange', { proposedOn: '2031-08-10' })).body).toMatchObject({ state: 'proposed' });
  });

  it('409 BCN.TOO_MANY_PARTICIPANTS for the modality, BCN.PARTICIPANT_NOT_ELIGIBLE; 400 past the edge’s limit', async () => {
    await approved('roster-1');
    const five = await h.bcnCommand('roster-1', 'ScheduleExchange', schedule({ participants: roster(5) }));
    expect(five.body).toMatchObject({ status: 409, code: 'BCN.TOO_MANY_PARTICIPANTS' });
    const eleven = await h.bcnCommand('roster-1', 'ScheduleExchange', schedule({ modality: 'virtual', participants: roster(11) }));
    expect(eleven.body).toMatchObject({ status: 409, code: 'BCN.TOO_MANY_PARTICIPANTS' });
    const student = await h.bcnCommand('roster-1', 'ScheduleExchange', schedule({ participants: [...roster(2), ...roster(1, 'academic')] }));
    expect(student.body).toMatchObject({ status: 409, code: 'BCN.PARTICIPANT_NOT_ELIGIBLE' });
    const huge = await h.bcnCommand('roster-1', 'ScheduleExchange', schedule({ participants: roster(51), modality: 'online' }));
    expect(huge.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((huge.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['modality', 'participants']);
    const ten = await h.bcnCommand('roster-1', 'ScheduleExchange', schedule({ modality: 'virtual', participants: roster(10) }));
    expect(ten.body).toMatchObject({ state: 'scheduled', allowedEvents: ['ExchangeScheduled', 'ExchangeImplemented', 'ExchangeWithdrawn'] });
  });

  it('409 BCN.SAME_NPO on both sides, in the draft and in the schedule', async () => {
    at('2031-05-01');
    expect((await h.bcnCommand('same-1', 'DraftExchange', draft({ hostingNpo: 'NP' }))).body).toMatchObject({ status: 409, code: 'BCN.SAME_NPO' });
    expect((await h.request('GET', '/bcn-exchanges/same-1', { role: 'assessor' })).status).toBe(404);
    await approved('same-2');
    expect((await h.bcnCommand('same-2', 'ScheduleExchange', schedule({ hostingNpo: 'NP' }))).body).toMatchObject({ status: 409, code: 'BCN.SAME_NPO' });
  });

  it('409 BCN.UNKNOWN_ECONOMY for an NPO of no APO member; 400 for a code that is not one', async () => {
    at('2031-05-01');
    const us = await h.bcnCommand('unknown-1', 'DraftExchange', draft({ sendingNpo: 'US' }));
    expect(us.body).toMatchObject({ status: 409, code: 'BCN.UNKNOWN_ECONOMY', field: 'sendingNpo', value: 'US' });
    const malformed = await h.bcnCommand('unknown-1', 'DraftExchange', draft({ hostingNpo: 'japan', programmeYear: 1999 }));
    expect(malformed.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((malformed.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['hostingNpo', 'programmeYear']);
    await approved('unknown-2');
    expect((await h.bcnCommand('unknown-2', 'ScheduleExchange', schedule({ hostingNpo: 'CN' }))).body).toMatchObject({
      status: 409,
      code: 'BCN.UNKNOWN_ECONOMY',
      field: 'hostingNpo',
    });
  });

  it('roles, unknown exchanges, illegal transitions and withdrawal before implementation only', async () => {
    await approved('flow-1');
    expect((await h.bcnCommand('flow-2', 'DraftExchange', draft(), 'reporter')).body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await h.bcnCommand('flow-2', 'DraftExchange', draft())).status).toBe(201);
    expect((await h.bcnCommand('flow-2', 'SubmitExchange', { submittedOn: '2031-04-01' })).status).toBe(200);
    expect((await h.bcnCommand('flow-2', 'ApproveExchange', { approvedOn: '2031-04-02' }, 'assessor')).body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await h.bcnCommand('nobody', 'SubmitExchange', { submittedOn: '2031-04-01' })).body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await h.request('GET', '/bcn-exchanges/nobody', { role: 'auditor' })).status).toBe(404);
    const early = await h.bcnCommand('flow-1', 'RecordImplementation', { implementedOn: '2031-05-01' });
    expect(early.body).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION', allowedEvents: ['ExchangeScheduled', 'ExchangeWithdrawn'] });
    expect((await h.bcnCommand('flow-1', 'ScheduleExchange', schedule({ startDate: '2031-05-20', endDate: '2031-05-22' }))).status).toBe(200);
    at('2031-05-23');
    expect((await h.bcnCommand('flow-1', 'RecordImplementation', { implementedOn: '2031-05-22' })).body).toMatchObject({
      state: 'implemented',
      allowedEvents: ['ExchangeReported'],
    });
    const withdraw = await h.bcnCommand('flow-1', 'WithdrawExchange', { withdrawnOn: '2031-05-23', reason: 'too late' });
    expect(withdraw.body).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
    expect((await h.bcnCommand('flow-2', 'WithdrawExchange', { withdrawnOn: '2031-05-23', reason: 'budget', requestedBy: 'sendingNpo' })).body).toMatchObject({
      state: 'withdrawn',
      allowedEvents: [],
    });
  });
});
