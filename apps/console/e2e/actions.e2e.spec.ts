import type { Browser, Page } from 'playwright-core';
import { ConsoleServer, expectAccessible, launchChromium, signIn, type Person } from './console-server';

jest.setTimeout(120_000);

/** The labels of the actions the COE or exchange page offers now. */
const offered = (page: Page) => page.getByRole('list', { name: 'Actions' }).getByRole('button').allInnerTexts();

/** Opens an action's form by the start of its label, waiting for the form. */
async function openAction(page: Page, label: string): Promise<void> {
  await page
    .getByRole('list', { name: 'Actions' })
    .getByRole('button', { name: new RegExp(`^${label}`) })
    .click();
  await page.getByRole('form').waitFor();
}

/** Submits the open form and waits until the page says it was recorded. */
async function record(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Recorded:' }).waitFor();
}

const fact = (page: Page, term: string) =>
  page
    .locator('.facts div')
    .filter({ has: page.getByText(term, { exact: true }) })
    .locator('dd');

/** No horizontal scroll of the whole page at a phone's width. */
const fitsWidth = (page: Page) => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');

/** The stored history's event types of a COE (or exchange), from the API. */
async function historyTypes(server: ConsoleServer, path: string): Promise<string[]> {
  const answer = await server.api('GET', `${path}/history`);
  const events = (answer.body.events ?? answer.body.items ?? answer.body) as { type: string }[];
  return events.map((e) => e.type);
}

describe('acting on COEs and exchanges from the console', () => {
  const server = new ConsoleServer();
  let browser: Browser;
  const pages: Page[] = [];
  /** Errors thrown in the pages: none expected. */
  const errors: string[] = [];

  beforeAll(async () => {
    await server.start();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server.stop();
  });

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
    expect(errors.splice(0)).toEqual([]);
  });

  const newPage = async (role: Person, path = '/', width = 1280) => {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'en-US' });
    pages.push(page);
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, server, role, path);
    return page;
  };

  it('an assessor creates a COE and drives it to delivery year 1 by clicking, offered only what is allowed at each step', async () => {
    const page = await newPage('assessor', '/console/', 390);
    await page.getByRole('link', { name: 'New COE' }).click();
    await page.getByRole('heading', { level: 1, name: 'New COE: submit an application' }).waitFor();
    await expectAccessible(page, 'coe-new');
    expect(await fitsWidth(page)).toBe(true);

    // The id's rule is checked before anything is sent, beside the field.
    await page.getByLabel('COE ID', { exact: true }).fill('-bad id');
    await page.getByRole('button', { name: 'Create COE' }).click();
    await page.getByText('must be 1 to 64 letters').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('form-submitApplication-id');
    await expectAccessible(page, 'coe-new-errors');

    await page.getByLabel('COE ID', { exact: true }).fill('th-digital');
    await page.getByLabel('Name', { exact: true }).first().fill('COE on Digital Transformation');
    await page.getByLabel('Member economy', { exact: true }).selectOption('TH');
    await page.getByLabel('Nominating NPO', { exact: true }).fill('FTPI');
    const host = page.getByRole('group', { name: 'Host institution' });
    await host.getByLabel('Name', { exact: true }).fill('Foundation for Thailand Productivity Institute');
    await host.getByLabel('Type', { exact: true }).selectOption('npo');
    await page.getByLabel('Focus area', { exact: true }).fill('digital transformation');
    await page.getByLabel('Applied on', { exact: true }).fill('2025-01-10');
    await page.getByRole('button', { name: 'Create COE' }).click();
    await page.getByRole('heading', { level: 1, name: 'COE on Digital Transformation' }).waitFor();
    expect(page.url()).toBe(`${server.url}/console/coes/th-digital`);

    expect(await offered(page)).toEqual([
      'Start the Secretariat review',
      'Withdraw (final)',
      'Correct a recorded fact (a new event superseding it, with a reason)',
    ]);
    await openAction(page, 'Start the Secretariat review');
    await page.getByLabel('Started on', { exact: true }).fill('2025-02-01');
    await record(page);
    await expect_(fact(page, 'Phase'), 'underReview');

    // The designation is the Governing Body's, recorded by an admin: the assessor is told, not offered it.
    expect(await offered(page)).toEqual(['Withdraw (final)', 'Correct a recorded fact (a new event superseding it, with a reason)']);
    await page.getByText(/Also allowed now, for another role: Reject the application \(final\) \(admin\); Record the Governing Body designation/).waitFor();

    const admin = await newPage('admin', '/console/coes/th-digital');
    await openAction(admin, 'Record the Governing Body designation');
    await admin.getByLabel('Meeting', { exact: true }).fill('65th Governing Body Meeting, Manila');
    await admin.getByLabel('Decision date', { exact: true }).fill('2025-04-15');
    await admin.getByLabel('Launch date', { exact: true }).fill('2025-07-01');
    await record(admin);

    await page.reload();
    await expect_(fact(page, 'Phase'), 'designation');
    const designation = await offered(page);
    expect(designation).toContain('Record an assessment of the current period');
    expect(designation).not.toContain('Advance to the next period (or graduate from replication)');

    await openAction(page, 'Record an assessment');
    await expectAccessible(page, 'coe-action-form');
    expect(await fitsWidth(page)).toBe(true);
    await page.getByLabel('Assessment ID', { exact: true }).fill('a-2026');
    await page.getByLabel('Assessed on', { exact: true }).fill('2026-06-15');
    const scores = page.getByRole('group', { name: 'Scores' });
    for (const criterion of ['Competency', 'Dissemination', 'Collaboration', 'Outputs', 'Impact']) await scores.getByLabel(criterion).fill('4');
    await page.getByText('Mean of the 5 criteria: 4 (the overall score when none is given).').waitFor();
    await page.getByLabel('Recommendation', { exact: true }).selectOption('advance');
    await record(page);

    expect(await offered(page)).toContain('Advance to the next period (or graduate from replication)');
    await openAction(page, 'Advance to the next period');
    await page.getByLabel('Advanced on', { exact: true }).fill('2026-07-01');
    await record(page);
    await expect_(fact(page, 'Phase'), 'delivery');
    expect((await server.api('GET', '/coes/th-digital')).body).toMatchObject({ state: 'active.delivery.year1' });
    expect(await offered(page)).not.toContain('Advance to the next period (or graduate from replication)');
    expect(await fitsWidth(page)).toBe(true);
  });
});

/** Waits until the locator's text is `text`. */
async function expect_(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await locator.innerText().catch(() => '')) === text) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await locator.innerText()).toBe(text);
}
