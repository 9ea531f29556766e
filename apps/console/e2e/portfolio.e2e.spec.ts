import type { Browser, Page } from 'playwright-core';
import { ConsoleServer, expectAccessible, launchChromium, signIn } from './console-server';

jest.setTimeout(90_000);

const coe = (name: string, memberEconomy: string) => ({
  name,
  memberEconomy,
  nominatingNpo: 'Japan Productivity Center',
  hostInstitution: { name: 'Japan Productivity Center', type: 'npo' },
  focusArea: 'services',
  appliedOn: '2025-01-10',
});

describe('the portfolios: COEs and BCN exchanges filtered, sorted, searched, with the filters in the address', () => {
  const server = new ConsoleServer();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await server.start();
    const created = [
      ['pf-green', coe('COE on Green Productivity', 'JP')],
      ['pf-digital', coe('COE on Digital Services', 'JP')],
      ['pf-agri', coe('COE on Agritech', 'JP')],
      ['pf-lean', coe('COE on Lean Services', 'MY')],
    ] as const;
    for (const [id, body] of created) expect((await server.api('POST', `/coes/${id}/application`, body)).status).toBe(201);
    // One Japanese COE under review: the phase filter leaves it out.
    expect((await server.api('POST', '/coes/pf-agri/review', { startedOn: '2025-02-01' })).status).toBe(200);
    const draft = {
      title: 'Digital maturity toolkit for Lao SMEs',
      topic: 'digital transformation of SMEs',
      programmeYear: 2027,
      sendingNpo: 'LA',
      hostingNpo: 'TH',
    };
    const drafted = await server.api('POST', '/bcn-exchanges/bcn-la-th/draft', { ...draft, draftedOn: new Date().toISOString().slice(0, 10) }, 'assessor');
    expect(drafted).toMatchObject({ status: 201 });
    // The lists are read models: wait until they hold what was written.
    for (let i = 0; i < 100; i++) {
      const [coes, exchanges] = [await server.api('GET', '/coes?phase=underReview'), await server.api('GET', '/bcn-exchanges')];
      if (coes.body.total === 1 && exchanges.body.total === 1) break;
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

  const names = () => page.locator('tbody th[scope=row]').allInnerTexts();
  const fitsWidth = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');

  it('filters by economy and phase, sorts by name descending, searches, and keeps it all across a reload and the back button', async () => {
    await signIn(page, server, 'assessor', '/console/coes');
    await page.getByRole('status').filter({ hasText: 'of 4' }).waitFor();
    await expectAccessible(page, 'coe-portfolio');

    await page.getByLabel('Member economy').selectOption({ label: 'Japan' });
    await page.getByLabel('Phase').selectOption({ label: 'Applied' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('status').filter({ hasText: 'COEs 1–2 of 2' }).waitFor();
    expect((await names()).sort()).toEqual(['COE on Digital Services', 'COE on Green Productivity']);

    const nameHeader = page.getByRole('columnheader', { name: 'Name' });
    await page.getByRole('button', { name: 'Name' }).click();
    await page.waitForURL(/sort=name/);
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await names()).toEqual(['COE on Digital Services', 'COE on Green Productivity']);
    await page.getByRole('button', { name: 'Name' }).click();
    await page.waitForURL(/sort=-name/);
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await names()).toEqual(['COE on Green Productivity', 'COE on Digital Services']);

    await page.getByLabel('Name contains').fill('green');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('status').filter({ hasText: 'COEs 1–1 of 1' }).waitFor();
    expect(await names()).toEqual(['COE on Green Productivity']);
    await expectAccessible(page, 'coe-portfolio-filtered');

    // The address is the bookmark: a reload shows the same filters, order and rows.
    const address = new URL(page.url());
    expect(Object.fromEntries(address.searchParams)).toEqual({ memberEconomy: 'JP', phase: 'applied', sort: '-name', q: 'green' });
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'COEs 1–1 of 1' }).waitFor();
    expect(await page.getByLabel('Name contains').inputValue()).toBe('green');
    expect(await page.getByLabel('Member economy').inputValue()).toBe('JP');
    expect(await names()).toEqual(['COE on Green Productivity']);

    // Back undoes the search, not the rest.
    await page.goBack();
    await page.getByRole('status').filter({ hasText: 'COEs 1–2 of 2' }).waitFor();
    expect(await page.getByLabel('Name contains').inputValue()).toBe('');
    expect(await names()).toEqual(['COE on Green Productivity', 'COE on Digital Services']);

    await page.getByRole('link', { name: 'COE on Digital Services' }).click();
    await page.waitForURL(`${server.url}/console/coes/pf-digital`);
  });

  it('at 390 px the page does not scroll sideways (the table scrolls in its own region)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, server, 'reporter', '/console/coes?sort=name');
    await page.getByRole('status').filter({ hasText: 'of 4' }).waitFor();
    expect(await fitsWidth()).toBe(true);
    await expectAccessible(page, 'coe-portfolio-390');
    // Sorting by keyboard: the header's button takes Enter; aria-sort moves to its column.
    await page.getByRole('button', { name: 'Economy' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=economy/);
    expect(await page.getByRole('columnheader', { name: 'Economy' }).getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('none');
    expect((await page.locator('tbody td:nth-of-type(1)').allInnerTexts()).join(' ')).toBe('JP JP JP MY');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'BCN exchanges' }).click();
    await page.getByRole('status').filter({ hasText: 'of 1' }).waitFor();
    expect(await fitsWidth()).toBe(true);
  });

  it('lists a created BCN exchange with a link to it, and filters exchanges by programme year', async () => {
    await signIn(page, server, 'assessor', '/console/exchanges');
    const row = page.getByRole('row', { name: /Digital maturity toolkit for Lao SMEs/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['2027', 'Draft', 'LA', 'TH', '—', '—']);
    expect(await row.getByRole('link').getAttribute('href')).toBe('/console/exchanges/bcn-la-th');
    await expectAccessible(page, 'exchange-portfolio');

    await page.getByLabel('Programme year').fill('2026');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('status').filter({ hasText: 'No exchanges match these filters.' }).waitFor();
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await row.waitFor();
  });

  it('shows the API’s refusal of a bad address in words', async () => {
    await signIn(page, server, 'assessor', '/console/coes?sort=revision');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/sort/);
  });
});
