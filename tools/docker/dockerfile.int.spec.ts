import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandOf, finalStage, instructionsOf, parseDockerfile, stageEnvironment, stageHealthcheck, stageUser, stageWorkdir } from './dockerfile';
import { dockerignored, npmStartRuns } from './image-files';

const ROOT = join(__dirname, '..', '..');
const dockerfile = parseDockerfile(readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8'));
const runtime = finalStage(dockerfile);
const ignorePatterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8');

/** docker/Dockerfile read as `docker build` would read it (there is no Docker daemon to build it here). */
describe('docker/Dockerfile', () => {
  it('builds the final stage on Node 22 or 24 pinned to a full release, the same base as the stage that installs node_modules', () => {
    expect(runtime.from).toMatch(/^node:(22|24)\.\d+\.\d+-[a-z0-9-]+(@sha256:[0-9a-f]{64})?$/);
    const nodeModules = instructionsOf(runtime, 'COPY').find((copy) => copy.flags.from && /\bnode_modules\b/.test(copy.args));
    const source = dockerfile.stages.find((stage) => stage.name === nodeModules?.flags.from);
    // better-sqlite3 is a native module: built against another Node it would not load.
    expect(source?.from).toBe(runtime.from);
    expect(source?.instructions.some((i) => i.keyword === 'RUN' && /npm ci --omit=dev\b/.test(i.args))).toBe(true);
  });

  it('installs no compiler, and copies no sources, in the final stage', () => {
    const runs = instructionsOf(runtime, 'RUN').map((run) => run.args);
    expect(runs.filter((run) => /\b(apt-get|apt|apk)\b.*\binstall\b.*\b(g\+\+|gcc|make|python3?|build-essential|clang)\b/.test(run))).toEqual([]);
    const copied = instructionsOf(runtime, 'COPY').map((copy) => `${copy.flags.from ? `${copy.flags.from}:` : ''}${copy.args}`);
    expect(copied).toEqual([
      'package.json ./',
      'deps:/app/node_modules ./node_modules',
      'build:/app/dist ./dist',
      'tools/audit/verify-bundle.mjs tools/audit/verify-bundle.mjs',
    ]);
  });

  it('runs as an unprivileged user, with /data owned by that user before it is declared a volume', () => {
    const user = stageUser(runtime);
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const volume = runtime.instructions.findIndex((i) => i.keyword === 'VOLUME');
    expect(runtime.instructions[volume].args.trim()).toMatch(/^(\/data|\["\/data"\])$/);
    // A fresh named volume copies the mount point's owner: chowned after VOLUME, the change is lost.
    const chown = runtime.instructions.findIndex((i) => i.keyword === 'RUN' && new RegExp(`\\bchown (-R )?${user}(:\\w+)? /data\\b`).test(i.args));
    expect(chown).toBeGreaterThanOrEqual(0);
    expect(chown).toBeLessThan(volume);
    expect(runtime.instructions.findIndex((i) => i.keyword === 'USER')).toBeGreaterThan(chown);
    expect(stageEnvironment(dockerfile, runtime)).toMatchObject({ DATA_DIR: '/data', NODE_ENV: 'production', HOST: '0.0.0.0' });
  });

  it('checks /health of the port the API listens on, with a timeout', () => {
    const check = stageHealthcheck(runtime);
    expect(check?.flags).toMatchObject({ timeout: expect.stringMatching(/^\d+s$/), interval: expect.stringMatching(/^\d+s$/) });
    expect(check?.command.join(' ')).toMatch(/http:\/\/127\.0\.0\.1:'\+\(process\.env\.HEALTHCHECK_PORT\|\|process\.env\.PORT\|\|3000\)\+'\/health/);
  });

  it('runs what `npm start` runs after its build, memory flags included, with node as PID 1', () => {
    const [cmd] = instructionsOf(runtime, 'CMD');
    expect(commandOf(cmd.args, cmd.line)).toEqual(['/bin/sh', '-c', `exec ${npmStartRuns(readFileSync(join(ROOT, 'package.json'), 'utf8'))}`]);
    expect(stageWorkdir(runtime)).toBe('/app');
    expect(instructionsOf(runtime, 'ENTRYPOINT')).toEqual([]);
  });

  it('names a projector command that runs a file the build produces', () => {
    expect(readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8')).toContain('node dist/apps/projector/src/main.js');
    expect(existsSync(join(ROOT, 'apps', 'projector', 'src', 'main.ts'))).toBe(true);
  });

  it('gets every file it copies from the build context past .dockerignore, and keeps data, builds and node_modules out', () => {
    const contextSources = dockerfile.stages
      .flatMap((stage) => instructionsOf(stage, 'COPY'))
      .filter((copy) => !copy.flags.from)
      .flatMap((copy) => copy.args.trim().split(/\s+/).slice(0, -1));
    expect(contextSources.length).toBeGreaterThan(5);
    expect(contextSources.filter((source) => dockerignored(ignorePatterns, source) || !existsSync(join(ROOT, source)))).toEqual([]);
    for (const kept of [
      'node_modules',
      'apps/api/node_modules',
      'dist/apps/api/src/main.js',
      'data/events.sqlite',
      '.git/config',
      'bench-results/x.json',
      '.env',
    ])
      expect([kept, dockerignored(ignorePatterns, kept)]).toEqual([kept, true]);
  });
});
