// The rules every compose file in docker/ keeps (issue #22), as a function that names each breach, so
// a test can hold the real files to them and show that each rule catches what it is meant to.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One parsed compose file: its name in docker/, its raw text (for `${VAR}`s) and its content. */
export interface ComposeFile {
  readonly name: string;
  readonly text: string;
  readonly content: ComposeContent;
}

export interface ComposeContent {
  readonly services?: Record<string, ComposeService>;
  readonly secrets?: Record<string, { file?: string; environment?: string; external?: boolean }>;
}

export interface ComposeService {
  readonly image?: string;
  readonly build?: unknown;
  readonly command?: string | string[];
  readonly restart?: string;
  readonly healthcheck?: { test?: string | string[]; disable?: boolean };
  readonly depends_on?: string[] | Record<string, { condition?: string }>;
  readonly environment?: string[] | Record<string, string | number | boolean | null>;
  readonly secrets?: (string | { source: string })[];
  readonly deploy?: { replicas?: number };
}

/** Variable names that say a value is secret: such a value must come from a file or a `${VAR}` without a default. */
export const SECRET_NAME = /SECRET|PASSWORD|KEY|TOKEN|CONNECTION_STRING|DATABASE_URL/;

/** A released version, in full: `name:1.2.3` with an optional variant (`-jammy`), or a digest. */
const PINNED = /^[^\s:@]+(:\d+\.\d+\.\d+([-.][A-Za-z0-9._-]+)?|@sha256:[0-9a-f]{64})$/;

/** PostgreSQL numbers its releases major.minor (since 10): `postgres:16.9` is one release, `postgres:16` is not. */
const PINNED_POSTGRES = /^postgres:\d+\.\d+(-[A-Za-z0-9._-]+)?$/;

/** EventStoreDB's and KurrentDB's images: one version of them across every file. */
const EVENT_STORE_IMAGE = /(^|\/)(eventstore\/eventstore|eventstoredb[-\w]*|kurrentdb)[:@]/;

/** `${VAR}`, `${VAR:?message}` or `${VAR?message}`: a reference that carries no default value. */
const REFERENCE_WITHOUT_DEFAULT = /^\$\{[A-Z_][A-Z0-9_]*(:?\?[^}]*)?\}$/;

/** The projector's entry point in the image (tools/build.js mirrors apps/ under dist/). */
export const PROJECTOR_ENTRY = 'dist/apps/projector/src/main.js';

/** Every *.yml and *.yaml file of `dir`, parsed with YAML merge keys (`<<: *anchor`) applied. */
export function loadComposeFiles(dir: string): ComposeFile[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      return { name, text, content: (parse(text, { merge: true }) ?? {}) as ComposeContent };
    });
}

/** A service's environment as name/value pairs, whichever of the two forms it is written in. */
export function environmentOf(service: ComposeService): [string, string][] {
  const env = service.environment ?? {};
  if (Array.isArray(env))
    return env.map((entry) => {
      const at = entry.indexOf('=');
      return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    });
  return Object.entries(env).map(([name, value]) => [name, value === null ? '' : String(value)]);
}

/** The `${VAR}` names a compose text uses (`$${...}` is an escaped dollar, not a variable). */
export const variablesOf = (text: string): string[] => [...new Set([...text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))];

/** The names `.env.example` sets (`NAME=` lines). */
export const exampleVariables = (text: string): Set<string> => new Set([...text.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]));

/**
 * Every breach of the rules, one line each naming the file and the service: images pinned to a full
 * version (a service that builds its image is exempt), one EventStoreDB version across the files,
 * a healthcheck and a restart policy on every service (none is a one-shot job), `depends_on` only
 * with `condition: service_healthy`, no secret inline, every secret from a `file:`, and every
 * `${VAR}` named in `.env.example`.
 */
