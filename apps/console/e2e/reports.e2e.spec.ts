import { readFileSync } from 'node:fs';
import * as bcn from '@apo/bcn/testing';
import { v2 as coe } from '@apo/coe/testing';
import type { Command } from '@apo/engine';
import type { Browser, Page } from 'playwright-core';
import { ConsoleServer, expectAccessible, launchChromium, signIn } from './console-server';

jest.setTimeout(120_000);

/** Where each command of the fixtures is posted (the published paths, as apps/api's harness lists them). */
const COE_ROUTES: Record<string, string> = {
  SubmitApplication: 'application',
  StartReview: 'review',
  DesignateCoe: 'designation',
  RecordAssessment: 'assessments',
  AdvanceCoe: 'advance',
  ExtendPhase: 'extension',
  RecordActivity: 'activities',
  RecordPublication: 'publications',
  RecordReplication: 'replications',
};
const BCN_ROUTES: Record<string, string> = {
  DraftExchange: 'draft',
  SubmitExchange: 'submission',
  ApproveExchange: 'approval',
  ScheduleExchange: 'schedule',
  RecordImplementation: 'implementation',
  SubmitReport: 'report',
  RecordFollowUp: 'follow-ups',
  CloseExchange: 'closure',
};

type Row = Record<string, unknown>;

/** RFC 4180 CSV as rows of fields (quoted fields may hold commas, doubled quotes and line breaks; every record ends with CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

/** A JSON row as the CSV writes it: null empty, nested values as JSON. */
const csvFields = (row: Row): string[] =>
  Object.values(row).map((value) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)));

