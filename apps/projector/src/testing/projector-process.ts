import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../../..');
const MAIN = resolve(__dirname, '../main.ts');

/** `npm run projector` as a child process, its log lines collected (JSON lines, stdout and stderr). */
export class ProjectorProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  url = '';
  private ended = false;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    let buffered = '';
    const collect = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      this.lines.push(...lines);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    this.exited = new Promise((done) =>
      child.on('close', (code, signal) => {
        this.ended = true;
        done({ code, signal });
      }),
    );
  }

  /** Starts a projector; resolves once it serves /health (or rejects with its output if it exits first). */
  static async start(env: Record<string, string>): Promise<ProjectorProcess> {
    const projector = ProjectorProcess.spawn(env);
    projector.url = (await projector.waitFor(/serving \/health and \/metrics on (http:\/\/\S+?);/))[1];
    return projector;
  }

  static spawn(env: Record<string, string>): ProjectorProcess {
    const child = spawn(process.execPath, ['-r', join(REPO, 'tools/register.js'), MAIN], {
      cwd: REPO,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new ProjectorProcess(child);
  }

  /** Resolves with the match once a log line matches; rejects (with the log) if the process exits or 20 s pass first. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of this.lines) {
        const m = pattern.exec(line);
        if (m) return m;
      }
      if (this.ended || Date.now() > deadline)
        throw new Error(`no log line matched ${pattern}${this.ended ? ' (the projector exited)' : ''}:\n${this.lines.join('\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async health(): Promise<{ status: number; body: { status: string; readModels: Record<string, unknown> } }> {
    const response = await fetch(`${this.url}/health`);
    return { status: response.status, body: (await response.json()) as { status: string; readModels: Record<string, unknown> } };
  }

  /** The value of one un-labelled series of /metrics. */
  async metric(name: string): Promise<number> {
    const text = await fetch(`${this.url}/metrics`).then((r) => r.text());
    const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    if (!m) throw new Error(`no ${name} in /metrics`);
    return Number(m[1]);
  }
}
