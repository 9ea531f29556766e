import { storeCheckpoint } from '@apo/audit/testing';
import type { ReadStore } from '@apo/read-store';
import { TransparencyLogReader } from '@apo/shared-read-models';
import { generateNoteKeys } from '@apo/transparency-log';
import type { Role } from '../auth/api-keys';
import { READ_STORE } from '../infrastructure/tokens';
import { ApiHarness } from '../testing/api-harness';
import { apiClient, type ApiClient, type OpenApiDocument } from '../testing/api-client/api-client';

/** A read whose answer the document does not type makes `npm run typecheck` fail here: its fields cannot be used. */
type Typed<T> = [T] extends [never] ? 'the operation declares no answer' : T;

/** The answer of a typed call; a problem fails the test with its status and body. */
async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Typed<T>> {
  const { data, error, response } = await call;
  if (data === undefined) throw new Error(`${response.url}: ${response.status} ${JSON.stringify(error)}`);
  return data as Typed<T>;
}

const COE = 'th-digital';
const BCN = 'la-th-2023';
const SCORES = { competency: 4, dissemination: 4, collaboration: 3, outputs: 5, impact: 4 };
const YEARS = [2026, 2027, 2028, 2029, 2030];

/**
 * The API through the client generated from its own OpenAPI document (openapi-typescript +
 * openapi-fetch): a COE from its application to the COE network, a BCN exchange from its draft
 * to its closure, then every GET route read with the fields used as the document types them.
 * Every answer is also checked against the schema the document declares for it.
 */
