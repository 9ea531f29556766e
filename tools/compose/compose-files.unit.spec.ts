import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { composeProblems, loadComposeFiles, productionLayoutProblems, PROJECTOR_ENTRY, type ComposeFile } from './compose-files';

const ROOT = resolve(__dirname, '../..');
const DOCKER = join(ROOT, 'docker');
const files = loadComposeFiles(DOCKER);
const envExample = readFileSync(join(DOCKER, '.env.example'), 'utf8');
const named = (name: string) => files.find((file) => file.name === name) as ComposeFile;

describe('the compose files in docker/', () => {
  it('are the embedded default, production and the two EventStoreDB files of the conformance suite', () => {
    expect(files.map((file) => file.name)).toEqual(['compose.production.yml', 'compose.yml', 'eventstoredb-cluster.yml', 'eventstoredb-single.yml']);
  });

  it('keep every rule: pinned images, one EventStoreDB version, healthchecks, restart policies, health-gated depends_on, no inline secret, secrets from files, .env.example complete', () => {
    expect(composeProblems(files, envExample)).toEqual([]);
  });

  it('pin EventStoreDB to one full version everywhere', () => {
    const images = files.flatMap((file) => Object.values(file.content.services ?? {}).map((service) => service.image ?? ''));
    expect(new Set(images.filter((image) => image.startsWith('eventstore/')))).toEqual(new Set(['eventstore/eventstore:24.10.4-jammy']));
  });

  it('production: a three-node cluster, PostgreSQL, two APIs with PROJECTOR=external and the projector', () => {
    const production = named('compose.production.yml');
    expect(productionLayoutProblems(production)).toEqual([]);
    const services = production.content.services ?? {};
    expect(Object.values(services).filter((service) => service.image?.startsWith('eventstore/'))).toHaveLength(3);
    expect(services.postgres?.image).toMatch(/^postgres:16\.\d+/);
    expect(existsSync(join(ROOT, 'apps/projector/src/main.ts'))).toBe(true);
    expect([services.projector?.command].flat()).toContain(PROJECTOR_ENTRY);
  });

  it('build the image helper’s docker/Dockerfile from the repository root', () => {
    for (const file of [named('compose.yml'), named('compose.production.yml')])
      for (const service of Object.values(file.content.services ?? {}).filter((s) => s.build !== undefined))
        expect(service.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
  });

  it('the embedded default: one API, a named volume at /data, the API keys from a secret file', () => {
    const services = Object.entries(named('compose.yml').content.services ?? {});
    expect(services).toHaveLength(1);
    const [, api] = services[0];
    expect((api as { volumes?: string[] }).volumes).toEqual(['apo-data:/data']);
    expect(api.environment).toMatchObject({ API_KEYS_FILE: '/run/secrets/api_keys', NODE_ENV: 'production' });
  });

  it('docker/secrets/README.md describes every secret file the compose files read from docker/secrets/', () => {
    const readme = readFileSync(join(DOCKER, 'secrets/README.md'), 'utf8');
    const secretFiles = files.flatMap((file) => Object.values(file.content.secrets ?? {}).map((secret) => secret.file ?? ''));
    for (const file of secretFiles.filter((path) => path.startsWith('./secrets/'))) expect(readme).toContain(`\`${file.slice('./secrets/'.length)}\``);
  });
});

/** A compose file from YAML text, as loadComposeFiles reads one. */
const fixture = (text: string, name = 'fixture.yml'): ComposeFile => ({ name, text, content: parse(text, { merge: true }) });
const healthy = 'restart: unless-stopped\n    healthcheck: { test: ["CMD", "true"] }';

describe('composeProblems catches each breach', () => {
  it.each([
    ['an unpinned image', `services:\n  db:\n    image: postgres:16\n    ${healthy}`, 'fixture.yml db: image postgres:16 is not pinned'],
    ['latest', `services:\n  db:\n    image: postgres:latest\n    ${healthy}`, 'image postgres:latest is not pinned'],
    [
      'a bare major of EventStoreDB',
      `services:\n  db:\n    image: eventstore/eventstore:24.10\n    ${healthy}`,
      'image eventstore/eventstore:24.10 is not pinned',
    ],
    ['no tag', `services:\n  db:\n    image: postgres\n    ${healthy}`, 'image postgres is not pinned'],
    ['no healthcheck', 'services:\n  db:\n    image: postgres:16.9\n    restart: always', 'fixture.yml db: no healthcheck'],
    ['a disabled healthcheck', 'services:\n  db:\n    image: postgres:16.9\n    restart: always\n    healthcheck: { test: ["NONE"] }', 'db: no healthcheck'],
    ['no restart policy', 'services:\n  db:\n    image: postgres:16.9\n    healthcheck: { test: ["CMD", "true"] }', 'db: no restart policy'],
    [
      'a depends_on list',
      `services:\n  db:\n    image: postgres:16.9\n    ${healthy}\n    depends_on: [other]`,
      'db: depends_on other without condition: service_healthy',
    ],
    [
      'depends_on service_started',
      `services:\n  db:\n    image: postgres:16.9\n    ${healthy}\n    depends_on: { other: { condition: service_started } }`,
      'db: depends_on other without condition: service_healthy',
    ],
    [
      'an inline password',
      `services:\n  db:\n    image: postgres:16.9\n    ${healthy}\n    environment: { POSTGRES_PASSWORD: postgres }`,
      'db: POSTGRES_PASSWORD is inline',
    ],
    [
      'a secret with a default',
      `services:\n  db:\n    image: postgres:16.9\n    ${healthy}\n    environment: ["API_KEYS=\${API_KEYS:-[]}"]`,
      'db: API_KEYS is inline',
    ],
    [
      'a password in a URL',
      `services:\n  db:\n    image: postgres:16.9\n    ${healthy}\n    environment: { PG: "postgres://apo:pw@postgres/apo" }`,
      'db: PG carries credentials in a URL',
    ],
    [
      'a *_FILE outside /run/secrets',
      `services:\n  db:\n    image: postgres:16.9\n    ${healthy}\n    environment: { API_KEYS_FILE: /data/keys.json }`,
      'db: API_KEYS_FILE is not a file under /run/secrets',
    ],
    [
      'a secret not from a file',
      `services:\n  db:\n    image: postgres:16.9\n    ${healthy}\nsecrets:\n  pw: { environment: PW }`,
      'fixture.yml secrets.pw: not from a file',
    ],
    ['an undeclared secret', `services:\n  db:\n    image: postgres:16.9\n    ${healthy}\n    secrets: [pw]`, 'db: secret pw is not declared'],
    ['a variable .env.example lacks', `services:\n  db:\n    image: postgres:\${PG_VERSION}\n    ${healthy}`, '${PG_VERSION} is not in docker/.env.example'],
  ])('%s', (_case, text, problem) => {
    expect(composeProblems([fixture(text)], 'API_PORT=3000\n').join('\n')).toContain(problem);
  });

  it('two EventStoreDB versions across files', () => {
    const node = (version: string) => `services:\n  node:\n    image: eventstore/eventstore:${version}\n    ${healthy}`;
    expect(composeProblems([fixture(node('24.10.4-jammy'), 'a.yml'), fixture(node('23.10.1-bookworm-slim'), 'b.yml')], '').join('\n')).toContain(
      'EventStoreDB versions differ: eventstore/eventstore:24.10.4-jammy (a.yml node); eventstore/eventstore:23.10.1-bookworm-slim (b.yml node)',
    );
  });

  it('references without a default and pinned versions pass', () => {
    const text = `services:\n  db:\n    image: postgres:16.9-bookworm\n    ${healthy}\n    environment: { EVENTSTORE_DEFAULT_ADMIN_PASSWORD: "\${PW:?set PW}", POSTGRES_PASSWORD_FILE: /run/secrets/pw }\n    secrets: [pw]\nsecrets:\n  pw: { file: ./secrets/pw }`;
    expect(composeProblems([fixture(text)], 'PW=\n')).toEqual([]);
  });

  it('production layout: one API replica, or one without PROJECTOR=external, or no projector', () => {
    const api = (env: string) => `  api:\n    build: .\n    environment: { PROJECTOR: ${env} }\n`;
    expect(productionLayoutProblems(fixture(`services:\n${api('external')}`))).toEqual([
      'fixture.yml: 1 API replica(s), not two',
      `fixture.yml: no projector service (${PROJECTOR_ENTRY})`,
    ]);
    expect(productionLayoutProblems(fixture(`services:\n${api('worker')}    deploy: { replicas: 2 }\n`))).toContain(
      'fixture.yml api: an API replica without PROJECTOR=external',
    );
  });
});
