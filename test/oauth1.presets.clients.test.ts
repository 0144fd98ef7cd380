import { InvalidRequestUrlError } from '@authplug/core';
import { memoryStore } from '@authplug/credentials';
import type { OAuth1ProviderEmulator } from '@authplug/emulators';
import { mswHandlers } from '@authplug/emulators/msw';
import {
  FLICKR,
  flickr,
  netsuite,
  netsuiteEndpoints,
  OAuth1ProblemError,
  oauth1,
  TWITTER,
  twitter,
} from '@authplug/oauth1';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clients } from './support/clients.ts';
import {
  FLICKR_CONSUMER,
  FLICKR_USER,
  FLICKR_WRITE_TOKEN,
  flickrEmulator,
  NETSUITE_ACCOUNT,
  NETSUITE_CREDENTIALS,
  netsuiteEmulator,
  X_CONSUMER,
  X_READ_TOKEN,
  X_USER,
  X_WRITE_TOKEN,
  xEmulator,
} from './support/oauth1-presets.ts';

// The X, Flickr and NetSuite presets through axios, ky and got against the generic OAuth 1.0a
// emulator configured as each provider (it recomputes every signature with node:crypto), over
// msw at the providers' real URLs.

const emulators: Record<'x' | 'flickr' | 'netsuite', OAuth1ProviderEmulator> = {
  x: xEmulator(),
  flickr: flickrEmulator(),
  netsuite: netsuiteEmulator(),
};
const routed = (name: keyof typeof emulators) => {
  const first = emulators[name];
  return mswHandlers({ name: first.name, origins: first.origins, fetch: (r) => emulators[name].fetch(r) });
};
const server = setupServer(...routed('x'), ...routed('flickr'), ...routed('netsuite'));
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  emulators.x = xEmulator();
  emulators.flickr = flickrEmulator();
  emulators.netsuite = netsuiteEmulator();
});
afterAll(() => server.close());

const tricky: [string, string][] = [
  ['status', "Hello Ladies + Gentlemen, a signed OAuth request! café ☕ !*'()"],
  ['tag', 'b'],
  ['tag', 'a'],
  ['empty', ''],
];
const token = (t: { token: string; tokenSecret: string }) => ({ token: t.token, tokenSecret: t.tokenSecret });