describe('the typed client generated from /docs-json drives a COE life, a BCN exchange and reads every GET route', () => {
  const h = new ApiHarness();
  let as: (role: Role) => ApiClient;
  let getRoutes: string[];
  const called = new Set<string>();
  /** The log position of the last command: read-model routes wait for it (X-Min-Position). */
  let written = '0';
  const after = () => ({ header: { 'X-Min-Position': written } });

  beforeAll(async () => {
    await h.start();
    const document = (await (await fetch(`${h.api.url}/docs-json`)).json()) as OpenApiDocument;
    as = (role) => apiClient(h.api.url, h.keys[role], { document, called });
    getRoutes = Object.entries(document.paths).flatMap(([path, item]) => (item.get ? [`GET ${path}`] : []));
  }, 30_000);
  afterAll(() => h.stop());

  /** A command's answer, remembering the log position it wrote. */
  async function command<T extends { revision: number; state: string }>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
    const { data, error, response } = await call;
    if (data === undefined) throw new Error(`${response.url}: ${response.status} ${JSON.stringify(error)}`);
    written = response.headers.get('X-Log-Position') ?? written;
    return data;
  }

  it('drives a COE from its application through designation, five assessed years and the 1-3-1 cycle into the network', async () => {
    const admin = as('admin');
    const path = { id: COE };
    const applied = await command(
      admin.POST('/coes/{id}/application', {
        params: { path },
        body: {
          name: 'COE on Digital Transformation',
          memberEconomy: 'TH',
          nominatingNpo: 'FTPI',
          hostInstitution: { name: 'FTPI', type: 'npo' },
          focusArea: 'digital transformation',
          appliedOn: '2025-01-10',
        },
      }),
    );
    expect<number>(applied.revision).toBe(0);
    await command(admin.POST('/coes/{id}/review', { params: { path, header: { 'If-Match': '"0"' } }, body: { startedOn: '2025-02-03' } }));
    const designated = await command(
      admin.POST('/coes/{id}/designation', {
        params: { path },
        body: { governingBody: { meeting: '65th Governing Body Meeting, Manila', decisionDate: '2025-04-16' }, launchDate: '2025-07-01' },
      }),
    );
    expect<string>(designated.state).toBe('active.designation');
    const assessAndAdvance = async (year: number) => {
      await command(
        admin.POST('/coes/{id}/assessments', {
          params: { path },
          body: { assessmentId: `a-${year}`, assessedOn: `${year}-06-15`, scores: SCORES, recommendation: 'advance' },
        }),
      );
      return command(admin.POST('/coes/{id}/advance', { params: { path }, body: { advancedOn: `${year}-07-01` } }));
    };
    for (const year of YEARS.slice(0, -1)) await assessAndAdvance(year);
    await command(
      admin.POST('/coes/{id}/activities', {
        params: { path },
        body: {
          activityId: 'act-1',
          kind: 'training',
          title: 'Smart factory bootcamp',
          date: '2029-09-10',
          participants: [
            { economy: 'TH', count: 12 },
            { economy: 'LA', count: 3 },
          ],
          outputs: ['training kit'],
        },
      }),
    );
    await command(
      admin.POST('/coes/{id}/publications', {
        params: { path },
        body: { publicationId: 'pub-1', kind: 'caseStudy', title: 'Lean in SMEs', date: '2029-10-01' },
      }),
    );
    const replicated = await command(
      admin.POST('/coes/{id}/replications', {
        params: { path },
        body: { replicationId: 'rep-1', targetEconomy: 'LA', description: 'Model factory replicated', date: '2029-11-05', bcnExchangeId: BCN },
      }),
    );
    expect<string>(replicated.state).toBe('active.replication');
    const graduated = await assessAndAdvance(YEARS[YEARS.length - 1]);
    expect<string>(graduated.state).toBe('network.continuedSupport');
    await command(
      admin.POST('/coes/{id}/status-assessments', {
        params: { path },
        body: { assessmentId: 's-2030', assessedOn: '2030-11-01', scores: SCORES, recommendedStage: 'networkMember' },
      }),
    );
    const member = await command(
      admin.POST('/coes/{id}/next-stage', {
        params: { path },
        body: { stage: 'networkMember', decidedBy: 'secretariat', decidedOn: '2030-12-01', reason: 'status assessment' },
      }),
    );
    expect(member).toMatchObject({ id: COE, revision: 18, state: 'network.member' });
  });

  it('drives a BCN exchange from its draft to its closure', async () => {
    const admin = as('admin');
    const path = { id: BCN };
    const drafted = await command(
      admin.POST('/bcn-exchanges/{id}/draft', {
        params: { path },
        body: {
          title: 'Lean management in public services',
          topic: 'public-sector productivity',
          programmeYear: 2023,
          sendingNpo: 'LA',
          hostingNpo: 'TH',
          objectives: 'Learn how FTPI runs its lean programme',
          draftedOn: '2023-02-01',
        },
      }),
    );
    expect<string>(drafted.state).toBe('draft');
    await command(admin.POST('/bcn-exchanges/{id}/submission', { params: { path }, body: { submittedOn: '2023-03-15' } }));
    await command(admin.POST('/bcn-exchanges/{id}/approval', { params: { path }, body: { approvedOn: '2023-04-20' } }));
    const participants = [1, 2, 3, 4].map((n) => ({ name: `Participant ${n}`, position: 'Deputy Director', category: 'npoOfficial' as const }));
    await command(
      admin.POST('/bcn-exchanges/{id}/schedule', {
        params: { path },
        body: {
          scheduledOn: '2023-05-10',
          startDate: '2023-09-04',
          endDate: '2023-09-08',
          modality: 'faceToFace',
          hostingNpo: 'TH',
          venue: 'Bangkok',
          participants,
        },
      }),
    );
    await command(admin.POST('/bcn-exchanges/{id}/implementation', { params: { path }, body: { implementedOn: '2023-09-08', participantsAttended: 4 } }));
    await command(
      admin.POST('/bcn-exchanges/{id}/report', {
        params: { path },
        body: { reportedOn: '2023-10-15', summary: 'Lean toolkit adapted for two ministries', outcomes: ['lean toolkit (Lao)'] },
      }),
    );
    await command(
      admin.POST('/bcn-exchanges/{id}/follow-ups', {
        params: { path },
        body: { followUpId: 'fu-1', kind: 'jointProject', title: 'Joint lean pilot in Vientiane', date: '2024-01-20' },
      }),
    );
    const closed = await command(admin.POST('/bcn-exchanges/{id}/closure', { params: { path }, body: { closedOn: '2024-03-31' } }));
    expect(closed).toMatchObject({ id: BCN, revision: 7, state: 'closed' });
  });

  it('reads the COE and the exchange from their streams, and lists them from the read models', async () => {
    const reporter = as('reporter');
    const coe = await ok(reporter.GET('/coes/{id}', { params: { path: { id: COE } } }));
    expect<number>(coe.revision).toBe(18);
    expect<number>(coe.definitionVersion).toBe(2);
    expect<string>(coe.state).toBe('network.member');
    expect<string | undefined>(coe.phase).toBe('network');
    expect<string | undefined>(coe.hostInstitution?.name).toBe('FTPI');
    expect<boolean>(coe.overdue).toBe(false);
    expect<number | undefined>(coe.governingBodyDecisions?.length).toBe(1);

    const coes = await ok(reporter.GET('/coes', { params: { query: { phase: 'network' }, ...after() } }));
    expect<number>(coes.total).toBe(1);
    const [row] = coes.items;
    expect<[string, number, number, number]>([row.id, row.activities, row.publications, row.replications]).toEqual([COE, 1, 1, 1]);
    expect<[string | null, string | null]>([row.lastStatusAssessmentDate, row.lastStatusAssessmentStage]).toEqual(['2030-11-01', 'networkMember']);

    const exchange = await ok(reporter.GET('/bcn-exchanges/{id}', { params: { path: { id: BCN }, ...after() } }));
    expect<string>(exchange.state).toBe('closed');
    expect<number>(exchange.followUps).toBe(1);
    expect<string | undefined>(exchange.hostingNpo?.economy).toBe('TH');
    expect<number | undefined>(exchange.schedule?.participants.length).toBe(4);
    // Personal data: withheld from the reporter; everything held about one participant, for an admin.
    const [first] = exchange.schedule?.participants ?? [];
    expect(first?.name).toEqual({ $withheld: 1, subject: first?.personId });
    const held = await ok(as('admin').GET('/privacy/subjects/{subject}', { params: { path: { subject: String(first?.personId) } } }));
    expect<string[]>(held.values.map((v) => String((v as { field: string }).field))).toEqual(['participants[*].name', 'participants[*].position']);
    expect<string[] | undefined>(exchange.coeReplications?.map((r) => `${r.coeId}/${r.replicationId}`)).toEqual([`${COE}/rep-1`]);

    const exchanges = await ok(reporter.GET('/bcn-exchanges', { params: { query: { programmeYear: 2023, sendingEconomy: 'LA' }, ...after() } }));
    expect<number>(exchanges.total).toBe(1);
    expect<[string, string, number]>([exchanges.items[0].id, exchanges.items[0].state, exchanges.items[0].participants]).toEqual([BCN, 'closed', 4]);
  });

  it('reads the audit routes: history, time travel, verify, seal, the exports and the evidence bundles', async () => {
    const auditor = as('auditor');
    const history = await ok(auditor.GET('/coes/{id}/history', { params: { path: { id: COE } } }));
    expect<number>(history.events.length).toBe(19);
    expect<string>(history.events[0].type).toBe('ApplicationSubmitted');
    expect<boolean>(history.verification.ok).toBe(true);
    const bcnHistory = await ok(auditor.GET('/bcn-exchanges/{id}/history', { params: { path: { id: BCN } } }));
    expect<string[]>(bcnHistory.events.map((e) => e.type).slice(-1)).toEqual(['ExchangeClosed']);

    const then = await ok(auditor.GET('/coes/{id}/state', { params: { path: { id: COE }, query: { asOf: '2027-01-01' } } }));
    expect<string>(then.state).toBe('active.delivery.year1');
    expect<number>(then.laterEvents).toBeGreaterThan(0);
    const drafted = await ok(auditor.GET('/bcn-exchanges/{id}/state', { params: { path: { id: BCN }, query: { revision: 0 } } }));
    expect<[string, number, boolean | null]>([drafted.state, drafted.revision, drafted.overdue]).toEqual(['draft', 0, null]);

    const verified = await ok(auditor.GET('/coes/{id}/verify', { params: { path: { id: COE } } }));
    expect<[boolean, number, number]>([verified.ok, verified.events, verified.head.revision]).toEqual([true, 19, 18]);
    const bcnVerified = await ok(auditor.GET('/bcn-exchanges/{id}/verify', { params: { path: { id: BCN } } }));
    expect<number>(bcnVerified.divergences.length).toBe(0);

    const seal = await ok(auditor.GET('/audit/seal'));
    expect<[number, number]>([seal.streams, seal.events]).toEqual([2, 27]);
    const store = await ok(auditor.GET('/audit/verify', { params: { query: { seal: seal.digest } } }));
    expect<[boolean, number, number, boolean | undefined]>([store.ok, store.streams, store.events, store.seal?.matches]).toEqual([true, 2, 27, true]);

    const lines = await ok(auditor.GET('/coes/{id}/export', { params: { path: { id: COE } }, parseAs: 'text' }));
    expect<number>(lines.trim().split('\n').length).toBe(19);
    const csv = await ok(auditor.GET('/bcn-exchanges/{id}/export', { params: { path: { id: BCN }, query: { format: 'csv' } }, parseAs: 'text' }));
    expect<number>(csv.trim().split('\r\n').length).toBe(1 + 8);
    const log = await ok(auditor.GET('/audit/export', { parseAs: 'text' }));
    expect<number>(log.trim().split('\n').length).toBe(27);

    // The evidence bundles, once the tree holds the 27 events and a checkpoint of them is signed.
    const readStore = h.api.app.get<ReadStore>(READ_STORE);
    const reader = new TransparencyLogReader(readStore.db);
    for (const until = Date.now() + 20_000; (await reader.treeSize()) < 27 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    const signer = { ...generateNoteKeys('apo.example.org/log'), origin: 'apo.example.org/log' };
    await storeCheckpoint(readStore, signer, 27, await reader.rootAt(27));
    const evidence = await ok(auditor.GET('/coes/{id}/evidence', { params: { path: { id: COE } } }));
    expect<[string, number, string]>([evidence.format, evidence.events.length, evidence.verifierKey]).toEqual([
      'apo-evidence-bundle/1',
      19,
      signer.verifierKey,
    ]);
    const bcnEvidence = await ok(auditor.GET('/bcn-exchanges/{id}/evidence', { params: { path: { id: BCN }, query: { treeSize: 27 } } }));
    expect<number[]>(bcnEvidence.events.map((e) => e.inclusionProof.length).slice(0, 1)).toEqual([5]);

    // The transparency log itself: checkpoints, keys, proofs and the self-check's alarms.
    await storeCheckpoint(readStore, signer, 20, await reader.rootAt(20));
    const checkpoint = await ok(auditor.GET('/audit/checkpoints', { params: { query: { size: 27 } } }));
    expect<[number, string]>([checkpoint.treeSize, checkpoint.verifierKey]).toEqual([27, signer.verifierKey]);
    const keys = await ok(auditor.GET('/audit/keys'));
    expect<string>(JSON.stringify(keys)).toContain(signer.verifierKey);
    const inclusion = await ok(auditor.GET('/audit/proofs/inclusion', { params: { query: { streamId: `coe-${COE}`, revision: 0, treeSize: 27 } } }));
    expect<[number, number]>([inclusion.treeSize, inclusion.proof.length]).toEqual([27, 5]);
    const consistency = await ok(auditor.GET('/audit/proofs/consistency', { params: { query: { from: 20, to: 27 } } }));
    expect<number>(consistency.proof.length).toBeGreaterThan(0);
    const alarms = await ok(auditor.GET('/audit/alarms'));
    expect<[number, number]>([alarms.open, alarms.alarms.length]).toEqual([0, 0]);
  });

  it('reads every report', async () => {
    const reporter = as('reporter');
    const overview = await ok(reporter.GET('/reports/coe-overview', { params: after() }));
    expect<[number, string, string | null]>([overview.total, overview.items[0].phase, overview.items[0].hostInstitution]).toEqual([1, 'network', 'FTPI']);
    const assessments = await ok(reporter.GET('/reports/assessments', { params: after() }));
    expect<string[]>(assessments.items.map((r) => r.assessmentId).sort()).toEqual([...YEARS.map((year) => `a-${year}`), 's-2030']);
    const activities = await ok(reporter.GET('/reports/activity-counts', { params: after() }));
    expect<number[]>(activities.items.map((r) => r.count)).toEqual([1, 1]);
    const participants = await ok(reporter.GET('/reports/activity-participants', { params: after() }));
    expect<number>(participants.items.reduce((sum, r) => sum + r.participants, 0)).toBe(15);
    const phases = await ok(reporter.GET('/reports/phase-history', { params: after() }));
    expect<number>(phases.total).toBeGreaterThan(YEARS.length);
    const replications = await ok(reporter.GET('/reports/replications', { params: { query: { bcnExchangeId: BCN }, ...after() } }));
    expect<string[]>(replications.items.map((r) => r.coeId)).toEqual([COE]);
    const portfolio = await ok(reporter.GET('/reports/portfolio', { params: after() }));
    expect<number>(portfolio.total).toBeGreaterThan(0);
    const bcnReport = await ok(reporter.GET('/reports/bcn-exchanges', { params: after() }));
    expect<string[]>(bcnReport.items.map((r) => r.state)).toEqual(['closed']);
    const windows = await ok(reporter.GET('/reports/bcn-windows', { params: after() }));
    expect<number>(windows.total).toBeGreaterThan(0);
    const followUps = await ok(reporter.GET('/reports/bcn-follow-ups', { params: after() }));
    expect<number[]>(followUps.items.map((r) => r.followUps)).toEqual([1]);
  });

  it('reads the deadlines, the webhook deliveries, health and metrics', async () => {
    const reporter = as('reporter');
    const coe = await ok(reporter.GET('/coes/{id}', { params: { path: { id: COE } } }));
    const due = await ok(reporter.GET('/coes/{id}/deadlines', { params: { path: { id: COE }, ...after() } }));
    expect<number>(due.total).toBe(coe.openDeadlines ?? -1);
    const all = await ok(reporter.GET('/deadlines', { params: after() }));
    expect<string[]>(all.items.map((d) => d.instanceId)).toEqual(due.items.map(() => COE));
    const bcnDue = await ok(reporter.GET('/bcn-exchanges/{id}/deadlines', { params: { path: { id: BCN }, ...after() } }));
    expect<number>(bcnDue.total).toBe(0);

    const admin = as('admin');
    const deadLetters = await ok(admin.GET('/notifications/dead-letters'));
    expect<[number, number]>([deadLetters.total, deadLetters.items.length]).toEqual([0, 0]);
    const stats = await ok(admin.GET('/notifications/deliveries/stats'));
    expect<string[]>(stats.webhooks.map((w) => w.webhook)).toEqual([]);

    const machine = await ok(
      reporter.GET('/definitions/{programme}/{version}/machine', { params: { path: { programme: 'coe', version: String(coe.definitionVersion) } } }),
    );
    expect<string | undefined>(machine.states.find((s) => s.id === 'active')?.initial).toBe('active.designation');

    const coeEvents = await ok(reporter.GET('/coes/{id}/events', { params: { path: { id: COE } } }));
    expect<number>(coeEvents.events.length).toBe(coe.revision + 1);
    const bcnEvents = await ok(reporter.GET('/bcn-exchanges/{id}/events', { params: { path: { id: BCN } } }));
    expect<string>(bcnEvents.events[0].from).toBe('new');

    const me = await ok(as('reporter').GET('/me'));
    expect<[string, string]>([me.principal, me.role]).toEqual(['test-reporter', 'reporter']);
    const health = await ok(as('reporter').GET('/health'));
    expect<[string, string, number]>([health.status, health.eventStore.status, health.integrity.brokenStreams]).toEqual(['ok', 'up', 0]);
    const metrics = await ok(as('metrics').GET('/metrics', { parseAs: 'text' }));
    expect<boolean>(metrics.includes('apo_projection_lag_events')).toBe(true);
  });

  it('has read every GET route of the document through the typed client', () => {
    expect(getRoutes.length).toBeGreaterThanOrEqual(30);
    expect(getRoutes.filter((route) => !called.has(route))).toEqual([]);
  });
});
