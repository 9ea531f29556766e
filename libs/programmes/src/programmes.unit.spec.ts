import { decide, fold } from '@apo/engine';
import { NOW, submitApplication } from '@apo/coe/testing';
import { createDefinitions, createRegistry, programme, PROGRAMMES } from './programmes';

describe('programmes', () => {
  it('registers every programme once, its key being its stream prefix; new COEs take version 2, version 1 stays for the COEs written with it', () => {
    const registry = createRegistry();
    expect(registry.all().map((d) => `${d.name}@${d.version}`)).toEqual(['coe-lifecycle@1', 'coe-lifecycle@2', 'bcn-exchange@1', 'personal-data@1']);
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

  it("names the events each command may append (emits): every routed command has them, each one of the definition's event types", () => {
    for (const definition of createDefinitions()) {
      const accepted = new Set(Object.keys(definition.machine.root.on ?? {}).concat(definition.eventTypes));
      for (const [type, spec] of Object.entries(definition.commands)) {
        const where = `${definition.name}@${definition.version} ${type}`;
        expect({ where, emits: (spec.emits ?? []).length > 0 }).toEqual({ where, emits: true });
        // The scheduler's notices are machine events outside the people's eventTypes; every other command's events are among them.
        const known = spec.http ? new Set(definition.eventTypes) : accepted;
        for (const event of spec.emits ?? []) expect({ where, event, known: known.has(event) || !spec.http }).toEqual({ where, event, known: true });
      }
    }
  });

  it('refuses, as a programming error, a command whose decide appends an event outside its emits', () => {
    const [, coeV2] = createDefinitions();
    const liar = { ...coeV2, commands: { ...coeV2.commands, SubmitApplication: { ...coeV2.commands.SubmitApplication, emits: ['ReviewStarted'] } } };
    const state = fold(liar, []);
    expect(decide(coeV2, state, submitApplication(), NOW).ok).toBe(true);
    expect(() => decide(liar, state, submitApplication(), NOW)).toThrow(
      'coe-lifecycle command SubmitApplication appended ApplicationSubmitted, not in its emits',
    );
  });

  it('finds a programme by key', () => {
    expect(programme('bcn')).toMatchObject({ definition: 'bcn-exchange', route: 'bcn-exchanges' });
    expect(programme('xyz')).toBeUndefined();
  });
});
