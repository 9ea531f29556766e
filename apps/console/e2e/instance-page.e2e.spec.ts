import type { Browser, Page } from 'playwright-core';
import * as bcn from '@apo/bcn/testing';
import { v2 as coe } from '@apo/coe/testing';
import { ConsoleServer, expectAccessible, launchChromium, signIn, type Person } from './console-server';

jest.setTimeout(90_000);

/** Commands sent through the API as the named role, each expected to be recorded. */
const COE_STEPS: [string, { data: Record<string, unknown> }, Person][] = [
  ['application', coe.submitApplication({ name: 'COE on Green Productivity' }), 'assessor'],
  ['review', coe.startReview(), 'admin'],
  ['designation', coe.designate(), 'admin'],
];
const BCN_STEPS: [string, { data: Record<string, unknown> }, Person][] = [
  ['draft', bcn.draft(), 'assessor'],
  ['submission', bcn.submit(), 'assessor'],
  ['approval', bcn.approve(), 'admin'],
  ['schedule', bcn.schedule(), 'assessor'],
];

describe('the page of one COE and of one BCN exchange: facts, state diagram, timeline', () => {
  const server = new ConsoleServer();
  let browser: Browser;
  let page: Page;

  /** Sends each step, expecting it recorded (201 for the first event of a stream, 200 after). */
  const run = async (collection: string, steps: typeof COE_STEPS) => {
    for (const [route, { data }, role] of steps) {
      const { status, body } = await server.api('POST', `${collection}/${route}`, data, role);
      expect([route, status < 300 ? 'recorded' : body]).toEqual([route, 'recorded']);
    }
  };

  beforeAll(async () => {
    await server.start();
    await run('/coes/green', COE_STEPS);
    await run('/bcn-exchanges/bcn-la-th', BCN_STEPS);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server.stop();
  });

  afterEach(async () => page?.close());

  const open = async (role: Person, path: string, width = 1280) => {
    page = await browser.newPage({ viewport: { width, height: 900 } });
    await signIn(page, server, role, path);
  };
  /** The value of a header fact, by its name. */
  const fact = (term: string) =>
    page
      .locator('dl.facts > div')
      .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
      .locator('dd');
  const noSideScroll = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  /** Each event of the timeline: its heading and its "when" line. */
  const timeline = () =>
    page
      .getByRole('region', { name: 'Timeline', exact: true })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 3 }) })
      .evaluateAll((items) => items.map((li) => [li.querySelector('h3')?.textContent, li.querySelector('.when')?.textContent]));

  it('shows a COE: its facts, its state marked on the diagram, its timeline in order, and every metadata field in the full view', async () => {
    const view = (await server.api('GET', '/coes/green')).body;
    expect(view.state).toBe('active.designation');
    await open('admin', '/console/coes/green');
    await page.getByRole('heading', { level: 1, name: 'COE on Green Productivity' }).waitFor();

    expect(await fact('Member economy').innerText()).toBe(String(view.memberEconomy));
    expect(await fact('Phase').innerText()).toBe(`In ${String(view.phase)}`);
    expect(await fact('Next due').innerText()).toBe(`${String(view.dueDate)}: ${String((view.nextDeadline as { label: string }).label)}`);
    expect(await fact('Overdue').innerText()).toMatch(view.overdue ? /^Overdue: .+, due \d{4}-\d{2}-\d{2}$/ : /^Not overdue$/);

    // The diagram: the current state is a named image with "current state" in its name, drawn with the words too.
    const diagram = page.getByRole('region', { name: 'State diagram', exact: true });
    const current = diagram.getByRole('img', { name: 'active › designation: current state' });
    await current.waitFor();
    expect(await current.textContent()).toContain('current state');
    expect(await diagram.getByRole('img', { name: 'active (holds the current state)' }).count()).toBe(1);
    expect(await diagram.getByRole('group', { name: /COE life cycle, definition version 2: the current state is active › designation/ }).count()).toBe(1);
    // Its text alternative lists the transitions in words, the allowed ones said so.
    await diagram.getByText(/The diagram in words/).click();
    await diagram.getByText('active › designation → active › delivery on PhaseAdvanced (rule: hasAdvanceAssessment)').waitFor();
    expect(await diagram.getByText(/on CoeSuspended.*\(allowed now\)/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'coe-page');

    // The timeline: oldest first, business date, recorded time and actor of each event.
    expect(await timeline()).toEqual([
      ['Application submitted', expect.stringMatching(/^Business date 2025-01-10recorded \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTCby test-assessor \(assessor\)$/)],
      ['Review started', expect.stringMatching(/^Business date 2025-02-01.*by test-admin \(admin\)$/)],
      ['COE designated', expect.stringMatching(/^Business date 2025-04-15.*by test-admin \(admin\)$/)],
      ['COE launched', expect.stringMatching(/^Business date 2025-07-01.*by test-admin \(admin\)$/)],
    ]);
    const first = page.getByRole('region', { name: 'Timeline', exact: true }).getByRole('listitem').first();
    expect(await first.getByRole('definition').first().innerText()).toBe('COE on Green Productivity');
    expect(await page.getByText('hash', { exact: true }).count()).toBe(0);

    await page.getByRole('button', { name: 'Full view (every metadata field)' }).click();
    await page.getByText('4 events, oldest first, with every metadata field.').waitFor();
    expect(await first.locator('.metadata dt').allInnerTexts()).toEqual(
      expect.arrayContaining(['eventId', 'position', 'correlationId', 'prevHash', 'hash', 'recordedAt']),
    );
    await expectAccessible(page, 'coe-timeline-full');
  });

  it('shows an exchange: its facts, the diagram with "scheduled" marked, its timeline', async () => {
    await open('assessor', '/console/exchanges/bcn-la-th');
    await page.getByRole('heading', { level: 1, name: 'Lean management in public services' }).waitFor();
    expect(await fact('Economies').innerText()).toBe('LA sends to TH');
    expect(await fact('Status').innerText()).toBe('scheduled');
    expect(await fact('Participants').innerText()).toBe('4 of at most 4 (face to face)');
    expect(await fact('Dates').innerText()).toBe('2023-09-04 to 2023-09-08');
    // The roster: an assessor reads each participant's name and position in clear (personal data, issue #23).
    const roster = page.getByRole('region', { name: 'Participants', exact: true }).getByRole('row');
    const cells = await Promise.all((await roster.all()).map((row) => row.locator('th, td').allInnerTexts()));
    expect(cells).toEqual([
      ['Name', 'Position', 'Category'],
      ...[1, 2, 3, 4].map((n) => [expect.stringMatching(new RegExp(`^Participant ${n}(\\n.+)?$`)), 'Deputy Director', 'NPO official']),
    ]);
    expect(await page.locator('.personal-erased, .personal-withheld').count()).toBe(0);

    const diagram = page.getByRole('region', { name: 'State diagram', exact: true });
    await diagram.getByRole('img', { name: 'scheduled: current state' }).waitFor();
    expect(await diagram.getByRole('img', { name: /current state/ }).count()).toBe(1);

    // The assessor reads the timeline route (the audit history is the auditors'): the same events, fewer metadata fields.
    expect((await timeline()).map(([type]) => type)).toEqual(['Exchange drafted', 'Exchange submitted', 'Exchange approved', 'Exchange scheduled']);
    expect((await timeline())[2][1]).toMatch(/^Business date 2023-04-20.*by test-admin \(admin\)$/);
    await expectAccessible(page, 'exchange-page');
    await page.getByRole('button', { name: 'Full view (every metadata field)' }).click();
    const last = page.getByRole('region', { name: 'Timeline', exact: true }).getByRole('listitem').filter({ hasText: 'Exchange scheduled' });
    expect(await last.locator('.metadata dt').allInnerTexts()).toEqual(['revision', 'type', 'effectiveDate', 'recordedAt', 'actor', 'from', 'to']);
    // The roster is folded: four participants behind one summary.
    await last.getByText('4 items').click();
    await last.getByText('Participant 4').waitFor();
    await expectAccessible(page, 'exchange-timeline-full');
  });

  it.each([
    ['coe', '/console/coes/green', 'COE on Green Productivity'],
    ['exchange', '/console/exchanges/bcn-la-th', 'Lean management in public services'],
  ])('fits the %s page in 390 pixels: the diagram scrolls inside its own focusable region', async (name, path, title) => {
    await open('reporter', path, 390);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const region = page.getByRole('region', { name: 'State diagram (scrolls)' });
    await region.getByRole('img', { name: /: current state$/ }).waitFor();
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await noSideScroll()).toBe(true);
    await page.getByRole('region', { name: 'Timeline', exact: true }).getByRole('heading', { level: 3 }).first().waitFor();
    await expectAccessible(page, `${name}-page-390`);
  });

  it('says so when the instance does not exist', async () => {
    await open('auditor', '/console/exchanges/nope');
    await page
      .getByRole('alert')
      .getByText(/nope was not found/)
      .waitFor();
  });
});
