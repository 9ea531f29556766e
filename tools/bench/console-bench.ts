import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
// The browser tests' server (the API from its sources over a fresh store, serving the console's build) and Chromium: the same as the tests measure with.
// eslint-disable-next-line @nx/enforce-module-boundaries -- a bench tool, not a project: it drives the console as its tests do
import { ConsoleServer, launchChromium } from '../../apps/console/e2e/console-server';
import { latencyFigure, type LatencyRun, type Section } from './report';
import { msSince, percentile, RssSampler } from './stats';

const COES = 1_000;
const LOADS = 5;
const BUDGET_MS = 1_000;
const PORTFOLIO = `/console/coes?limit=${COES}&sort=name`;
const ECONOMIES = ['BD', 'IN', 'ID', 'JP', 'KR', 'MY', 'PH', 'TH', 'VN'];

/** 1,000 COE applications through the API (8 at a time), then a wait for the portfolio's read model to list them all. */
async function seed(server: ConsoleServer, log: (line: string) => void): Promise<void> {
  const started = process.hrtime.bigint();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < COES; i = next++) {
      const application = {
        name: `COE on Productivity Topic ${String(i).padStart(4, '0')}`,
        memberEconomy: ECONOMIES[i % ECONOMIES.length],
        nominatingNpo: 'National Productivity Organisation',
        hostInstitution: { name: `Host Institution ${i % 50}`, type: i % 3 === 0 ? 'other' : 'npo' },
        focusArea: ['smart manufacturing', 'green productivity', 'public sector productivity'][i % 3],
        appliedOn: '2025-01-10',
      };
      const answer = await server.api('POST', `/coes/bench-${i}/application`, application);
      if (answer.status !== 201) throw new Error(`seeding COE ${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  for (let i = 0; i < 600 && (await server.api('GET', '/coes?limit=1')).body.total !== COES; i++) await new Promise((r) => setTimeout(r, 100));
  log(`seeded ${COES} COEs in ${(msSince(started) / 1000).toFixed(1)} s`);
}

/**
 * Marks, in the page, the first frame painted after the table holds every row: a MutationObserver
 * sees the 1,000th row arrive; requestAnimationFrame runs before that frame's paint, and a task
 * queued from it runs after it. `performance.now()` counts from the navigation's start.
 */
const LAST_ROW_PAINTED = `(() => {
  const rows = ${COES};
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll('tbody tr').length < rows) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (window.__lastRowPainted = performance.now())));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** One load: a new browser context (cold cache, the key already in the tab's session storage), navigation to the last row painted. */
async function load(browser: Browser, server: ConsoleServer): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(`sessionStorage.setItem('apo.apiKey', ${JSON.stringify(server.keys.assessor)});`);
    await page.addInitScript(LAST_ROW_PAINTED);
    await page.goto(`${server.url}${PORTFOLIO}`);
    // A function, not a string: the console's Content-Security-Policy forbids eval.
    const mark = () => (globalThis as unknown as { __lastRowPainted?: number }).__lastRowPainted;
    const painted = Number(await (await page.waitForFunction(mark, undefined, { timeout: 60_000 })).jsonValue());
    const last = await page.locator('tbody tr').last().locator('th').innerText();
    if (last !== `COE on Productivity Topic ${String(COES - 1).padStart(4, '0')}`) throw new Error(`the last row is ${last}`);
    return painted;
  } finally {
    await context.close();
  }
}

/** The API's own share: GET /coes?limit=1000 from Node (what the page waits for before it renders). */
async function read(server: ConsoleServer): Promise<number> {
  const started = process.hrtime.bigint();
  const answer = await server.api('GET', `/coes?limit=${COES}&sort=name`, undefined, 'assessor');
  if ((answer.body.items as unknown[]).length !== COES) throw new Error('GET /coes did not answer 1,000 COEs');
  return msSince(started);
}

const runOf = (times: number[]): LatencyRun => {
  const p50 = percentile(times, 50);
  return { eventsPerSecond: COES / (p50 / 1000), p50, p99: percentile(times, 99), peakRssMiB: 0 };
};

/**
 * The portfolio of 1,000 COEs in Chromium: the real API (from its sources, over a fresh embedded
 * store) serving the console's production build; `LOADS` loads a run, each in a new context.
 */
export const consoleSection = async (repeats: number, log: (line: string) => void): Promise<Section> => {
  const server = new ConsoleServer();
  let browser: Browser | undefined;
  try {
    await server.start();
    await seed(server, log);
    browser = await launchChromium();
    await load(browser, server); // warm-up: the server's first answers compile its routes
    const renders: LatencyRun[] = [];
    const reads: LatencyRun[] = [];
    for (let r = 0; r < repeats; r++) {
      const rss = new RssSampler();
      const times: number[] = [];
      for (let i = 0; i < LOADS; i++) times.push(await load(browser, server));
      const readTimes: number[] = [];
      for (let i = 0; i < LOADS; i++) readTimes.push(await read(server));
      renders.push({ ...runOf(times), peakRssMiB: rss.stop() });
      reads.push(runOf(readTimes));
      log(`run ${r + 1}: last row painted at ${renders[r].p50.toFixed(0)} ms (GET /coes ${reads[r].p50.toFixed(0)} ms)`);
    }
    const median = percentile(
      renders.map((run) => run.p50),
      50,
    );
    const budget: LatencyRun = { eventsPerSecond: COES / (BUDGET_MS / 1000), p50: BUDGET_MS, p99: BUDGET_MS, peakRssMiB: 0 };
    return {
      title: 'Console: the portfolio of 1,000 COEs',
      description:
        `Chromium (headless, Debian's) opens ${PORTFOLIO} signed in as an assessor, in a new browser context each time (cold cache): from the navigation's start to the first frame painted with all ${COES.toLocaleString('en-GB')} rows in the table (the console's production build, served by the API over ${COES.toLocaleString('en-GB')} COEs in the embedded store). ` +
        `Median of ${LOADS} loads per run. "events/s" here is rows painted per second (${COES.toLocaleString('en-GB')} over the median time); the latency columns are the time to the last row painted. Ceiling: the budget, ${COES.toLocaleString('en-GB')} rows in ${BUDGET_MS.toLocaleString('en-GB')} ms.`,
      figures: [
        latencyFigure('console-portfolio-1000', `portfolio of ${COES.toLocaleString('en-GB')} COEs, navigation to last row painted`, renders, 'console-budget'),
        latencyFigure('console-coes-read', `part of it: GET /coes?limit=${COES}&sort=name answered (from Node)`, reads),
        latencyFigure('console-budget', `budget: ${COES.toLocaleString('en-GB')} rows painted within ${BUDGET_MS.toLocaleString('en-GB')} ms`, [budget]),
      ],
      notes: [
        `Budget: the portfolio of ${COES.toLocaleString('en-GB')} COEs painted within ${BUDGET_MS.toLocaleString('en-GB')} ms: ${median <= BUDGET_MS ? 'met' : 'NOT met'} in this run (median ${median.toFixed(0)} ms).`,
        'The time includes the sign-in check (GET /me), the JavaScript download and parse, GET /coes and React rendering the rows (memoised: one render per answer, no hook per row).',
        'Peak RSS is the bench process (Node, not Chromium or the API): not a figure of the console.',
        `Chromium, the API and the bench share the machine's cores: load average ${loadavg()[0].toFixed(1)} when the runs ended (a figure far above the core count means other work slowed every step).`,
      ],
    };
  } finally {
    await browser?.close();
    await server.stop();
  }
};
