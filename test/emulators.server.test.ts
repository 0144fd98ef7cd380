import { withAuth as withAxios } from '@authplug/axios';
import { memoryStore } from '@authplug/credentials';
import { clickButton, type RunningEmulators, SEEDED_APPS, startEmulators } from '@authplug/emulators';
import { handlers } from '@authplug/emulators/msw';
import { withAuth as withGot } from '@authplug/got';
import { historypin } from '@authplug/historypin';
import { ipernity, ipernityDesktopFlow } from '@authplug/ipernity';
import { withAuth as withKy } from '@authplug/ky';
import { PROOFILE, proofile, proofileFlow } from '@authplug/oauth1';
import { safecreative, safecreativeAuthFlow } from '@authplug/safecreative';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// startEmulators: the four emulators on one loopback server, each under its own path, driven by
// the real strategies and flows through the three clients.
let server: RunningEmulators;
beforeAll(async () => {
  server = await startEmulators();
});
afterAll(() => server.close());

/** GETs an authorization page and submits the form holding the Approve button, as a click would. */
const clickApprove = (url: string): Promise<Response> => clickButton(url, 'Approve');

describe('startEmulators', () => {
  it('mounts each provider under its own path on one loopback server', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.urls.ipernity.api).toBe(`${server.url}/ipernity/api/`);
    expect(server.urls.proofile.api).toBe(`${server.url}/proofile/oauth/`);
    expect(server.urls.historypin.api).toBe(`${server.url}/historypin/en/api/`);
    expect(server.urls.safecreative.api).toBe(`${server.url}/safecreative/v2/`);
    expect(server.apps).toBe(SEEDED_APPS);
    const index = await fetch(`${server.url}/`);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toContain(server.urls.safecreative.edit);
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
  });

  it('Historypin: a signed call through axios is verified', async () => {
    const { apiKey, apiSecret } = server.apps.historypin.account;
    const api = withAxios(
      axios.create({ baseURL: server.urls.historypin.api }),
      historypin({ apiKey, apiSecret }),
    );
    const { data } = await api.get('user/get_edit.json', { params: { id: '19' } });
    expect(data).toMatchObject({ ok: true, api_path: 'user/get_edit.json' });
  });

  it('ipernity: desktop flow with the Approve form, a signed POST through ky, then revoke', async () => {
    const { apiKey, secret } = server.apps.ipernity.app;
    const store = memoryStore({ 'ipernity/default': { apiKey, secret } });
    const flow = ipernityDesktopFlow({
      store,
      permissions: { doc: 'write' },
      apiUrl: server.urls.ipernity.api,
      authorizeUrl: server.urls.ipernity.authorize,
    });
    const { url } = await flow.start();
    expect(url.startsWith(server.urls.ipernity.authorize)).toBe(true);
    expect((await clickApprove(url)).status).toBe(200);
    const grant = await flow.complete();
    expect(grant.user.username).toBe(server.apps.ipernity.user.username);

    const api = withKy(ky.create({ baseUrl: server.urls.ipernity.api }), ipernity({ store }));
    const body = await api
      .post('doc.tags.add/json', { body: new URLSearchParams({ doc_id: '1234', keywords: 'loopback' }) })
      .json();
    expect(body).toMatchObject({ api: { status: 'ok' } });
    expect(server.emulators.ipernity.doc('1234')?.tags).toContain('loopback');

    const token = (await store.get('ipernity/default'))!['authToken'] as string;
    expect(server.emulators.ipernity.revoke(token)).toBe(true);
    await expect(
      api.post('doc.tags.add/json', { body: new URLSearchParams({ doc_id: '1234' }) }).json(),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^AUTHPLUG_/),
    });
  });

  it('Proofile: three-legged OAuth (oob) under /proofile, then a signed ping through got', async () => {
    const store = memoryStore();
    const flow = proofileFlow({
      ...server.apps.proofile.consumer,
      store,
      callback: 'oob',
      requiredAccess: ['read_profile'],
      origin: server.urls.proofile.base,
    });
    const { url } = await flow.start();
    expect(url.startsWith(server.urls.proofile.authorize)).toBe(true);
    const page = await (await clickApprove(url)).text();
    const oauthVerifier = /id="oauth_verifier">([^<]+)</.exec(page)![1]!;
    await flow.complete({ oauthToken: new URL(url).searchParams.get('oauth_token')!, oauthVerifier });

    const api = withGot(got.extend({ prefixUrl: server.urls.proofile.api }), proofile({ store }));
    expect(await api('ping').json()).toMatchObject({
      ping: 'pong',
      userid: server.apps.proofile.user.userId,
    });
    const profile = await api(`userid/${server.apps.proofile.user.userId}/profile`).json();
    expect(profile).toMatchObject({ nickname: server.apps.proofile.user.nickname });
    expect(server.emulators.proofile.stats['signature_invalid']).toBeUndefined();
  });

  it('Safe Creative: authkey flow with the Approve form, then work.register (nonce) through axios', async () => {
    const { sharedKey, privateKey } = server.apps.safecreative.app;
    const store = memoryStore({ 'safecreative/default': { sharedKey, privateKey } });
    const flow = safecreativeAuthFlow({ store, level: 'ADD', server: server.urls.safecreative.api });
    const { url } = await flow.start();
    expect(url.startsWith(server.urls.safecreative.edit)).toBe(true);
    expect((await clickApprove(url)).status).toBe(200);
    expect(await flow.complete()).toMatchObject({
      level: 'ADD',
      usercode: server.apps.safecreative.user.usercode,
    });

    const api = withAxios(
      axios.create({ baseURL: server.urls.safecreative.api }),
      safecreative({ store, server: server.urls.safecreative.api }),
    );
    const { data } = await api.post(
      '',
      new URLSearchParams({ component: 'work.register', title: 'Loopback', format: 'json' }),
    );
    expect(JSON.stringify(data)).toMatch(/2611\d{9}/);
    expect(server.emulators.safecreative.works()).toEqual([expect.objectContaining({ title: 'Loopback' })]);
  });
});

describe('handlers (msw) for the real origins', () => {
  const msw = setupServer(...handlers());
  beforeAll(() => msw.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => msw.close());

  it('answers Historypin and Proofile at their own hosts', async () => {
    const { apiKey, apiSecret } = SEEDED_APPS.historypin.account;
    const hp = withAxios(
      axios.create({ baseURL: 'https://www.historypin.org/en/api/' }),
      historypin({ apiKey, apiSecret }),
    );
    expect((await hp.get('user/get_edit.json')).data).toMatchObject({ ok: true });
    const { token, tokenSecret } = SEEDED_APPS.proofile.token;
    const pf = withKy(
      ky.create({ baseUrl: PROOFILE.apiBaseUrl }),
      proofile({ ...SEEDED_APPS.proofile.consumer, token, tokenSecret }),
    );
    expect(await pf.get('ping').json()).toMatchObject({ ping: 'pong' });
  });
});
