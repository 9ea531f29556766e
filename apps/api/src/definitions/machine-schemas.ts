import { arrayOf, bool, int, named, object, str } from '../http/openapi-schema';

const MACHINE_STATE_REF = { $ref: '#/components/schemas/MachineState' };

/** One state, with its children (a recursive schema: compound states nest). */
named(
  'MachineState',
  object(
    {
      id: str({ description: 'The path of keys joined with dots, as an instance names its state', example: 'active.delivery.year1' }),
      key: str({ example: 'year1' }),
      type: str({ enum: ['atomic', 'compound', 'parallel', 'final'] }),
      states: arrayOf(MACHINE_STATE_REF, { description: "A compound state's children, in the machine's order" }),
    },
    { initial: str({ description: "A compound state's initial child (its id)" }) },
  ),
);

const MACHINE_TRANSITION = named(
  'MachineTransition',
  object(
    {
      from: str({ description: 'A state id (a compound state: from any of its children)', example: 'active.delivery.year3' }),
      to: str({ example: 'active.replication' }),
      event: str({ example: 'PhaseAdvanced' }),
      toPriorState: bool({ description: 'A history target: back to the state the instance was in inside `to`' }),
    },
    { guard: str({ description: 'The named guards (business rules) the transition needs, joined with `and`', example: 'hasAdvanceAssessment' }) },
  ),
);

/** GET /definitions/:programme/:version/machine. */
export const PROGRAMME_MACHINE = named(
  'ProgrammeMachine',
  object(
    {
      programme: str({ enum: ['coe', 'bcn'] }),
      definition: str({ example: 'coe-lifecycle' }),
      version: int({ example: 2 }),
      states: arrayOf(MACHINE_STATE_REF),
      transitions: arrayOf(MACHINE_TRANSITION, { description: 'Transitions that change state (those that only record are left out)' }),
    },
    { initial: str({ description: 'The initial state (its id)', example: 'application' }) },
  ),
);
