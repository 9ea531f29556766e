import type { Browser, Page } from 'playwright-core';
import { ConsoleServer, expectAccessible, launchChromium } from './console-server';

jest.setTimeout(60_000);

const COE = {
  name: 'COE on Digital Transformation',
  memberEconomy: 'TH',
  nominatingNpo: 'FTPI',
  hostInstitution: { name: 'FTPI', type: 'npo' },
  focusArea: 'digital transformation',
  appliedOn: '2025-01-10',
};

describe('the console in Chromium, served by the API', () => {
  const server = new ConsoleServer();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await server.start();
    expect((await server.api('POST', '/coes/th-digital/application', COE)).status).toBe(201);
    // The portfolio is a read model: wait until it lists the new COE.
    for (let i = 0; i < 100 && (await server.api('GET', '/coes')).body.total !== 1; i++) await new Promise((r) => setTimeout(r, 50));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/`);
  });

  afterEach(async () => page?.close());

  const focusedId = () => page.evaluate('document.activeElement && document.activeElement.id');
  const sessionKeys = () => page.evaluate('sessionStorage.length');

  it('signs in and out with the keyboard only (the portfolio lists the COE, its row opens it); signing out forgets the key', async () => {
    expect(await focusedId()).toBe('api-key');
    await expectAccessible(page, 'sign-in');
    await page.keyboard.type(server.adminKey);
    await page.keyboard.press('Enter');

    // An admin lands on My work (the first page of the navigation); the portfolio is one link away.
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'COEs' }).click();
    const row = page.getByRole('row', { name: /COE on Digital Transformation/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['TH', 'Applied', expect.any(String), expect.any(String), 'No']);
    expect(await page.getByText('Signed in as').innerText()).toBe('Signed in as test-admin (admin)');
    expect(await sessionKeys()).toBe(1);
    expect(page.url()).not.toContain(server.adminKey);
    await expectAccessible(page, 'coes');

    await page.getByRole('link', { name: 'COE on Digital Transformation' }).click();
    await page.getByRole('heading', { level: 1, name: 'COE on Digital Transformation' }).waitFor();
    expect(page.url()).toBe(`${server.url}/console/coes/th-digital`);
    await expectAccessible(page, 'coe');

    // A reload of the COE's address stays in the console (the API answers its index), still signed in.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'COE on Digital Transformation' }).waitFor();

    // Sign out is in the header, after the main navigation's links: reached with Tab alone.
    const focused = () => page.evaluate('document.activeElement && document.activeElement.textContent');
    for (let i = 0; i < 10 && (await focused()) !== 'Sign out'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Sign out');
    await page.keyboard.press('Enter');
    await page.getByLabel('API key').waitFor();
    expect(await sessionKeys()).toBe(0);
  });

  it('says beside the field that a wrong key is not recognised, and keeps nothing', async () => {
    await page.getByLabel('API key').fill('test_admin_wrong');
    await page.keyboard.press('Enter');
    const message = page.getByRole('alert');
    await message.waitFor();
    expect(await message.innerText()).toBe('This API key is not recognised. Check it and try again.');
    expect(await page.getByLabel('API key').getAttribute('aria-describedby')).toBe(await message.getAttribute('id'));
    expect(await sessionKeys()).toBe(0);
  });
});
