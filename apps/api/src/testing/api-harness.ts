import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, type DefinitionRegistry } from '@apo/engine';
import { hashKey, ROLES, type Role } from '../auth/api-keys';
import type { AlarmSource } from '../audit/alarms/alarm-source';
import { startApi, type RunningApi } from '../bootstrap';

/** Where each COE command is posted: the published paths (http/command-routes.unit.spec.ts holds the derived routes to them). */
export const COMMAND_ROUTES: Record<string, string> = {
  SubmitApplication: 'application',
  StartReview: 'review',
  RejectApplication: 'rejection',
  DesignateCoe: 'designation',
  LaunchCoe: 'launch',
  RecordAssessment: 'assessments',
  AdvanceCoe: 'advance',
  ExtendPhase: 'extension',
  TerminateCoe: 'termination',
  SuspendCoe: 'suspension',
  ReinstateCoe: 'reinstatement',
  WithdrawCoe: 'withdrawal',
  SubmitProposal: 'proposals',
  ApproveProposal: 'proposals/approval',
  ReturnProposal: 'proposals/return',
  WaiveClosingDate: 'closing-date-waivers',
  RecordActivity: 'activities',
  RecordPublication: 'publications',
  RecordReplication: 'replications',
  RecordStatusAssessment: 'status-assessments',
  DecideNextStage: 'next-stage',
  CorrectRecord: 'corrections',
  CompleteHistoricalEntry: 'historical-entry-completion',
};

/** Where each BCN command is posted under /bcn-exchanges/:id: the published paths, as for COEs. */
export const BCN_COMMAND_ROUTES: Record<string, string> = {
  DraftExchange: 'draft',
  SubmitExchange: 'submission',
  ProposeExchange: 'proposal',
  ApproveExchange: 'approval',
  RejectExchange: 'rejection',
  ScheduleExchange: 'schedule',
  RecordImplementation: 'implementation',
  SubmitReport: 'report',
  RecordFollowUp: 'follow-ups',
  CloseExchange: 'closure',
  WithdrawExchange: 'withdrawal',
};

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/** The real app on a real port with a temporary data directory, a movable clock and one key per role. */
export class ApiHarness {
  readonly keys = Object.fromEntries(ROLES.map((r) => [r, `test_${r}_${randomBytes(16).toString('hex')}`])) as Record<Role, string>;
  readonly clock = new ManualClock('2031-01-01T00:00:00Z');
  private dir = '';
  api!: RunningApi;
  /** Where the servers it starts learn of open audit alarms (none unless a test sets one). */
  alarms?: AlarmSource;

  /**
   * Starts the server on a fresh data directory, or on `dataDir` (one a `halt` left behind);
   * `definitions`: the definition versions it runs, instead of the entry points' registry.
   */
  async start(env: Record<string, string> = {}, dataDir?: string, definitions?: DefinitionRegistry): Promise<this> {
    this.dir = dataDir ?? mkdtempSync(join(tmpdir(), 'api-e2e-'));
    const apiKeys = JSON.stringify(ROLES.map((role) => ({ principal: `test-${role}`, role, sha256: hashKey(this.keys[role]) })));
    // The scheduler is off unless a test turns it on (and then ticks it by hand: `api.jobs`).
    // Suites send thousands of requests a minute as one principal: no rate limit unless a test sets one.
    this.api = await startApi(
      { PORT: '0', DATA_DIR: this.dir, LOG_LEVEL: 'silent', API_KEYS: apiKeys, NODE_ENV: 'test', SCHEDULER: 'off', RATE_LIMIT_PER_MINUTE: '100000000', ...env },
      { clock: this.clock, definitions, alarms: this.alarms },
    );
    // The projection worker first compiles its TypeScript sources (seconds under jest, not the
    // READ_MODEL_WAIT_MS a test's first read waits): as main.ts does, wait until it has its lease.
    for (const until = Date.now() + 15_000; this.api.readModels.runnerState === 'waiting-for-lease' && Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this;
  }

  /** Stops the server and keeps its data directory (to tamper with the stopped store, then `start` on it again). */
  async halt(): Promise<string> {
    await this.api.close();
    return this.dir;
  }

  async stop(): Promise<void> {
    await this.api?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async request(
    method: string,
    path: string,
    options: { role?: Role; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.role) headers.authorization = `Bearer ${this.keys[options.role]}`;
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.api.url}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { text };
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** The Prometheus text of /metrics, read with the metrics role's key. */
  async metrics(): Promise<string> {
    const response = await fetch(`${this.api.url}/metrics`, { headers: { authorization: `Bearer ${this.keys.metrics}` } });
    if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
    return response.text();
  }

  command(id: string, type: string, data: Record<string, unknown>, role: Role = 'admin', headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.request('POST', `/coes/${id}/${COMMAND_ROUTES[type]}`, { role, body: data, headers });
  }

  bcnCommand(id: string, type: string, data: Record<string, unknown>, role: Role = 'assessor', headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.request('POST', `/bcn-exchanges/${id}/${BCN_COMMAND_ROUTES[type]}`, { role, body: data, headers });
  }
}