describe('a reporter reads the reports in Chromium', () => {
  const server = new ConsoleServer();
  let browser: Browser;
  let page: Page;

  const as = async (role: 'admin' | 'assessor', path: string, commands: Command[], routes: Record<string, string>) => {
    for (const { type, data } of commands) {
      const answer = await server.api('POST', `${path}/${routes[type]}`, data, role);
      if (answer.status >= 300) throw new Error(`${path} ${type}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  };
  /** GET as the reporter: JSON, or CSV text for Accept: text/csv. */
  const reporterGet = async (path: string, accept = 'application/json') => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.keys.reporter}`, accept } });
    return { status: response.status, text: await response.text() };
  };
  const reportJson = async (path: string) => JSON.parse((await reporterGet(path)).text) as { items: Row[]; total: number };

  beforeAll(async () => {
    await server.start();
    // my-1: launched 2025-07-01, designation assessed and advanced into delivery year 1, with activities and a publication.
    await as('admin', '/coes/my-1', coe.history.year1(), COE_ROUTES);
    await as(
      'admin',
      '/coes/my-1',
      [coe.recordActivity('2025-10-01'), coe.recordActivity('2026-03-01'), coe.recordPublication('2026-02-01', 'manual')],
      COE_ROUTES,
    );
    await as('admin', '/coes/my-1', [coe.recordActivity('2026-05-01', { kind: 'workshop', participants: [{ economy: 'TH', count: 5 }] })], COE_ROUTES);
    // my-2: its designation year extended by six months after an “extend” assessment.
    await as(
      'admin',
      '/coes/my-2',
      [...coe.history.designation(), coe.assess('extend', '2026-06-20'), coe.extendBySecretariat('2026-06-25', '2027-01-01')],
      COE_ROUTES,
    );
    // th-1: under review.
    await as('admin', '/coes/th-1', [coe.submitApplication({ memberEconomy: 'TH', focusArea: 'Digital Transformation' }), coe.startReview()], COE_ROUTES);
    // Two BCN exchanges of 2023: one closed with a follow-up (window 1), one submitted in window 2.
    await as('admin', '/bcn-exchanges/bcn-la-th', bcn.history.closed(), BCN_ROUTES); // approval is the admin's
    await as(
      'assessor',
      '/bcn-exchanges/bcn-kh-vn',
      [bcn.draft({ sendingNpo: 'KH', hostingNpo: 'VN', draftedOn: '2023-05-01' }), bcn.submit('2023-06-20')],
      BCN_ROUTES,
    );
    // The reports are read models: wait until they show all of it.
    for (let i = 0; ; i++) {
      const overview = await reportJson('/reports/coe-overview');
      const windows = await reportJson('/reports/bcn-windows');
      const counts = await reportJson('/reports/activity-counts');
      if (overview.total === 3 && windows.total === 2 && counts.total === 4) break;
      if (i > 200) throw new Error('the reports did not catch up');
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });
  afterEach(async () => page?.close());

  /** The bars (or points) of a chart: their accessible names. */
  const marks = (chart: string) =>
    page
      .getByRole('figure', { name: chart })
      .getByRole('img')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
  const fitsWidth = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');

  it('Reports is in the navigation (not Audit nor My work); the list opens every report, each with its rows and a CSV equal to the API’s', async () => {
    await signIn(page, server, 'reporter');
    const navigation = page.getByRole('navigation', { name: 'Main' });
    expect(await navigation.getByRole('link').allInnerTexts()).toContain('Reports');
    expect(await navigation.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    expect(await navigation.getByRole('link', { name: 'My work' }).count()).toBe(0);
    // The filters each report offers: its OpenAPI query parameters but paging and the feed's positions.
    const openApi = (await fetch(`${server.url}/docs-json`).then((r) => r.json())) as {
      paths: Record<string, { get: { parameters: { name: string; in: string; schema?: { enum?: string[]; type?: string } }[] } }>;
    };
    const filtersOf = (path: string) =>
      openApi.paths[path].get.parameters
        .filter((p) => p.in === 'query' && !['limit', 'offset', 'minPosition', 'sincePosition'].includes(p.name))
        .map((p) => [p.name, p.schema?.type === 'boolean' ? ['true', 'false'] : (p.schema?.enum ?? [])]);
    await navigation.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await expectAccessible(page, 'reports');

    const reports: [string, string, string][] = [
      ['COE overview', 'coe-overview', '/reports/coe-overview'],
      ['Portfolio summary', 'portfolio', '/reports/portfolio'],
      ['Phase history', 'phase-history', '/reports/phase-history'],
      ['Assessments', 'assessments', '/reports/assessments'],
      ['Activities and publications', 'activity-counts', '/reports/activity-counts'],
      ['Activity participants', 'activity-participants', '/reports/activity-participants'],
      ['Replications', 'replications', '/reports/replications'],
      ['BCN exchanges', 'bcn-exchanges', '/reports/bcn-exchanges'],
      ['BCN windows', 'bcn-windows', '/reports/bcn-windows'],
      ['BCN follow-ups', 'bcn-follow-ups', '/reports/bcn-follow-ups'],
      ['Deadlines', 'deadlines', '/deadlines'],
    ];
    for (const [title, name, path] of reports) {
      await page.getByRole('main').getByRole('link', { name: title, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const json = await reportJson(`${path}?limit=10000&offset=0`);
      // The table shows the API's rows (the first column heads each row); no replication was recorded.
      await page
        .getByRole('status')
        .filter({ hasText: json.total === 0 ? 'No rows match these filters.' : `of ${json.total}` })
        .waitFor();
      expect([name, json.total > 0]).toEqual([name, name !== 'replications']);
      const table = page.getByRole('region', { name: `${title}: rows (scrolls sideways)` });
      expect([name, await table.getByRole('row').count()]).toEqual([name, json.total === 0 ? 0 : Math.min(json.total, 50) + 1]);
      await expectAccessible(page, `report-${name}`);
      const fields = await page
        .locator('form.report-filters')
        .locator('input, select')
        .evaluateAll((nodes) =>
          nodes.map((n) => [
            n.getAttribute('name'),
            Array.from(n.querySelectorAll('option'), (o) => (o as typeof n).getAttribute('value') ?? '').filter((v) => v !== ''),
          ]),
        );
      expect([name, fields.map(([field]) => field).sort()]).toEqual([
        name,
        filtersOf(path)
          .map(([field]) => field)
          .sort(),
      ]);
      // A select offers the parameter's enum (yes/no a boolean's); a text or number field none.
      expect([name, Object.fromEntries(fields)]).toEqual([name, Object.fromEntries(filtersOf(path))]);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toBe(`${name}.csv`);
      const saved = readFileSync((await download.path()) as string, 'utf8');
      const api = await reporterGet(`${path}?limit=10000&offset=0`, 'text/csv');
      expect([name, saved]).toEqual([name, api.text]);
      const [header, ...rows] = parseCsv(saved);
      if (json.total > 0) expect(header).toEqual(Object.keys(json.items[0]));
      expect([name, rows]).toEqual([name, json.items.map(csvFields)]);
      expect(page.url()).not.toContain(server.keys.reporter);

      await page.getByRole('link', { name: '← Reports' }).click();
      await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    }
  });

  it('filters phase-history by COE through the form (kept in the address); the time line shows each period against the plan', async () => {
    await signIn(page, server, 'reporter', '/console/reports/phase-history');
    await page.getByLabel('COE id').fill('my-2');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/coeId=my-2/);
    const api = await reportJson('/reports/phase-history?coeId=my-2');
    await page.getByText(`Rows 1–${api.total} of ${api.total}`).waitFor();
    const chart = 'Phases against the 1-3-1 plan';
    expect(await marks(chart)).toEqual(api.items.map((row) => expect.stringContaining(`my-2, ${String(row.period)}: ${String(row.startedOn)} to `)));
    // Its designation year was extended by six months: due 2027-01-01 against a planned 2026-07-01.
    expect(await marks(chart)).toContainEqual(
      expect.stringMatching(/^my-2, designation: 2025-07-01 to today \(open\); planned to 2026-07-01; due 2027-01-01; extended$/),
    );
    await expectAccessible(page, 'report-phase-history-filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('phase-history_coeId-my-2.csv');
    expect(readFileSync((await download.path()) as string, 'utf8')).toBe(
      (await reporterGet('/reports/phase-history?coeId=my-2&limit=10000&offset=0', 'text/csv')).text,
    );

    // The unfiltered time line: my-1's designation ended on its due date.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(/phase-history$/);
    expect(await marks(chart)).toContainEqual('my-1, designation: 2025-07-01 to 2026-07-01; planned to 2026-07-01; due 2026-07-01; on schedule');
  });

  it('draws the counts it was given: COEs by phase and economy, activities and participants per year, BCN windows, scores', async () => {
    await signIn(page, server, 'reporter', '/console/reports/portfolio');
    await page.getByRole('figure', { name: 'COEs by phase' }).waitFor();
    expect(await marks('COEs by phase')).toEqual(['Under review: 1 COE', 'Designation year: 1 COE', 'Delivery: 1 COE']);
    expect(await marks('COEs by member economy')).toEqual(['Malaysia: 2 COEs', 'Thailand: 1 COE']);
    const table = page.getByRole('figure', { name: 'COEs by member economy' }).getByRole('table');
    expect(await table.getByRole('row').allInnerTexts()).toEqual(['Economy\tCOEs', 'Malaysia\t2', 'Thailand\t1']);
    await expectAccessible(page, 'report-portfolio-charts');

    await page.goto(`${server.url}/console/reports/activity-counts`);
    await page.getByRole('figure', { name: 'Activities per year' }).waitFor();
    expect(await marks('Activities per year')).toEqual(['2025: 1 activity', '2026: 2 activities']);
    expect(await marks('Publications per year')).toEqual(['2026: 1 publication']);

    await page.goto(`${server.url}/console/reports/activity-participants`);
    await page.getByRole('figure', { name: 'Participants per year' }).waitFor();
    expect(await marks('Participants per year')).toEqual(['2025: 15 participants', '2026: 20 participants']);

    await page.goto(`${server.url}/console/reports/bcn-windows`);
    await page.getByRole('figure', { name: 'BCN applications per window' }).waitFor();
    expect(await marks('BCN applications per window')).toEqual(['2023 window 1: 1 application', '2023 window 2: 1 application']);

    await page.goto(`${server.url}/console/reports/assessments`);
    await page.getByRole('figure', { name: 'Assessment scores over time' }).waitFor();
    expect(await marks('Assessment scores over time')).toEqual([
      'my-1, designation assessed 2026-06-15: overall 4 of 5, advance',
      'my-2, designation assessed 2026-06-20: overall 4 of 5, extend',
    ]);
    // A criterion instead of the overall score.
    await page.getByLabel('Score shown').selectOption('outputs');
    expect(await marks('Assessment scores over time')).toEqual([
      'my-1, designation assessed 2026-06-15: outputs 5 of 5, advance',
      'my-2, designation assessed 2026-06-20: outputs 5 of 5, extend',
    ]);
    await expectAccessible(page, 'report-assessments-outputs');
  });

  it('pages through a report (the page and its size in the address), keeping its filters', async () => {
    await signIn(page, server, 'reporter', '/console/reports/coe-overview?limit=2&hostType=npo');
    await page.getByText('Rows 1–2 of 3').waitFor();
    expect(await page.getByLabel('Host type').inputValue()).toBe('npo');
    // The charts count every matching COE, not only the page's two.
    await page.getByRole('img', { name: 'Under review: 1 COE' }).waitFor();
    expect(await marks('COEs by phase')).toEqual(['Under review: 1 COE', 'Designation year: 1 COE', 'Delivery: 1 COE']);
    expect(await page.getByRole('figure', { name: 'COEs by member economy' }).getByText('3 COEs in 2 economies; the most: Malaysia (2).').count()).toBe(1);
    const ids = () => page.getByRole('region', { name: 'COE overview: rows (scrolls sideways)' }).getByRole('rowheader').allInnerTexts();
    expect(await ids()).toEqual(['my-1', 'my-2']);
    expect(await page.getByRole('link', { name: 'Previous page' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.getByText('Rows 3–3 of 3').waitFor();
    expect(page.url()).toBe(`${server.url}/console/reports/coe-overview?hostType=npo&offset=2&limit=2`);
    expect(await page.getByLabel('Host type').inputValue()).toBe('npo');
    expect(await ids()).toEqual(['th-1']);
    // Each id opens its COE.
    await page.getByRole('link', { name: 'th-1' }).click();
    await page.waitForURL(`${server.url}/console/coes/th-1`);
    await page.goBack();
    await page.getByRole('link', { name: 'Previous page' }).click();
    await page.getByText('Rows 1–2 of 3').waitFor();
  });

  it('is open to auditors and admins too, not to assessors', async () => {
    for (const role of ['auditor', 'admin'] as const) {
      await signIn(page, server, role, '/console/reports');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).waitFor();
      await page.getByRole('link', { name: 'BCN windows' }).click();
      await page.getByText('Rows 1–2 of 2').waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
    }
    await signIn(page, server, 'assessor', '/console/reports');
    expect(await page.getByRole('alert').innerText()).toBe('This page is not open to the assessor role.');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).count()).toBe(0);
  });

  it('shows a refused filter beside its field', async () => {
    await signIn(page, server, 'reporter', '/console/reports/activity-counts?year=20x6');
    const year = page.getByLabel('Year', { exact: true });
    const message = page.locator('#filter-year-error');
    await message.waitFor();
    expect(await year.getAttribute('aria-invalid')).toBe('true');
    expect(await year.getAttribute('aria-describedby')).toContain('filter-year-error');
    expect(await message.innerText()).toContain('must be an integer number');
    await expectAccessible(page, 'report-refused-filter');

    // Corrected in the form, the report answers: 2026's three rows (two activities, one publication).
    await year.fill('2026');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('Rows 1–3 of 3').waitFor();
    expect(await message.count()).toBe(0);
    expect(await year.getAttribute('aria-invalid')).toBeNull();
  });

  it('fits a 390 px phone: the list and every report, wide tables and the time line scroll inside their own regions', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, server, 'reporter', '/console/reports');
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    expect(await fitsWidth()).toBe(true);
    for (const name of [
      'coe-overview',
      'portfolio',
      'phase-history',
      'assessments',
      'activity-counts',
      'activity-participants',
      'replications',
      'bcn-exchanges',
      'bcn-windows',
      'bcn-follow-ups',
      'deadlines',
    ]) {
      await page.goto(`${server.url}/console/reports/${name}`);
      await page
        .getByRole('status')
        .filter({ hasText: /Rows|No rows/ })
        .waitFor();
      expect([name, await fitsWidth()]).toEqual([name, true]);
    }
    await page.goto(`${server.url}/console/reports/phase-history`);
    await page.getByRole('region', { name: 'Phases against the 1-3-1 plan: picture (scrolls sideways)' }).waitFor();
    await expectAccessible(page, 'report-phase-history-390');
  });
});
