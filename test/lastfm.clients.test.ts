import { createHash } from 'node:crypto';
import { UnsignableRequestError } from '@authplug/core';
import { memoryStore } from '@authplug/credentials';
import { LASTFM_TEST_APP as APP, clickButton, LASTFM_TEST_USER, lastfmEmulator } from '@authplug/emulators';
import {
  LastfmAuthorizationPendingError,
  LastfmInvalidSessionError,
  LastfmInvalidSignatureError,
  lastfm,
  lastfmAuthFlow,
} from '@authplug/lastfm';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clients } from './support/clients.ts';

// Last.fm through axios, ky and got: the wire checked against an independent md5, then real
// calls and the auth.getToken → authorize → auth.getSession flow against the emulator, which
// recomputes every api_sig with node:crypto alone.

const API = 'https://ws.audioscrobbler.com/2.0/';
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

let emulator = lastfmEmulator();
const wire: { query: [string, string][]; form: [string, string][] }[] = [];
const server = setupServer(
  http.all('https://wire.test/*', async ({ request }) => {
    const form =
      request.method === 'POST' ? [...new URLSearchParams(await request.text())] : ([] as [string, string][]);
    wire.push({ query: [...new URL(request.url).searchParams], form });
    return HttpResponse.json({});
  }),
  ...emulator.origins.map((origin) => http.all(`${origin}/*`, ({ request }) => emulator.fetch(request))),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  wire.length = 0;
  emulator = lastfmEmulator();
});

/** Runs the desktop flow against the emulator; the store then holds the session key. */
async function authorized() {
  const store = memoryStore({ 'lastfm/default': { apiKey: APP.apiKey, secret: APP.secret } });
  const flow = lastfmAuthFlow({ store });
  const { url } = await flow.start();
  expect((await clickButton(url, 'Yes, allow access')).status).toBe(200);
  expect(await flow.complete()).toEqual({ username: LASTFM_TEST_USER });
  return store;
}

describe.each(clients)('lastfm through $name', (client) => {
  it('puts api_key, sk and api_sig where the request’s parameters are, signed over all but format', async () => {
    const auth = lastfm({ apiKey: 'k', secret: 's3cr3t', sessionKey: 'sess' });
    await client.send(auth, 'https://wire.test/2.0/', {
      method: 'GET',
      path: '',
      params: [
        ['method', 'user.getInfo'],
        ['user', 'Björk'],
        ['format', 'json'],
      ],
    });
    await client.send(auth, 'https://wire.test/2.0/', {
      method: 'POST',
      path: '',
      form: {
        kind: 'params',
        fields: [
          ['method', 'track.love'],
          ['track', 'Jóga & more'],
          ['artist', 'Björk'],
        ],
      },
    });
    const [get, post] = wire;
    expect(get!.query).toEqual([
      ['method', 'user.getInfo'],
      ['user', 'Björk'],
      ['format', 'json'],
      ['api_key', 'k'],
      ['sk', 'sess'],
      ['api_sig', md5('api_keykmethoduser.getInfosksessuserBjörks3cr3t')],
    ]);
    expect(post!.query).toEqual([]);
    expect(post!.form).toEqual([
      ['method', 'track.love'],
      ['track', 'Jóga & more'],
      ['artist', 'Björk'],
      ['api_key', 'k'],
      ['sk', 'sess'],
      ['api_sig', md5('api_keykartistBjörkmethodtrack.lovesksesstrackJóga & mores3cr3t')],
    ]);
  });

  it('authorizes through the flow, then loves a track with the saved session key', async () => {
    const store = await authorized();
    const saved = await store.get('lastfm/default');
    expect(saved).toMatchObject({ apiKey: APP.apiKey, secret: APP.secret, username: LASTFM_TEST_USER });
    expect(emulator.sessions()).toEqual([{ key: saved!['sessionKey'], user: LASTFM_TEST_USER }]);
    const reply = await client.send(lastfm({ store }), API, {
      method: 'POST',
      path: '',
      params: [['format', 'json']],
      form: {
        kind: 'params',
        fields: [
          ['method', 'track.love'],
          ['artist', 'Björk'],
          ['track', 'Jóga'],
        ],
      },
    });
    expect(reply).toEqual({ status: 200, data: {} });
    const info = await client.send(lastfm({ store }), API, {
      method: 'GET',
      path: '',
      params: [
        ['method', 'user.getInfo'],
        ['format', 'json'],
      ],
    });
    expect(info.data).toEqual({ user: { name: LASTFM_TEST_USER, signed: true } });
  });

  it('a wrong secret, a stale session key and a missing method are typed errors', async () => {
    const call = (auth: ReturnType<typeof lastfm>, method = 'track.love') =>
      client
        .send(auth, API, {
          method: 'POST',
          path: '',
          params: [['format', 'json']],
          form: { kind: 'params', fields: [...(method ? [['method', method] as [string, string]] : [])] },
        })
        .catch((e: unknown) => e);
    const wrong = await call(lastfm({ apiKey: APP.apiKey, secret: 'not-the-secret', sessionKey: 'x' }));
    expect(wrong).toBeInstanceOf(LastfmInvalidSignatureError);
    expect(wrong).toMatchObject({
      code: 'AUTHPLUG_LASTFM_INVALID_SIGNATURE',
      providerCode: '13',
      status: 403,
    });
    expect(String(wrong) + JSON.stringify(wrong)).not.toContain('not-the-secret');
    const stale = await call(lastfm({ apiKey: APP.apiKey, secret: APP.secret, sessionKey: 'revoked' }));
    expect(stale).toBeInstanceOf(LastfmInvalidSessionError);
    const unsignable = await call(lastfm({ apiKey: APP.apiKey, secret: APP.secret }), '');
    expect(unsignable).toBeInstanceOf(UnsignableRequestError);
    expect(unsignable).toMatchObject({ code: 'AUTHPLUG_UNSIGNABLE_REQUEST' });
  });
});

describe('lastfmAuthFlow against the emulator', () => {
  it('complete() before the user allowed access is pending, then succeeds', async () => {
    const store = memoryStore();
    const flow = lastfmAuthFlow({ store, apiKey: APP.apiKey, secret: APP.secret });
    const { url, token } = await flow.start();
    expect(new URL(url).searchParams.get('token')).toBe(token);
    await expect(flow.complete()).rejects.toBeInstanceOf(LastfmAuthorizationPendingError);
    await clickButton(url, 'Yes, allow access');
    await expect(flow.complete()).resolves.toEqual({ username: LASTFM_TEST_USER });
    expect(await store.get('lastfm/default')).toMatchObject({ apiKey: APP.apiKey, secret: APP.secret });
  });

  it('web: the authorize page sends the user back to the callback with a token', async () => {
    const store = memoryStore({ 'lastfm/default': { apiKey: APP.apiKey, secret: APP.secret } });
    const flow = lastfmAuthFlow({ store });
    const { url, token } = await flow.start({ callbackUrl: 'https://app.test/back?x=1' });
    expect(token).toBeUndefined();
    const redirect = await clickButton(url, 'Yes, allow access');
    expect(redirect.status).toBe(302);
    const back = new URL(redirect.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('https://app.test/back');
    await flow.complete({ token: back.searchParams.get('token')! });
    expect((await store.get('lastfm/default'))!['sessionKey']).toMatch(/^[0-9a-f]{32}$/);
  });
});
