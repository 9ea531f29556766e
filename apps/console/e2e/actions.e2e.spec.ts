import type { Browser, Page } from 'playwright-core';
import { ConsoleServer, expectAccessible, launchChromium, signIn, type Person } from './console-server';

jest.setTimeout(120_000);

/** The labels of the actions the COE or exchange page offers now. */
const offered = async (page: Page) => {
  const list = page.getByRole('list', { name: 'Actions' });
  await list.waitFor();
  return list.getByRole('button').allInnerTexts();
};

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
  const recorded = page.getByRole('status').filter({ hasText: 'Recorded:' });
  const refused = page.getByRole('form').getByRole('alert').first();
  await recorded.or(refused).waitFor();
  if (await refused.isVisible()) throw new Error(`refused: ${await refused.innerText()}`);
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

const APPLICATION = {
  name: 'COE on Green Productivity',
  memberEconomy: 'MY',
  nominatingNpo: 'MPC',
  hostInstitution: { name: 'Malaysia Productivity Corporation', type: 'npo' },
  focusArea: 'green productivity',
  appliedOn: '2025-01-10',
};

/** A COE in its designation year, through the API (applied, reviewed, designated and launched). */
async function coeInDesignation(server: ConsoleServer, id: string): Promise<void> {
  const steps: [string, unknown, Person][] = [
    ['application', APPLICATION, 'assessor'],
    ['review', { startedOn: '2025-02-01' }, 'assessor'],
    ['designation', { governingBody: { meeting: '65th Governing Body Meeting, Manila', decisionDate: '2025-04-15' }, launchDate: '2025-07-01' }, 'admin'],
  ];
  for (const [path, body, role] of steps)
    expect([path, (await server.api('POST', `/coes/${id}/${path}`, body, role)).status]).toEqual([path, path === 'application' ? 201 : 200]);
}

/** Fills the open assessment form: five scores of 4 and a recommendation. */
async function fillAssessment(page: Page, assessmentId: string, assessedOn: string): Promise<void> {
  await page.getByLabel('Assessment ID', { exact: true }).fill(assessmentId);
  await page.getByLabel('Assessed on', { exact: true }).fill(assessedOn);
  const scores = page.getByRole('group', { name: 'Scores' });
  for (const criterion of ['Competency', 'Dissemination', 'Collaboration', 'Outputs', 'Impact']) await scores.getByLabel(criterion, { exact: true }).fill('4');
  await page.getByLabel('Recommendation', { exact: true }).selectOption('extend');
}

