import { readFileSync } from 'node:fs';
import { Tamper } from '@apo/audit/testing';
import type { Browser, Page } from 'playwright-core';
import { ConsoleServer, expectAccessible, launchChromium, signIn } from './console-server';

jest.setTimeout(120_000);

const scores = { competency: 4, dissemination: 4, collaboration: 3, outputs: 5, impact: 4 };
const application = (name: string, appliedOn: string) => ({
  name,
  memberEconomy: 'MY',
  nominatingNpo: 'Malaysia Productivity Corporation',
  hostInstitution: { name: 'Malaysia Productivity Corporation', type: 'npo' },
  focusArea: 'smart manufacturing',
  appliedOn,
});

/** A COE taken from its application to delivery year 1, one command at a time, each with its own business date. */
const LIFE: readonly [string, Record<string, unknown>][] = [
  ['application', application('COE on Smart Manufacturing', '2025-01-10')],
  ['review', { startedOn: '2025-02-01' }],
  ['designation', { governingBody: { meeting: '65th Governing Body Meeting, Manila', decisionDate: '2025-04-15' }, launchDate: '2025-07-01' }],
  ['assessments', { assessmentId: 'a-2026', assessedOn: '2026-06-15', scores, recommendation: 'advance' }],
  ['advance', { advancedOn: '2026-07-01' }],
];

