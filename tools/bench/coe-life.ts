import { COE_DEFINITION_NAME, createCoeDefinitionV2 } from '@apo/coe';
import type { Command } from '@apo/engine';

/**
 * One COE's whole life as issue #20 measures it: application, review, designation (launched in
 * the same command: the launch date is past), then for each of the five phases (designation year,
 * delivery years 1-3, replication year) six activities, an assessment recommending `advance` and
 * the advance; the last advance completes the cycle (version 2's graduation: the COE enters
 * `network.continuedSupport`). 43 commands, every date in 2019-2024 so none is in the future on
 * the API's clock.
 */
export const COE_LIFE_LENGTH = 43;
/** Where the life ends (the definition is the API's latest, version 2). */
export const COE_LIFE_END = 'network.continuedSupport';

const definition = createCoeDefinitionV2();
const LAUNCH_YEAR = 2019;
const PHASES = 5;
const ACTIVITIES_PER_PHASE = 6;
const scores = { competency: 4, dissemination: 4, collaboration: 3, outputs: 5, impact: 4 };

const c = (type: string, data: Record<string, unknown>): Command => ({ type, data });

/** The commands of COE `id`'s life, in order (a COE's commands are sequential). */
export function coeLife(id: string): Command[] {
  const life = [
    c('SubmitApplication', {
      name: `COE ${id}`,
      memberEconomy: 'TH',
      nominatingNpo: 'Foundation for Thailand Productivity Institute',
      hostInstitution: { name: 'Foundation for Thailand Productivity Institute', type: 'npo' },
      focusArea: 'digital transformation',
      appliedOn: `${LAUNCH_YEAR}-01-10`,
    }),
    c('StartReview', { startedOn: `${LAUNCH_YEAR}-02-01` }),
    c('DesignateCoe', { governingBody: { meeting: '59th Governing Body Meeting', decisionDate: `${LAUNCH_YEAR}-04-15` }, launchDate: `${LAUNCH_YEAR}-07-01` }),
  ];
  for (let phase = 0; phase < PHASES; phase++) {
    const year = LAUNCH_YEAR + phase;
    for (let a = 1; a <= ACTIVITIES_PER_PHASE; a++)
      life.push(
        c('RecordActivity', {
          activityId: `act-${phase}-${a}`,
          kind: 'training',
          title: 'Digital maturity bootcamp',
          date: `${year}-08-${String(a).padStart(2, '0')}`,
          participants: [
            { economy: 'TH', count: 20 + a },
            { economy: 'VN', count: a },
          ],
        }),
      );
    life.push(c('RecordAssessment', { assessmentId: `as-${phase}`, assessedOn: `${year + 1}-06-15`, scores, recommendation: 'advance' }));
    life.push(c('AdvanceCoe', { advancedOn: `${year + 1}-07-01` }));
  }
  return life;
}

/** A command as the in-process engine takes it. */
export const engineRequest = (id: string, command: Command) => ({
  definition: COE_DEFINITION_NAME,
  instanceId: id,
  command,
  actor: { id: 'bench:admin', role: 'admin' },
});

/** A command as the API takes it: `POST /coes/<id>/<the command's route>` with its data as the JSON body. */
export function httpRequest(id: string, command: Command): { path: string; body: string } {
  const route = Object.hasOwn(definition.commands, command.type) ? definition.commands[command.type].http : undefined;
  if (!route) throw new Error(`${command.type} has no HTTP route`);
  return { path: `/coes/${encodeURIComponent(id)}/${route.path}`, body: JSON.stringify(command.data) };
}
