import type { Browser, Page } from 'playwright-core';
import { ConsoleServer, expectAccessible, launchChromium, signIn } from './console-server';

jest.setTimeout(90_000);

/** A day relative to today (the API's clock is the real one here), as YYYY-MM-DD. */
const day = (offsetDays: number, from = new Date()) => new Date(from.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** The launch date whose designation-year assessment falls due on `due` (a year later). */
const launchFor = (due: string) => `${Number(due.slice(0, 4)) - 1}${due.slice(4)}`;
/** Days from today that never fall on 29 February (a year before it there is none). */
const notLeapDay = (days: number) => (day(days).endsWith('-02-29') ? days + Math.sign(days) : days);
const LATE = -notLeapDay(-20);
const SOON = notLeapDay(10);

const application = (name: string) => ({
  name,
  memberEconomy: 'TH',
  nominatingNpo: 'FTPI',
  hostInstitution: { name: 'FTPI', type: 'npo' },
  focusArea: 'digital transformation',
  appliedOn: '2024-01-10',
});

describe('My work: what is due and overdue across COEs and BCN exchanges', () => {
  const server = new ConsoleServer();
  let browser: Browser;
  let page: Page;

  /** A COE designated with this launch date: its designation year's assessment falls due a year later. */
  async function designated(id: string, name: string, launchDate: string): Promise<void> {
    expect((await server.api('POST', `/coes/${id}/application`, application(name))).status).toBe(201);
    expect((await server.api('POST', `/coes/${id}/review`, { startedOn: '2024-02-01' })).status).toBe(200);
    const designation = { governingBody: { meeting: '65th Governing Body Meeting, Manila', decisionDate: '2024-04-15' }, launchDate };
    const answer = await server.api('POST', `/coes/${id}/designation`, designation);
    expect(answer).toMatchObject({ status: 200 });
  }

  beforeAll(async () => {
    await server.start();
    await designated('late-coe', 'COE on Late Reports', launchFor(day(-LATE))); // due 20 (or 21) days ago
    await designated('soon-coe', 'COE on Timely Reports', launchFor(day(SOON))); // due in 10 (or 11) days
    const draft = { title: 'Lean toolkit exchange', topic: 'lean', programmeYear: 2027, sendingNpo: 'LA', hostingNpo: 'TH', draftedOn: day(0) };
    expect((await server.api('POST', '/bcn-exchanges/bcn-lean/draft', draft, 'assessor')).status).toBe(201);
    // The deadlines are a read model: wait until it holds all three instances.
    for (let i = 0; i < 100; i++) {
      const items = (await server.api('GET', '/deadlines?withinDays=3660')).body.items as { instanceId: string }[];
      if (new Set(items.map((d) => d.instanceId)).size === 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server.stop();
  });

  beforeEach(async () => (page = await browser.newPage({ viewport: { width: 1280, height: 900 } })));
  afterEach(async () => page?.close());

  const rows = () => page.locator('tbody tr').allInnerTexts();

  it('an assessor lands on My work: an overdue and a due-soon item, each with its instance; filters by programme', async () => {
    await signIn(page, server, 'assessor', '/');
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    expect(await page.getByRole('link', { name: 'My work' }).getAttribute('aria-current')).toBe('page');

    const late = page.getByRole('row', { name: /late-coe/ });
    await late.waitFor();
    expect(await late.getByRole('cell').allInnerTexts()).toEqual([`Overdue by ${LATE} days`, day(-LATE), 'late-coe', 'COE']);
    expect(await late.getByRole('rowheader').innerText()).toBe('Assessment of designation');
    const soon = page.getByRole('row', { name: /soon-coe/ });
    expect(await soon.getByRole('cell').allInnerTexts()).toEqual([`Due in ${SOON} days`, day(SOON), 'soon-coe', 'COE']);
    // The exchange's first window closes months away: not in the next 30 days.
    expect((await rows()).join('\n')).not.toContain('bcn-lean');
    expect(await page.getByRole('list', { name: 'Counts' }).innerText()).toMatch(/1\s+overdue\s+1\s+due in the next 30 days/);
    await expectAccessible(page, 'my-work');

    await page.getByLabel('Days ahead').fill('3660');
    await page.getByLabel('Programme').selectOption({ label: 'BCN exchanges' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/programme=bcn/);
    const exchange = page.getByRole('row', { name: /bcn-lean/ }).first();
    await exchange.waitFor();
    expect((await rows()).every((r) => r.includes('bcn-lean'))).toBe(true);
    expect(await exchange.getByRole('link', { name: 'bcn-lean' }).first().getAttribute('href')).toBe('/console/exchanges/bcn-lean');

    await page.getByLabel('Programme').selectOption({ label: 'COEs' });
    await page.getByLabel('Overdue only').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/overdue=true/);
    await page.getByRole('status').filter({ hasText: 'Showing deadlines 1–1 of 1' }).waitFor();
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Showing deadlines 1–1 of 1' }).waitFor();
    expect(await page.getByLabel('Overdue only').isChecked()).toBe(true);
    await expectAccessible(page, 'my-work-overdue');

    await page.getByRole('link', { name: 'late-coe' }).click();
    await page.waitForURL(`${server.url}/console/coes/late-coe`);
  });

  it('fits a 390 px phone; an auditor does not see My work and lands on the portfolio', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, server, 'admin', '/console/work');
    await page.getByRole('row', { name: /late-coe/ }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await expectAccessible(page, 'my-work-390');

    const auditor = await browser.newPage();
    await signIn(auditor, server, 'auditor', '/');
    await auditor.getByRole('heading', { level: 1, name: 'Portfolio: COEs' }).waitFor();
    expect(await auditor.getByRole('link', { name: 'My work' }).count()).toBe(0);
    await auditor.close();
  });
});
