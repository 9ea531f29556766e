import { addMonthsToDate, type Command } from '@apo/engine';
import { PERIOD_MONTHS } from '../coe-calendar';

/** A COE command on the day it is recorded (a portfolio step, a life script step of one COE). */
export interface CoeStep {
  readonly coe: string;
  readonly on: string;
  readonly role: string;
  readonly command: Command;
}

/**
 * COE histories written for version 1 (e.g. a generated portfolio), recorded as version 2 records
 * the same lives: a designation whose launch is still ahead on the day it is decided is followed by
 * LaunchCoe on the launch date, and an extension by a number of months becomes a Secretariat
 * decision up to the date it reaches (version 1's calendar: the due date moves by the months, each
 * advance starts the next period at the due date). Steps in version 2's shape pass unchanged; the
 * result keeps the days in order, a launch first among its day's steps.
 */
export function recordedOnVersion2<S extends CoeStep>(steps: readonly S[]): S[] {
  const dueDates = new Map<string, string>();
  const launched = new Set(steps.filter((s) => s.command.type === 'LaunchCoe').map((s) => s.coe));
  const launches: S[] = [];
  const recorded = steps.map((step): S => {
    const { type, data } = step.command;
    const due = dueDates.get(step.coe);
    if (type === 'DesignateCoe') {
      const launchDate = data.launchDate as string;
      dueDates.set(step.coe, addMonthsToDate(launchDate, PERIOD_MONTHS));
      if (launchDate > step.on && !launched.has(step.coe))
        launches.push({ ...step, on: launchDate, role: 'assessor', command: { type: 'LaunchCoe', data: { launchedOn: launchDate } } });
    }
    if (type === 'AdvanceCoe' && due) dueDates.set(step.coe, addMonthsToDate(due, PERIOD_MONTHS));
    if (type !== 'ExtendPhase' || typeof data.months !== 'number' || !due) return step;
    const until = addMonthsToDate(due, data.months);
    dueDates.set(step.coe, until);
    return { ...step, command: { type, data: { decidedBy: 'secretariat', decidedOn: data.extendedOn, until, reason: data.reason } } };
  });
  // Array.prototype.sort is stable: a launch goes before its day's other steps, which keep their order.
  return [...launches, ...recorded].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}
