import { createDefinitions, createRegistry, programme, PROGRAMMES } from './programmes';

describe('programmes', () => {
  it('registers every programme once, its key being its stream prefix; new COEs take version 2, version 1 stays for the COEs written with it', () => {
    const registry = createRegistry();
    expect(registry.all().map((d) => `${d.name}@${d.version}`)).toEqual(['coe-lifecycle@1', 'coe-lifecycle@2', 'bcn-exchange@1']);
    expect(registry.latest('coe-lifecycle').version).toBe(2);
    expect(registry.get('coe-lifecycle', 1).commands.ExtendPhase).toBeDefined();
    for (const p of PROGRAMMES) expect(registry.latest(p.definition).streamPrefix).toBe(p.key);
    expect(registry.forStream('bcn-2030-th-la').name).toBe('bcn-exchange');
    expect(registry.forStream('coe-th-digital').name).toBe('coe-lifecycle');
  });

  it('passes each programme its configuration', () => {
    const [coe, coeV2, bcn] = createDefinitions({
      coe: { proposalClosingDates: { 2027: '2027-04-30' }, statusAssessmentMonths: 12 },
      bcn: { closingDates: { 2027: ['2027-05-31'] } },
    });
    const decideBcn = bcn.commands.SubmitExchange.decide;
    const input = {
      state: 'draft',
      context: { programmeYear: 2027, followUps: [], lastStepOn: '2027-01-01' },
      now: '2028-01-01T00:00:00Z',
      today: '2028-01-01',
    };
    expect(decideBcn(input, { submittedOn: '2027-05-20' })[0].data).toMatchObject({ window: 1, closingDate: '2027-05-31' });
    expect(coe.name).toBe('coe-lifecycle');
    // Version 2 takes its settings: in the network, a status assessment 12 months after the cycle's end.
    const network = { historical: false, statusAssessments: 0, cycleEnd: '2030-07-01' };
    expect(coeV2.deadlines?.open('network.continuedSupport', network as never)).toMatchObject([{ kind: 'statusAssessment', dueDate: '2031-07-01' }]);
  });

  it('finds a programme by key', () => {
    expect(programme('bcn')).toMatchObject({ definition: 'bcn-exchange', route: 'bcn-exchanges' });
    expect(programme('xyz')).toBeUndefined();
  });
});
