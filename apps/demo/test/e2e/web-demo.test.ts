// End-to-end in a real browser: Debian's chromium, driven by playwright-core, through the web
// demo (`pnpm demo --web`): every provider's web flow with Approve and Deny clicked on the
// emulators' own pages, and the ky-in-the-browser page whose signed calls the emulators verify.
import { type CredentialStore, isSecretField } from '@authplug/credentials';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium } from '../../../../scripts/ensure-chromium.ts';
import { type RunningWebDemo, startWebDemo } from '../../src/web/server.ts';
import { type Chromium, launchChromium } from './chromium.ts';

let chromium: Chromium;

beforeAll(async () => {
  ensureChromium(); // apt-get install on a machine without it (CI), else nothing
  chromium = await launchChromium();
}, 400_000);

afterAll(async () => {
  await chromium?.close();
});

/** Every secret value in the store (app secrets, tokens, private keys), to look for on the page. */
async function secretsIn(store: CredentialStore): Promise<string[]> {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    for (const [key, field] of Object.entries(value)) {
      if (isSecretField(key) && typeof field === 'string' && field.length >= 6) found.push(field);
      else walk(field);
    }
  };
  for (const key of await store.list()) walk(await store.get(key));
  return found;
}

async function expectNoSecret(page: Page, store: CredentialStore): Promise<void> {
  const content = await page.content();
  const secrets = await secretsIn(store);
  expect(secrets.length).toBeGreaterThan(3);
  for (const secret of secrets) expect(content).not.toContain(secret);
}

const card = (page: Page, provider: string) => page.locator(`section.card[data-provider="${provider}"]`);

/** Clicks Connect, lands on the emulator's page (another origin), clicks `decision`, comes back. */
async function connect(page: Page, demo: RunningWebDemo, provider: string, decision: 'Approve' | 'Deny') {
  await page.goto(demo.url);
  await card(page, provider)
    .getByRole('button', { name: /^Connect/ })
    .click();
  await page.waitForURL((url) => url.href.startsWith(`${demo.emulators.url}/${provider}/`));
  await page.getByRole('button', { name: decision, exact: true }).click();
  await page.waitForURL(
    (url) => url.href.startsWith(`${demo.url}/`) && !url.pathname.startsWith('/callback/'),
  );
}

