import { DefinitionRegistry, type AnyWorkflowDefinition } from '@apo/engine';
import { BCN_DEFINITION_NAME, createBcnDefinition, type BcnConfig } from '@apo/bcn';
import { createPrivacyDefinition } from './privacy-definition';
import { COE_DEFINITION_NAME, createCoeDefinition, createCoeDefinitionV2, type CoeV2Config } from '@apo/coe';

/** Per-programme configuration: what the API reads from its environment (closing dates, the COE rules to confirm). */
export interface ProgrammesConfig {
  /** Version 1 reads its closing dates; version 2 those and its settings (docs/coe-rules.md). */
  readonly coe?: CoeV2Config;
  readonly bcn?: BcnConfig;
}

/** A programme as operators name it (CLI `--programme`, API route prefix) and the definition behind it. */
export interface Programme {
  /** Short name, also the stream prefix: `coe`, `bcn`. */
  readonly key: string;
  readonly definition: string;
  /** How messages name one instance: "COE", "BCN exchange". */
  readonly label: string;
  /** The API's collection: `/coes/:id`, `/bcn-exchanges/:id`. */
  readonly route: string;
}

/** Every programme the engine runs. Add a programme here (and its definitions below), nowhere else. */
export const PROGRAMMES: readonly Programme[] = [
  { key: 'coe', definition: COE_DEFINITION_NAME, label: 'COE', route: 'coes' },
  { key: 'bcn', definition: BCN_DEFINITION_NAME, label: 'BCN exchange', route: 'bcn-exchanges' },
];

/**
 * Every released version of every programme's definition: new streams take the latest (COE
 * version 2), a stream replays and decides on the version its first event names (COEs entered
 * before version 2 stay on version 1). Closing dates and the COE settings only change what a
 * command decides and which deadlines are open, never replay (each decision writes the dates it
 * was judged against into its event), so audit, CLI and tests can use the defaults. The record
 * of personal-data erasures (`privacy-<subject>` streams) is verified and replayed like them.
 */
export function createDefinitions(config: ProgrammesConfig = {}): AnyWorkflowDefinition[] {
  return [createCoeDefinition(config.coe), createCoeDefinitionV2(config.coe), createBcnDefinition(config.bcn), createPrivacyDefinition()];
}

/** The one registry every entry point builds: API, CLI, projector tests, demo, audit workers. */
export function createRegistry(config: ProgrammesConfig = {}): DefinitionRegistry {
  return new DefinitionRegistry(createDefinitions(config));
}

/** The programme named `key`, or undefined. */
export const programme = (key: string): Programme | undefined => PROGRAMMES.find((p) => p.key === key);
