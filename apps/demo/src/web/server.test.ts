// The web demo over plain HTTP (the browser-driven tests are in test/e2e): routes, the
// same-origin proxy, error states, and the browser bundle's shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrowserBundle } from './bundle.ts';
import { type RunningWebDemo, startWebDemo } from './server.ts';

describe('web demo server', () => {
  let demo: RunningWebDemo;
  beforeAll(async () => {
    demo = await startWebDemo();
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('registers its callback routes with the emulators and sends Connect to the authorize page', async () => {
    const answer = await fetch(`${demo.url}/connect/ipernity`, { method: 'POST', redirect: 'manual' });
    expect(answer.status).toBe(303);
    const location = new URL(answer.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(demo.emulators.urls.ipernity.authorize);
    expect(location.searchParams.get('perm_doc')).toBe('write');
    expect(location.searchParams.get('api_sig')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('shows an error state for a callback no flow started, and 404 for unknown providers', async () => {
    const back = await fetch(`${demo.url}/callback/proofile?oauth_token=nope&oauth_verifier=x`, {
      redirect: 'manual',
    });
    expect(back.status).toBe(303);
    const page = await (await fetch(demo.url)).text();
    expect(page).toMatch(/data-provider="proofile" data-status="error"/);
    expect(page).toContain('Completing the flow failed');
    expect((await fetch(`${demo.url}/connect/nobody`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${demo.url}/connect/historypin`, { method: 'POST' })).status).toBe(404);
  });

  it('proxies /emulators/* to the emulators server, same origin for the browser page', async () => {
    const direct = await fetch(`${demo.url}/emulators/historypin/en/api/x.json?api_key=k&api_token=t`);
    expect(direct.status).toBe(401);
    expect(await direct.json()).toMatchObject({ error: 'unknown_api_key' });
    const posted = await fetch(`${demo.url}/emulators/ipernity/api/test.hello/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `api_key=${demo.emulators.apps.ipernity.unsignedApp.apiKey}`,
    });
    expect(await posted.json()).toEqual({ hello: 'hello world!', api: { status: 'ok' } });
  });
});

describe('browser bundle', () => {
  it('is built for the browser: no node: import, the JS MD5 in its own lazy chunk', async () => {
    const files = await buildBrowserBundle();
    const app = files.get('app.js')!;
    expect(app).toBeDefined();
    expect(app).not.toMatch(/from\s*["'`]node:/);
    const md5 = [...files.keys()].find((name) => /^md5-[\w-]+\.js$/.test(name));
    expect(md5).toBeDefined();
    expect(app).toContain(md5!);
  });
});
