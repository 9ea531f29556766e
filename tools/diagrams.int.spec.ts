import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toMermaid } from '@apo/engine';
import { workflowMachines } from './workflow-machines';

describe('generated diagrams', () => {
  it.each(workflowMachines)('docs/diagrams/$name.md matches the machine (run npm run diagrams)', ({ name, machine }) => {
    const doc = readFileSync(join(__dirname, '..', 'docs', 'diagrams', `${name}.md`), 'utf8');
    expect(doc).toContain(toMermaid(machine));
  });

  it('draws every programme', () => {
    expect(workflowMachines.map((m) => m.name)).toEqual(['coe-lifecycle', 'bcn-exchange']);
  });

  it('shows the BCN rules on its transitions', () => {
    const bcn = toMermaid(workflowMachines[1].machine);
    expect(bcn).toContain('draft --> submitted : ExchangeSubmitted [withinClosingDate]');
    expect(bcn).toContain('approved --> scheduled : ExchangeScheduled [differentNpos and withinParticipantLimit and participantsEligible]');
  });

  it('shows the COE rules on its transitions', () => {
    const coe = toMermaid(workflowMachines[0].machine);
    expect(coe).toContain('active_delivery_year3 --> active_replication : PhaseAdvanced [hasAdvanceAssessment]');
    expect(coe).toContain('suspended --> active : CoeReinstated (to prior state)');
  });
});