/** The number of events of `type` in an instance's history. */
async function countOf(server: ConsoleServer, path: string, type: string): Promise<number> {
  return (await historyTypes(server, path)).filter((t) => t === type).length;
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
    const page = await newPage('assessor', '/console/coes', 390);
    await page.getByRole('link', { name: 'New COE' }).click();
    await page.getByRole('heading', { level: 1, name: 'New COE: submit an application' }).waitFor();
    await page.getByRole('form').waitFor();
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
    await expect_(fact(page, 'Phase'), 'Under review');

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
    await expect_(fact(page, 'Phase'), 'In designation');
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
    await expect_(fact(page, 'Phase'), /^In delivery year 1/);
    expect((await server.api('GET', '/coes/th-digital')).body).toMatchObject({ state: 'active.delivery.year1' });
    expect(await offered(page)).not.toContain('Advance to the next period (or graduate from replication)');
    expect(await fitsWidth(page)).toBe(true);
  });

  it('shows a refused action’s rule message at the field it names, and focuses that field', async () => {
    await coeInDesignation(server, 'refused');
    const page = await newPage('assessor', '/console/coes/refused');
    await openAction(page, 'Record an assessment');
    await fillAssessment(page, 'a-future', '2099-06-15');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    const message = page.locator('#form-recordAssessment-assessedOn-error');
    await message.waitFor();
    expect(await message.getAttribute('role')).toBe('alert');
    expect(await message.innerText()).toMatch(/assessedOn 2099-06-15 is after today/);
    expect(await page.evaluate('document.activeElement.id')).toBe('form-recordAssessment-assessedOn');
    expect(await page.getByLabel('Assessed on', { exact: true }).getAttribute('aria-describedby')).toContain('form-recordAssessment-assessedOn-error');
    await expectAccessible(page, 'coe-action-refused');
    // A score out of the schema's range is caught before sending, beside the score.
    await page.getByRole('group', { name: 'Scores' }).getByLabel('Impact', { exact: true }).fill('7');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await page.locator('#form-recordAssessment-scores-impact-error').filter({ hasText: 'must be at most 5' }).waitFor();
    expect(await countOf(server, '/coes/refused', 'AssessmentRecorded')).toBe(0);
  });

  it('two tabs edit one COE: the second is told it changed since it opened, reloads keeping what was typed, and records; history has both', async () => {
    await coeInDesignation(server, 'two-tabs');
    const first = await newPage('assessor', '/console/coes/two-tabs');
    const second = await browser.newPage({ viewport: { width: 390, height: 900 }, locale: 'en-US' });
    pages.push(second);
    await signIn(second, server, 'assessor', '/console/coes/two-tabs');
    for (const page of [first, second]) await openAction(page, 'Record an assessment');
    await fillAssessment(first, 'a-first', '2026-05-01');
    await fillAssessment(second, 'a-second', '2026-05-02');
    await record(first);

    await second.getByRole('button', { name: 'Record', exact: true }).click();
    const stale = second.getByRole('alert').filter({ hasText: 'This COE was changed by someone else since you opened it.' });
    await stale.waitFor();
    await expectAccessible(second, 'coe-action-stale');
    expect(await fitsWidth(second)).toBe(true);
    await second.getByRole('button', { name: 'Reload' }).click();
    await stale.waitFor({ state: 'detached' });
    expect(await second.getByLabel('Assessment ID', { exact: true }).inputValue()).toBe('a-second');
    await expect_(fact(second, 'Revision'), '4');
    await record(second);
    const history = await server.api('GET', '/coes/two-tabs/history');
    const assessed = (history.body.events as { type: string; data: { assessmentId?: string } }[]).filter((e) => e.type === 'AssessmentRecorded');
    expect(assessed.map((e) => e.data.assessmentId)).toEqual(['a-first', 'a-second']);
  });

  it('a double-clicked submit records once, and so does a retry after a lost answer', async () => {
    await coeInDesignation(server, 'double');
    const page = await newPage('assessor', '/console/coes/double');
    await openAction(page, 'Record an assessment');
    await fillAssessment(page, 'a-once', '2026-05-01');
    await page.getByRole('button', { name: 'Record', exact: true }).dblclick();
    await page.getByRole('status').filter({ hasText: 'Recorded:' }).waitFor();
    await expect_(fact(page, 'Revision'), '4');
    expect(await countOf(server, '/coes/double', 'AssessmentRecorded')).toBe(1);

    // A retry after a lost answer: the API recorded the command, the browser never heard; Record again replays it, nothing twice.
    await openAction(page, 'Record an assessment');
    await fillAssessment(page, 'a-retried', '2026-05-02');
    let lost = false;
    await page.route('**/coes/double/assessments', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The server cannot be reached.' }).waitFor();
    expect(await countOf(server, '/coes/double', 'AssessmentRecorded')).toBe(2);
    await record(page);
    expect(await countOf(server, '/coes/double', 'AssessmentRecorded')).toBe(2);
  });

  it('schedules a BCN exchange with a roster at its limit after being refused one over, the count shown as the assessor types', async () => {
    // Drafted from the New BCN exchange page, proposed and approved through the API.
    const page = await newPage('assessor', '/console/exchanges/new', 390);
    await page.getByRole('heading', { level: 1, name: 'New BCN exchange: a draft' }).waitFor();
    await page.getByRole('form').waitFor();
    await page.getByLabel('BCN exchange ID', { exact: true }).fill('la-th');
    await page.getByLabel('Title', { exact: true }).fill('Digital maturity toolkit');
    await page.getByLabel('Topic', { exact: true }).fill('digital SMEs');
    await page.getByLabel('Programme year', { exact: true }).fill('2026');
    await page.getByLabel('Sending NPO', { exact: true }).fill('LA');
    await page.getByLabel('Hosting NPO (optional)', { exact: true }).fill('TH');
    await page.getByLabel('Drafted on', { exact: true }).fill('2026-01-10');
    await expectAccessible(page, 'exchange-new');
    expect(await fitsWidth(page)).toBe(true);
    await page.getByRole('button', { name: 'Create BCN exchange' }).click();
    await page.getByRole('heading', { level: 1, name: 'Digital maturity toolkit' }).waitFor();
    expect(page.url()).toBe(`${server.url}/console/exchanges/la-th`);
    for (const [path, body, role] of [
      ['proposal', { proposedOn: '2026-02-01' }, 'assessor'],
      ['approval', { approvedOn: '2026-03-01' }, 'admin'],
    ] as const)
      expect([path, (await server.api('POST', `/bcn-exchanges/la-th/${path}`, body, role)).status]).toEqual([path, 200]);
    await page.reload();
    await openAction(page, 'Schedule');
    await page.getByLabel('Scheduled on', { exact: true }).fill('2026-04-01');
    await page.getByLabel('Start date', { exact: true }).fill('2026-06-10');
    await page.getByLabel('End date', { exact: true }).fill('2026-06-13');
    await page.getByLabel('Modality', { exact: true }).selectOption('faceToFace');
    await page.getByLabel('Hosting NPO', { exact: true }).fill('TH');
    const roster = page.getByRole('group', { name: 'Participants', exact: true });
    const note = page.locator('#form-scheduleExchange-participants-note');
    for (let i = 1; i <= 5; i++) {
      if (i > 1) await roster.getByRole('button', { name: 'Add participant' }).click();
      const person = roster.getByRole('group', { name: `Participant ${i}` });
      await person.getByLabel('Name', { exact: true }).fill(`Official ${i}`);
      await person.getByLabel('Position', { exact: true }).fill('Director');
      await person.getByLabel('Category', { exact: true }).selectOption('npoOfficial');
      if (i === 4) expect(await note.innerText()).toBe('4 of 4 participants (the face-to-face limit).');
    }
    expect(await note.innerText()).toBe('5 of 4 participants (the face-to-face limit): 1 over the limit. Remove one before recording.');
    expect(await fitsWidth(page)).toBe(true);
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    const refused = page.locator('#form-scheduleExchange-participants-error');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('5 participants are listed; a face-to-face exchange takes up to 4');
    expect(await page.evaluate('document.activeElement.id')).toBe('form-scheduleExchange-participants');
    await expectAccessible(page, 'exchange-action-refused');

    await roster.getByRole('button', { name: 'Remove participant 5' }).click();
    expect(await note.innerText()).toBe('4 of 4 participants (the face-to-face limit).');
    await record(page);
    expect((await server.api('GET', '/bcn-exchanges/la-th')).body).toMatchObject({ state: 'scheduled', schedule: { participantLimit: 4 } });
  });

  it('shows an auditor what is allowed in words only: no forms, no New COE', async () => {
    await coeInDesignation(server, 'read-only');
    const page = await newPage('auditor', '/console/coes/read-only');
    const allowed = page.getByRole('region', { name: 'Allowed now' });
    await allowed.getByText('Assessment recorded').waitFor();
    expect(await allowed.getByRole('button').count()).toBe(0);
    await page.goto(`${server.url}/console/`);
    await page.getByRole('heading', { level: 1, name: 'Portfolio: COEs' }).waitFor();
    expect(await page.getByRole('link', { name: 'New COE' }).count()).toBe(0);
  });

  it('keyboard only: signs in and records a command with Tab, typing and Enter', async () => {
    await coeInDesignation(server, 'keyboard');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    pages.push(page);
    await page.goto(`${server.url}/console/coes/keyboard`);
    // The sign-in form focuses its key field when it appears: typing goes there.
    await waitForFocus(page, 'api-key');
    await page.keyboard.type(server.keys.assessor);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: APPLICATION.name }).waitFor();
    const focused = () => page.evaluate('document.activeElement && (document.activeElement.id || document.activeElement.textContent)');
    const tabTo = async (what: RegExp) => {
      for (let i = 0; i < 60 && !what.test(String(await focused())); i++) await page.keyboard.press('Tab');
      expect(String(await focused())).toMatch(what);
    };
    await tabTo(/^Record a publication/);
    await page.keyboard.press('Enter');
    // The form opens with the focus in its first field.
    await waitForFocus(page, 'form-recordPublication-publicationId');
    await page.keyboard.type('pub-1');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('form-recordPublication-kind');
    await page.keyboard.type('Manual');
    await tabTo(/^form-recordPublication-title$/);
    await page.keyboard.type('A guide to digital maturity');
    await tabTo(/^form-recordPublication-date$/);
    await page.keyboard.type('09012026');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Recorded: Record a publication' }).waitFor();
    expect(await countOf(server, '/coes/keyboard', 'PublicationRecorded')).toBe(1);
  });
});

/** Waits until the element with this id has the focus (page.waitForFunction would need eval, which the console's CSP forbids). */
async function waitForFocus(page: Page, id: string): Promise<void> {
  const focused = () => page.evaluate('document.activeElement && document.activeElement.id');
  for (let i = 0; i < 100 && (await focused()) !== id; i++) await new Promise((r) => setTimeout(r, 50));
  expect(await focused()).toBe(id);
}

/** Waits until the locator's text is `text` (or matches it). */
async function expect_(locator: ReturnType<Page['locator']>, text: string | RegExp): Promise<void> {
  const matches = (shown: string) => (typeof text === 'string' ? shown === text : text.test(shown));
  for (let i = 0; i < 100; i++) {
    if (matches(await locator.innerText().catch(() => ''))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await locator.innerText()).toMatch(text);
}