describe.each(clients)('twitter() through $name', (client) => {
  const write = twitter({ ...X_CONSUMER, ...token(X_WRITE_TOKEN) });

  it('POST statuses/update.json: form body and query both signed, in the header', async () => {
    const reply = await client.send(write, TWITTER.apiBaseUrl, {
      method: 'POST',
      path: 'statuses/update.json?include_entities=true',
      form: { kind: 'params', fields: tricky },
    });
    expect(reply.status).toBe(200);
    expect(reply.data).toMatchObject({
      text: tricky[0]![1],
      params: [['include_entities', 'true'], ...tricky],
    });
    expect(emulators.x.stats['ok']).toBe(1);
  });

  it('GET account/verify_credentials.json with client params; a read token may read', async () => {
    const read = twitter({ ...X_CONSUMER, ...token(X_READ_TOKEN) });
    const reply = await client.send(read, TWITTER.apiBaseUrl, {
      method: 'GET',
      path: 'account/verify_credentials.json',
      params: [
        ['include_email', 'true'],
        ['skip_status', '1'],
      ],
    });
    expect(reply.data).toMatchObject({ screen_name: X_USER.screen_name, rights: ['read'] });
  });

  it('a v2 JSON body is sent intact and left out of the signature', async () => {
    const reply = await client.send(write, TWITTER.origin, {
      method: 'POST',
      path: '2/tweets',
      json: { text: 'hi ☕' },
    });
    expect(reply).toMatchObject({ status: 201, data: { data: { text: 'hi ☕' } } });
  });

  it('a read-only token posting → AUTHPLUG_OAUTH1_INSUFFICIENT_RIGHTS; a wrong secret → SIGNATURE_INVALID', async () => {
    const read = twitter({ ...X_CONSUMER, ...token(X_READ_TOKEN) });
    const denied = await client
      .send(read, TWITTER.apiBaseUrl, {
        method: 'POST',
        path: 'statuses/update.json',
        form: { kind: 'params', fields: tricky },
      })
      .catch((e: unknown) => e);
    expect(denied).toMatchObject({ code: 'AUTHPLUG_OAUTH1_INSUFFICIENT_RIGHTS', status: 403 });
    const wrong = twitter({ ...X_CONSUMER, token: X_WRITE_TOKEN.token, tokenSecret: 'wrong-token-secret' });
    const error = await client
      .send(wrong, TWITTER.apiBaseUrl, { method: 'GET', path: 'account/verify_credentials.json' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuth1ProblemError);
    expect(error).toMatchObject({ code: 'AUTHPLUG_OAUTH1_SIGNATURE_INVALID' });
    expect(JSON.stringify(error)).not.toContain('wrong-token-secret');
  });

  it("X's error 135 (timestamp out of bounds): the clock is corrected from Date and the call re-signed once", async () => {
    emulators.x = xEmulator({ now: () => Date.now() + 3_600_000 }); // X is an hour ahead
    const nonces: string[] = [];
    const auth = twitter({ ...X_CONSUMER, ...token(X_WRITE_TOKEN), nonce: () => `n${nonces.push('n')}` });
    const reply = await client.send(auth, TWITTER.apiBaseUrl, {
      method: 'GET',
      path: 'account/verify_credentials.json',
    });
    expect(reply.status).toBe(200);
    expect(emulators.x.stats).toMatchObject({ timestamp_refused: 1, ok: 1 });
    expect(nonces).toHaveLength(2);
    expect(Math.abs(auth.clockOffset - 3_600_000)).toBeLessThan(2_000);
  });

  it("X's errors 89 and 32 become typed OAuth1ProblemErrors", async () => {
    emulators.x.revoke(X_WRITE_TOKEN.token);
    const revoked = await client
      .send(write, TWITTER.apiBaseUrl, { method: 'GET', path: 'account/verify_credentials.json' })
      .catch((e: unknown) => e);
    expect(revoked).toMatchObject({
      code: 'AUTHPLUG_OAUTH1_TOKEN_REJECTED',
      providerMessage: 'X error 89: Invalid or expired token.',
    });
    const unknown = twitter({ ...X_CONSUMER, consumerKey: 'not-an-app', ...token(X_READ_TOKEN) });
    const error = await client
      .send(unknown, TWITTER.apiBaseUrl, { method: 'GET', path: 'account/verify_credentials.json' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTHPLUG_OAUTH1_SIGNATURE_INVALID', status: 401 });
  });

  it('store-backed credentials under twitter/<profile>', async () => {
    const store = memoryStore({ 'twitter/me': { ...X_CONSUMER, ...token(X_WRITE_TOKEN) } });
    const reply = await client.send(twitter({ store, profile: 'me' }), TWITTER.apiBaseUrl, {
      method: 'GET',
      path: 'account/verify_credentials.json',
    });
    expect(reply.status).toBe(200);
  });
});

describe.each(clients)('flickr() through $name', (client) => {
  const auth = flickr({ ...FLICKR_CONSUMER, ...token(FLICKR_WRITE_TOKEN) });
  const api = FLICKR.restUrl.replace(/rest$/, '');

  it('GET flickr.test.login with the oauth_* parameters in the query (the default)', async () => {
    const reply = await client.send(auth, api, {
      method: 'GET',
      path: 'rest',
      params: [
        ['method', 'flickr.test.login'],
        ['format', 'json'],
        ['nojsoncallback', '1'],
      ],
    });
    expect(reply.data).toMatchObject({ stat: 'ok', user: { id: FLICKR_USER.user_nsid } });
  });

  it.each(['query', 'header', 'form'] as const)(
    'POST flickr.photos.setMeta, %s placement',
    async (placement) => {
      const reply = await client.send(
        flickr({ ...FLICKR_CONSUMER, ...token(FLICKR_WRITE_TOKEN), placement }),
        api,
        {
          method: 'POST',
          path: 'rest?format=json&nojsoncallback=1',
          form: {
            kind: 'params',
            fields: [['method', 'flickr.photos.setMeta'], ['photo_id', '1'], ...tricky],
          },
        },
      );
      expect(reply.data).toMatchObject({ stat: 'ok' });
      expect((reply.data as { params: unknown }).params).toEqual([
        ['format', 'json'],
        ['nojsoncallback', '1'],
        ['method', 'flickr.photos.setMeta'],
        ['photo_id', '1'],
        ...tricky,
      ]);
    },
  );

  it('a write token cannot delete: Flickr answers 200 stat=fail, passed through untouched', async () => {
    const reply = await client.send(auth, api, {
      method: 'POST',
      path: 'rest',
      form: {
        kind: 'params',
        fields: [
          ['method', 'flickr.photos.delete'],
          ['photo_id', '1'],
        ],
      },
    });
    expect(reply).toMatchObject({ status: 200, data: { stat: 'fail', code: 99 } });
  });
});

describe.each(clients)('netsuite() through $name', (client) => {
  const auth = netsuite({ accountId: NETSUITE_ACCOUNT, ...NETSUITE_CREDENTIALS });
  const { restUrl, restletUrl } = netsuiteEndpoints(NETSUITE_ACCOUNT);

  it('GET a record: HMAC-SHA256 with realm 1234567_SB1, query signed', async () => {
    const reply = await client.send(auth, restUrl, {
      method: 'GET',
      path: 'record/v1/customer/107?expandSubResources=true',
      params: [['fields', 'companyName,email']],
    });
    expect(reply.data).toMatchObject({
      id: '107',
      params: [
        ['expandSubResources', 'true'],
        ['fields', 'companyName,email'],
      ],
    });
  });

  it('POST SuiteQL with a JSON body and paging in the query', async () => {
    const reply = await client.send(auth, restUrl, {
      method: 'POST',
      path: 'query/v1/suiteql?limit=5&offset=0',
      json: { q: "SELECT id FROM customer WHERE companyName LIKE 'W%'" },
    });
    expect(reply.data).toMatchObject({
      q: "SELECT id FROM customer WHERE companyName LIKE 'W%'",
      items: [{ id: '107' }],
    });
  });

  it('a RESTlet on the restlets host, script and deploy in the query', async () => {
    const [base, query] = restletUrl.split(/(?=restlet\.nl)/);
    expect(query).toBe('restlet.nl');
    const reply = await client.send(auth, base!, {
      method: 'GET',
      path: 'restlet.nl?script=customscript_hello&deploy=1',
      params: [['name', 'a b+c']],
    });
    expect(reply.data).toMatchObject({
      restlet: true,
      params: [
        ['script', 'customscript_hello'],
        ['deploy', '1'],
        ['name', 'a b+c'],
      ],
    });
  });

  it('the emulator checks realm and method: a generic oauth1() with the wrong realm or HMAC-SHA1 is refused', async () => {
    const wrongRealm = oauth1({ ...NETSUITE_CREDENTIALS, signatureMethod: 'HMAC-SHA256', realm: '1234567' });
    const sha1 = oauth1({ ...NETSUITE_CREDENTIALS, realm: '1234567_SB1' });
    for (const [strategy, problem] of [
      [wrongRealm, 'parameter_rejected'],
      [sha1, 'signature_method_rejected'],
    ] as const) {
      const error = await client
        .send(strategy, restUrl, { method: 'GET', path: 'record/v1/customer/107' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ problem });
    }
    expect(emulators.netsuite.stats['ok']).toBeUndefined();
  });

  it("another account's host is refused before sending", async () => {
    const other = netsuite({ accountId: '7654321', ...NETSUITE_CREDENTIALS });
    const error = await client
      .send(other, restUrl, { method: 'GET', path: 'record/v1/customer/107' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestUrlError);
    expect(Object.keys(emulators.netsuite.stats)).toEqual([]);
  });
});