describe('the Audit view: an auditor reads a COE’s history, travels in its past, verifies, seals and exports (Chromium, real API)', () => {
  const server = new ConsoleServer();
  let browser: Browser;
  let page: Page;
  let eventCount = 0;
  let filedDigest = '';

  beforeAll(async () => {
    await server.start();
    for (const [path, body] of LIFE) expect((await server.api('POST', `/coes/sm/${path}`, body)).status).toBeLessThan(300);
    expect((await server.api('POST', '/coes/other/application', application('COE on Green Productivity', '2025-03-03'))).status).toBe(201);
    const exchange = {
      title: 'Lean management in public services',
      topic: 'public-sector productivity',
      programmeYear: 2023,
      sendingNpo: 'LA',
      hostingNpo: 'TH',
      objectives: 'Learn how FTPI runs its lean programme for ministries',
      draftedOn: '2023-02-01',
    };
    expect((await server.api('POST', '/bcn-exchanges/la-th/draft', exchange)).status).toBe(201);
    eventCount = ((await server.api('GET', '/coes/sm/history', undefined, 'auditor')).body.events as unknown[]).length;
    for (let i = 0; i < 100 && (await server.api('GET', '/coes')).body.total !== 2; i++) await new Promise((r) => setTimeout(r, 50));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server.stop();
  });

  /** axe-core on the view as it is, then the same at 390 px: no sideways scroll of the whole page. */
  const check = async (view: string) => {
    await expectAccessible(page, view);
    await page.setViewportSize({ width: 390, height: 844 });
    // Nothing sticks out at the right (wide tables scroll inside their own region).
    const wider = await page.evaluate(`[...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.scroll') && e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))`);
    expect(wider).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  const navLinks = () => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
  const pointTitle = () => page.locator('#audit-point-title').innerText();
  const stateShown = () => page.getByRole('definition').first().innerText();

  it('is in the auditor’s navigation, not in the assessor’s (whose address for it is refused)', async () => {
    const assessor = await browser.newPage();
    await signIn(assessor, server, 'assessor');
    expect(await assessor.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).not.toContain('Audit');
    await assessor.goto(`${server.url}/console/audit`);
    expect(await assessor.getByRole('alert').innerText()).toBe('This page is not open to the assessor role.');
    await assessor.close();

    await signIn(page, server, 'auditor');
    expect(await navLinks()).toContain('Audit');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
    await page.getByRole('link', { name: 'COE on Smart Manufacturing' }).waitFor();
    await check('audit');
  });

  it('opens the COE from the short list: its full history, every event with its metadata', async () => {
    await page.getByRole('link', { name: 'COE on Smart Manufacturing' }).click();
    await page.getByRole('heading', { name: `Full history (${eventCount} events)` }).waitFor();
    expect(page.url()).toBe(`${server.url}/console/audit?coe=sm`);
    const table = page.getByRole('region', { name: 'History table (scrolls sideways)' });
    const headers = await table.getByRole('columnheader').allInnerTexts();
    expect(headers).toEqual(expect.arrayContaining(['Revision', 'Log position', 'Type', 'Business date', 'Recorded at', 'Actor', 'Correlation id', 'Hash']));
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(eventCount + 1);
    const first = await rows.nth(1).getByRole('cell').allInnerTexts();
    expect(first.slice(0, 3)).toEqual(['1', 'ApplicationSubmitted', '2025-01-10']);
    expect(first).toContain('test-admin (admin)');
    expect(first).toContain('new → applied');
    expect(await pointTitle()).toBe('COE sm now');
    await check('audit-history');
  });

  it('opens a BCN exchange typed by its id, and says so when an id is unknown', async () => {
    await page.getByRole('radio', { name: 'BCN exchange' }).check();
    await page.getByLabel('Instance id').fill('nowhere');
    await page.getByRole('button', { name: 'Open its history' }).click();
    expect(await page.getByRole('alert').first().innerText()).toMatch(/nowhere/);
    await page.getByLabel('Instance id').fill('la-th');
    await page.getByRole('button', { name: 'Open its history' }).click();
    await page.getByRole('heading', { name: 'Full history (1 event)' }).waitFor();
    expect(page.url()).toBe(`${server.url}/console/audit?exchange=la-th`);
    expect(await page.getByRole('heading', { level: 2, name: 'BCN exchange la-th' }).count()).toBe(1);
    await page.getByText('The current state: its one event replayed.').waitFor();
    await check('audit-exchange');
    await page.goBack();
    await page.goBack();
    await page.getByRole('heading', { name: `Full history (${eventCount} events)` }).waitFor();
  });

  it('time-travels by business date (a date, then the slider): the earlier state, facts and what was allowed then, in the address', async () => {
    await page.getByLabel('Business date (as of)').fill('2025-03-01');
    await page.getByRole('button', { name: 'Show as of this date' }).click();
    await page.getByText('The past COE sm as of business date 2025-03-01, by everything known now').waitFor();
    expect(page.url()).toBe(`${server.url}/console/audit?coe=sm&asOf=2025-03-01`);
    expect(await stateShown()).toBe('underReview');
    expect(await page.getByText(/^You are looking at the past: state underReview, 2 of \d+ events replayed/).count()).toBe(1);
    expect(await page.getByRole('list', { name: 'Allowed then' }).getByRole('listitem').allInnerTexts()).toContain('CoeDesignated');
    await check('audit-time-travel-business');

    // Bookmarkable: the address alone brings the same point back.
    await page.reload();
    await page.getByText('The past COE sm as of business date 2025-03-01, by everything known now').waitFor();

    // The slider steps through the event's own business dates, with the keyboard.
    const slider = page.getByRole('slider', { name: 'Business dates of the events' });
    await slider.focus();
    await page.keyboard.press('End');
    await page.getByText('The past COE sm as of business date 2026-07-01, by everything known now').waitFor();
    expect(await stateShown()).toBe('active.delivery.year1');
    await page.keyboard.press('ArrowLeft');
    await page.getByText('The past COE sm as of business date 2026-06-15, by everything known now').waitFor();
    expect(await stateShown()).toBe('active.designation');
    expect(page.url()).toBe(`${server.url}/console/audit?coe=sm&asOf=2026-06-15`);
  });

  it('time-travels by recorded time: the state the system showed after N events', async () => {
    await page.getByRole('link', { name: 'Back to now' }).first().click();
    await page.waitForURL(`${server.url}/console/audit?coe=sm`);
    const slider = page.getByRole('slider', { name: 'Recorded times of the events' });
    await slider.focus();
    await page.keyboard.press('Home');
    await page.getByText(/^The past COE sm as the system showed it at recorded time \S+ \(1 of \d+ events recorded then\)$/).waitFor();
    expect(await stateShown()).toBe('applied');
    // A time the API could not read is refused beside its field, before anything is asked.
    await page.getByLabel('Recorded time (as at)').fill('yesterday');
    await page.getByRole('button', { name: 'Show as at this time' }).click();
    const refused = page.getByText('Write a time such as 2026-12-01T09:30:00Z (with its zone), or a date such as 2026-12-01.');
    expect(await refused.getAttribute('role')).toBe('alert');
    expect(await page.getByLabel('Recorded time (as at)').getAttribute('aria-describedby')).toContain(await refused.getAttribute('id'));
    await slider.focus();
    expect(await slider.getAttribute('aria-valuetext')).toMatch(new RegExp(`^1 of ${eventCount} events, recorded by `));
    // The third command (the designation of a past launch) recorded two events at once: 4 known after it.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.getByText(/^The past COE sm as the system showed it at recorded time \S+ \(4 of \d+ events recorded then\)$/).waitFor();
    expect(await stateShown()).toBe('active.designation');
    const history = page.getByRole('region', { name: 'History table (scrolls sideways)' });
    const marks = (await history.getByRole('row').allInnerTexts()).slice(1).map((row) => row.split('\t')[1]);
    expect(marks).toEqual([...Array(4).fill('replayed'), ...Array(eventCount - 4).fill('later')]);
    expect(decodeURIComponent(page.url())).toMatch(/\/console\/audit\?coe=sm&asAt=\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    await check('audit-time-travel-recorded');

    // A row of the history opens the state after that revision.
    // A mouse click at the link's centre (what a person does): Playwright's own actionability check
    // misreads this link (its first child is visually hidden) as covered by its cell, though the point hits the link.
    const link = page.getByRole('link', { name: 'State after revision 1' });
    await link.scrollIntoViewIfNeeded();
    const box = await link.boundingBox();
    if (!box) throw new Error('the link to revision 1 is not shown');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByText('The past COE sm after revision 1 (the first 2 events)').waitFor();
    expect(await stateShown()).toBe('underReview');
  });

  it('verifies the COE, then the whole store, and says OK in words', async () => {
    await page.getByRole('button', { name: 'Verify this COE' }).click();
    await page.getByText(`OK: all ${eventCount} events of coe-sm verify`).waitFor();
    await page.getByRole('button', { name: 'Verify the whole store' }).click();
    await page.getByText(`OK: every stream checked: 3 streams, ${eventCount + 2} events, no divergence`).waitFor();
    await check('audit-verified');
  });

  it('downloads the seal and the exports as files, fetched with the key (never in an address)', async () => {
    const downloaded = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      expect(download.url()).toMatch(/^blob:/);
      return { name: download.suggestedFilename(), text: readFileSync((await download.path()) as string, 'utf8') };
    };
    const seal = await downloaded('Download the seal (JSON)');
    expect(seal.name).toMatch(/^seal-.*\.json$/);
    const filed = JSON.parse(seal.text) as { digest: string; streams: number; events: number };
    expect(filed).toMatchObject({ format: 'apo-audit-seal/1', streams: 3, events: eventCount + 2 });
    expect(filed.digest).toBe((await server.api('GET', '/audit/seal', undefined, 'auditor')).body.digest);
    filedDigest = filed.digest;
    await page.getByText(`digest ${filed.digest}`).waitFor();

    const csv = await downloaded('Export this COE (CSV)');
    expect(csv.name).toBe('coe-sm.csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toMatch(/^position,stream_id,revision,event_id,type,effective_date,recorded_at/);
    expect(lines).toHaveLength(eventCount + 1);

    const log = await downloaded('Export the whole store (JSON Lines)');
    const events = log.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { streamId: string });
    expect(events.map((e) => e.streamId).sort()).toEqual([...Array(eventCount).fill('coe-sm'), 'coe-other', 'bcn-la-th'].sort());
    await check('audit-downloads');
  });

  it('lists the divergences of a store tampered with behind the API’s back (the SQLite file edited while it was stopped)', async () => {
    await server.halt();
    const tamper = new Tamper(server.dataDir);
    try {
      tamper.edit('coe-sm', 1, 'data', '$.startedOn', '2025-01-20');
      tamper.overwrite('coe-other', 0, 'data', '{"name":');
    } finally {
      tamper.close();
    }
    await server.start();
    await page.reload();
    // The replay finds the edit (its stored hashes kept, no head moved); the seal filed before no longer matches only
    // because coe-other's head can no longer be read (sealed with an empty hash).
    await page.getByLabel('Filed seal digest (optional)').fill(filedDigest);
    await page.getByRole('button', { name: 'Verify the whole store' }).click();
    await page.getByText(/^Not OK: 2 of 3 streams broken: \d+ divergences? in \d+ events; the filed seal does not match\./).waitFor();
    const divergences = page.getByRole('region', { name: 'Divergences (scrolls sideways)' });
    const first = await divergences.getByRole('row').nth(1).innerText();
    expect(first).toMatch(/^coe-sm\s+1\s+hash: the event was edited/);
    expect(await divergences.getByRole('row').allInnerTexts()).toContainEqual(
      expect.stringMatching(/^coe-other\s+0 \(log position \d+, data\)\s+malformed: the event cannot be read/),
    );
    await page.getByRole('button', { name: 'Verify this COE' }).click();
    await page.getByText(/^Not OK: \d+ divergences? in the \d+ events of coe-sm/).waitFor();
    await check('audit-divergences');

    // A COE whose event no longer parses: no history to show, but its verify names the event.
    await page.getByRole('link', { name: 'COE on Green Productivity' }).click();
    await page
      .getByText(/cannot be read|does not parse|unreadable/i)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Verify this COE' }).click();
    await page.getByText(/^Not OK: 1 divergence in the 1 event of coe-other/).waitFor();
    await check('audit-unreadable');
  });
});
