import {
  commandOf,
  DockerfileError,
  finalStage,
  instructionsOf,
  parseDockerfile,
  stageEnvironment,
  stageHealthcheck,
  stageUser,
  stageWorkdir,
  words,
} from './dockerfile';
import { dockerignored, npmStartRuns } from './image-files';
import { packageName, productionPackages, requiredPackages } from './production-dependencies';

const SAMPLE = `# syntax=docker/dockerfile:1
ARG NODE_VERSION=22.1.2
ARG VARIANT

FROM node:\${NODE_VERSION}-bookworm-slim AS deps
RUN apt-get update \\
  # a comment inside a continuation
  && apt-get install -y g++
WORKDIR /app

FROM deps AS runtime
ENV NODE_ENV=production DATA_DIR="/data dir" HOME_DATA=\${DATA_DIR}/x
ENV LEGACY some value
WORKDIR srv
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
USER node
HEALTHCHECK --interval=10s --timeout=3s CMD curl -f http://127.0.0.1:3000/health
CMD ["node", "main.js"]
`;

describe('parseDockerfile', () => {
  const dockerfile = parseDockerfile(SAMPLE);

  it('reads the stages, substituting the build arguments declared before the first FROM', () => {
    expect(dockerfile.args).toEqual({ NODE_VERSION: '22.1.2', VARIANT: undefined });
    expect(dockerfile.stages.map((s) => [s.name, s.from])).toEqual([
      ['deps', 'node:22.1.2-bookworm-slim'],
      ['runtime', 'deps'],
    ]);
  });

  it('joins continued lines and drops the comments between them', () => {
    const [run] = instructionsOf(dockerfile.stages[0], 'RUN');
    expect(run).toMatchObject({ args: 'apt-get update && apt-get install -y g++', line: 6 });
  });

  it('reads flags, the environment, the working directory, the user, the health check and the command', () => {
    const runtime = finalStage(dockerfile);
    expect(instructionsOf(runtime, 'COPY')[0]).toMatchObject({ flags: { from: 'deps', chown: 'node:node' }, args: '/app/node_modules ./node_modules' });
    expect(stageEnvironment(dockerfile, runtime)).toEqual({ NODE_ENV: 'production', DATA_DIR: '/data dir', HOME_DATA: '/data dir/x', LEGACY: 'some value' });
    expect(stageWorkdir(runtime)).toBe('/srv');
    expect(stageWorkdir(dockerfile.stages[0])).toBe('/app');
    expect(stageUser(runtime)).toBe('node');
    expect(stageUser(dockerfile.stages[0])).toBe('root');
    expect(stageHealthcheck(runtime)).toEqual({
      flags: { interval: '10s', timeout: '3s' },
      command: ['/bin/sh', '-c', 'curl -f http://127.0.0.1:3000/health'],
    });
    const [cmd] = instructionsOf(runtime, 'CMD');
    expect(commandOf(cmd.args, cmd.line)).toEqual(['node', 'main.js']);
  });

  it('treats HEALTHCHECK NONE as no health check', () => {
    expect(stageHealthcheck(finalStage(parseDockerfile('FROM node:22\nHEALTHCHECK NONE\n')))).toBeUndefined();
  });

  it.each([
    ['', /no FROM/],
    ['RUN echo hi\nFROM node:22\n', /line 1: RUN before the first FROM/],
    ['FROM node:${TAG}\n', /line 1: \$\{TAG\} has no value/],
    ['FROM node:22\nBUILD it\n', /line 2: unknown instruction BUILD/],
    ['FROM node:22 AS\n', /line 1: FROM takes an image/],
    ['FROM node:22\nRUN a \\\n', /ends inside a continued instruction/],
    ['FROM node:22\nHEALTHCHECK curl x\n', /line 2: HEALTHCHECK takes NONE or CMD/],
  ])('refuses %j with a message naming the line', (text, message) => {
    expect(() => parseDockerfile(text)).toThrow(DockerfileError);
    expect(() => parseDockerfile(text)).toThrow(message);
  });

  it('refuses a command that looks like JSON but is not, which Docker would silently run through a shell', () => {
    expect(() => commandOf("['node', 'main.js']", 9)).toThrow(/line 9: .*not valid JSON/);
    expect(() => commandOf('[]', 9)).toThrow(/non-empty array of strings/);
  });

  it('splits words on blanks, keeping quoted parts together', () => {
    expect(words(`A="x y" B='p q' C=z\\ w`)).toEqual(['A=x y', 'B=p q', 'C=z w']);
    expect(() => words('A="x')).toThrow(/unterminated " quote/);
  });
});

describe('production dependencies', () => {
  it('takes the top-level packages of the lock that are not marked dev', () => {
    const lock = JSON.stringify({
      packages: {
        '': { name: 'app' },
        'node_modules/pg': {},
        'node_modules/@grpc/grpc-js': {},
        'node_modules/jest': { dev: true },
        'node_modules/pg/node_modules/nested': {},
      },
    });
    expect([...productionPackages(lock)]).toEqual(['pg', '@grpc/grpc-js']);
    expect(() => productionPackages('{"dependencies":{}}')).toThrow(/no "packages" map/);
  });

  it('names the packages compiled code requires, not built-ins or relative files', () => {
    const code = `const a = require("pg"); const b = require("@nestjs/core/router"); require("node:fs"); require("path");
      require("./local"); const v = await import('vite'); require("pg");`;
    expect(requiredPackages(code)).toEqual(['pg', '@nestjs/core', 'vite']);
    expect(packageName('@scope/name/deep/file')).toBe('@scope/name');
  });
});

describe('.dockerignore patterns', () => {
  const ignore = '# comment\nnode_modules\n**/node_modules\ndist\n**/*.sqlite\n*.md\n!README.md\ndocs/*.png\n';

  it.each([
    ['node_modules/x/index.js', true],
    ['apps/api/node_modules', true],
    ['dist', true],
    ['dist/apps/api/src/main.js', true],
    ['data/events.sqlite', true],
    ['CHANGES.md', true],
    ['README.md', false],
    ['docs/a.png', true],
    ['docs/sub/a.png', false],
    ['apps/api/src/main.ts', false],
    ['distribution.txt', false],
  ])('%s ignored: %s', (path, ignored) => {
    expect(dockerignored(ignore, path)).toBe(ignored);
  });
});

describe('npmStartRuns', () => {
  it('is the command after the build, without a leading exec', () => {
    expect(npmStartRuns(JSON.stringify({ scripts: { start: 'node tools/build.js && exec env A=1 node main.js' } }))).toBe('env A=1 node main.js');
  });

  it('refuses a start script of another shape, quoting it', () => {
    expect(() => npmStartRuns(JSON.stringify({ scripts: { start: 'node main.js' } }))).toThrow(
      /should be "node tools\/build.js && <command>", is "node main.js"/,
    );
    expect(() => npmStartRuns('{}')).toThrow(/is undefined/);
  });
});
