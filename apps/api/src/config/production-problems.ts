import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The development keys' file under DATA_DIR (hashes of keys printed once to a log): see auth/api-keys.ts. */
export const devKeysFileOf = (dataDir: string): string => join(resolve(dataDir), 'dev-api-keys.json');

/** The variables the production checks read (ApiEnvironment has them). */
export interface ProductionEnvironment {
  readonly NODE_ENV: string;
  readonly DATA_DIR: string;
  readonly API_KEYS?: string;
  readonly API_KEYS_FILE?: string;
}

/**
 * What NODE_ENV=production refuses, each named so one start-up message lists them all: no API keys
 * (development keys would be created and printed to the log), and a development keys file left in
 * the data directory (its keys were printed in a development log). Other modes: none.
 */
export function productionProblems(config: ProductionEnvironment): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!config.API_KEYS && !config.API_KEYS_FILE)
    problems.push('API_KEYS or API_KEYS_FILE: required when NODE_ENV=production (a JSON array of { "principal", "role", "sha256" })');
  const devKeys = devKeysFileOf(config.DATA_DIR);
  if (existsSync(devKeys))
    problems.push(`${devKeys}: development keys file present with NODE_ENV=production (its keys were printed to a log); delete it and use API_KEYS_FILE`);
  return problems;
}

/** API_KEYS_FILE names a file that is not there (in every mode: the key ring could not load). */
export const apiKeysFileProblems = (config: Pick<ProductionEnvironment, 'API_KEYS' | 'API_KEYS_FILE'>): string[] =>
  !config.API_KEYS && config.API_KEYS_FILE && !existsSync(config.API_KEYS_FILE) ? [`API_KEYS_FILE: ${config.API_KEYS_FILE} does not exist`] : [];