export function composeProblems(files: readonly ComposeFile[], envExample: string): string[] {
  const problems: string[] = [];
  const eventStoreImages = new Map<string, string[]>();
  const example = exampleVariables(envExample);
  for (const file of files) {
    const services = Object.entries(file.content.services ?? {});
    if (services.length === 0) problems.push(`${file.name}: no services`);
    for (const [name, service] of services) {
      const where = `${file.name} ${name}`;
      problems.push(...imageProblems(where, service));
      if (service.image && EVENT_STORE_IMAGE.test(service.image)) eventStoreImages.set(service.image, [...(eventStoreImages.get(service.image) ?? []), where]);
      const test = service.healthcheck?.test;
      if (!test || service.healthcheck?.disable || (Array.isArray(test) ? test[0] === 'NONE' : test === 'NONE')) problems.push(`${where}: no healthcheck`);
      if (!service.restart || service.restart === 'no') problems.push(`${where}: no restart policy (restart: unless-stopped)`);
      problems.push(...dependsOnProblems(where, service), ...environmentProblems(where, service), ...serviceSecretProblems(where, service, file));
    }
    for (const [secret, source] of Object.entries(file.content.secrets ?? {}))
      if (!source?.file) problems.push(`${file.name} secrets.${secret}: not from a file (file: ./secrets/...)`);
    for (const variable of variablesOf(file.text)) if (!example.has(variable)) problems.push(`${file.name}: \${${variable}} is not in docker/.env.example`);
  }
  if (eventStoreImages.size > 1)
    problems.push(`EventStoreDB versions differ: ${[...eventStoreImages].map(([image, users]) => `${image} (${users.join(', ')})`).join('; ')}`);
  return problems;
}

function imageProblems(where: string, service: ComposeService): string[] {
  if (service.build !== undefined) return [];
  if (!service.image) return [`${where}: neither image nor build`];
  return PINNED.test(service.image) || PINNED_POSTGRES.test(service.image)
    ? []
    : [`${where}: image ${service.image} is not pinned to a full version (name:1.2.3 or a digest)`];
}

function dependsOnProblems(where: string, service: ComposeService): string[] {
  const dependsOn = service.depends_on;
  if (dependsOn === undefined) return [];
  if (Array.isArray(dependsOn)) return [`${where}: depends_on ${dependsOn.join(', ')} without condition: service_healthy`];
  return Object.entries(dependsOn)
    .filter(([, dependency]) => dependency?.condition !== 'service_healthy')
    .map(([dependency]) => `${where}: depends_on ${dependency} without condition: service_healthy`);
}

function environmentProblems(where: string, service: ComposeService): string[] {
  return environmentOf(service).flatMap(([name, value]) => {
    if (/:\/\/[^/\s:@]+:[^/\s@]+@/.test(value)) return [`${where}: ${name} carries credentials in a URL`];
    if (!SECRET_NAME.test(name)) return [];
    if (name.endsWith('_FILE')) return value.startsWith('/run/secrets/') ? [] : [`${where}: ${name} is not a file under /run/secrets (${value})`];
    return REFERENCE_WITHOUT_DEFAULT.test(value)
      ? []
      : [`${where}: ${name} is inline (a secret comes from a file under /run/secrets or a \${VAR} without default)`];
  });
}

function serviceSecretProblems(where: string, service: ComposeService, file: ComposeFile): string[] {
  const declared = file.content.secrets ?? {};
  return (service.secrets ?? [])
    .map((secret) => (typeof secret === 'string' ? secret : secret.source))
    .filter((secret) => !(secret in declared))
    .map((secret) => `${where}: secret ${secret} is not declared under secrets:`);
}

/**
 * The production file's layout: the API (services built from the image, running its default command)
 * at least twice, each with PROJECTOR=external, and a projector service running PROJECTOR_ENTRY.
 */
export function productionLayoutProblems(file: ComposeFile): string[] {
  const services = Object.entries(file.content.services ?? {});
  const commandOf = (service: ComposeService) => [service.command ?? []].flat().join(' ');
  const apis = services.filter(([, service]) => service.build !== undefined && service.command === undefined);
  const replicas = apis.reduce((sum, [, service]) => sum + (service.deploy?.replicas ?? 1), 0);
  const problems: string[] = [];
  if (replicas < 2) problems.push(`${file.name}: ${replicas} API replica(s), not two`);
  for (const [name, service] of apis)
    if (!environmentOf(service).some(([key, value]) => key === 'PROJECTOR' && value === 'external'))
      problems.push(`${file.name} ${name}: an API replica without PROJECTOR=external`);
  if (!services.some(([, service]) => commandOf(service).includes(PROJECTOR_ENTRY))) problems.push(`${file.name}: no projector service (${PROJECTOR_ENTRY})`);
  return problems;
}