describe('web demo in chromium', () => {
  let demo: RunningWebDemo;
  beforeAll(async () => {
    demo = await startWebDemo();
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('lists the four providers, each with its action', async () => {
    const page = await chromium.context.newPage();
    await page.goto(demo.url);
    expect(await page.locator('h1').textContent()).toBe('authplug web demo');
    expect(await page.locator('section.card').evaluateAll((els) => els.map((e) => e.id))).toEqual([
      'ipernity',
      'proofile',
      'historypin',
      'safecreative',
    ]);
    for (const provider of ['ipernity', 'proofile', 'safecreative']) {
      expect(await card(page, provider).getByRole('button', { name: 'Connect' }).count()).toBe(1);
    }
    expect(await card(page, 'historypin').getByRole('button', { name: 'Call' }).count()).toBe(1);
    await page.close();
  });

  for (const provider of ['ipernity', 'proofile', 'safecreative']) {
    it(`${provider}: Deny on the provider's page shows a denied state, and no grant`, async () => {
      const page = await chromium.context.newPage();
      await connect(page, demo, provider, 'Deny');
      const section = card(page, provider);
      expect(await section.getAttribute('data-status')).toBe('denied');
      expect(await section.locator('.badge').textContent()).toBe('denied');
      expect(await section.locator('.notice').textContent()).toMatch(/denied/i);
      expect(await section.locator('tr[data-client]').count()).toBe(0);
      const grant = await section.locator('pre.grant').textContent();
      expect(grant).not.toMatch(/authToken|"token"|"level"/);
      await page.close();
    });
  }

  for (const provider of ['ipernity', 'proofile', 'safecreative']) {
    it(`${provider}: Approve on the provider's page, signed calls verified through axios, ky and got`, async () => {
      const page = await chromium.context.newPage();
      await connect(page, demo, provider, 'Approve');
      const section = card(page, provider);
      expect(await section.getAttribute('data-status')).toBe('connected');
      const rows = section.locator('tr[data-client]');
      expect(
        await rows.evaluateAll((els) =>
          els.map((e) => [e.getAttribute('data-client'), e.getAttribute('data-ok')]),
        ),
      ).toEqual([
        ['axios', 'true'],
        ['ky', 'true'],
        ['got', 'true'],
      ]);
      expect(await rows.first().textContent()).toContain('verified');
      const grant = JSON.parse((await section.locator('pre.grant').textContent()) ?? 'null');
      const masked = { ipernity: 'authToken', proofile: 'tokenSecret', safecreative: 'authPrivateKey' }[
        provider
      ]!;
      expect(grant[masked]).toBe('••••');
      await expectNoSecret(page, demo.store);
      await page.close();
    });
  }

  it('historypin: no flow, the signed call is shown directly', async () => {
    const page = await chromium.context.newPage();
    await page.goto(demo.url);
    await card(page, 'historypin').getByRole('button', { name: 'Call' }).click();
    await page.waitForURL(`${demo.url}/#historypin`);
    const rows = card(page, 'historypin').locator('tr[data-client][data-ok="true"]');
    expect(await rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('verified api_token for tester');
    expect(
      JSON.parse((await card(page, 'historypin').locator('pre.grant').textContent()) ?? '{}').apiSecret,
    ).toBe('••••');
    await expectNoSecret(page, demo.store);
    await page.close();
  });

  it('the emulators saw what the page claims', () => {
    const { ipernity, safecreative } = demo.emulators.emulators;
    expect(ipernity.doc('1234')?.tags).toContain('web demo');
    expect(safecreative.works().filter((w) => w.title === 'Web demo song')).toHaveLength(3);
  });

  it('ky and fetch in the browser: sign with WebCrypto and the JS MD5; the emulators verify', async () => {
    const page = await chromium.context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${demo.url}/browser/`);
    await page.waitForSelector('body[data-done]');
    expect(await page.locator('#summary').textContent()).toMatch(/^all \d verified$/);
    expect(await page.getAttribute('body', 'data-done')).toBe('verified');
    expect(await page.locator('#runtime').textContent()).toBe('digests: web (WebCrypto)');
    // ipernity was connected above: the page also sent a token call, which changed the document.
    const checks = await page
      .locator('li[data-check]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-check'), e.className]));
    expect(checks).toEqual([
      ['ipernity test.echo (MD5 api_sig)', 'ok'],
      ['ipernity doc.tags.add (token)', 'ok'],
      ['historypin user/get_edit (HMAC-SHA256 api_token)', 'ok'],
      ['fetch: ipernity test.echo (MD5 api_sig)', 'ok'],
      ['fetch: historypin user/get_edit (HMAC-SHA256 api_token)', 'ok'],
      ['fetch: historypin pin/save, form POST (api_token in the query)', 'ok'],
    ]);
    expect(demo.emulators.emulators.ipernity.doc('1234')?.tags).toContain('from the browser');
    // core's JS MD5 is a lazily loaded chunk: it was fetched because ipernity signed with it.
    expect(scripts).toContain('/browser/app.js');
    expect(scripts.some((s) => /\/browser\/md5-[\w-]+\.js$/.test(s))).toBe(true);
    await page.close();
  });

  it('ky and fetch in the browser: a wrong secret is refused by the emulator (code 105)', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${demo.url}/browser/?secret=wrong`);
    await page.waitForSelector('body[data-done]');
    expect(await page.getAttribute('body', 'data-done')).toBe('failed');
    for (const name of ['ipernity test.echo (MD5 api_sig)', 'fetch: ipernity test.echo (MD5 api_sig)']) {
      const echo = page.locator(`li[data-check="${name}"]`);
      expect(await echo.getAttribute('class'), name).toBe('fail');
      expect(await echo.textContent(), name).toMatch(/AUTHPLUG_IPERNITY_INVALID_SIGNATURE/);
    }
    await page.close();
  });
});
