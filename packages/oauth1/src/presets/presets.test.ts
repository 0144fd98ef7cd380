import { createHmac } from 'node:crypto';
import { InvalidOptionError, InvalidRequestUrlError, MissingOptionError } from '@authplug/core';
import { InvalidCredentialsError, memoryStore } from '@authplug/credentials';
import { describe, expect, it } from 'vitest';
import { oauth1Flow } from '../flow.ts';
import { netsuite, netsuiteEndpoints } from './netsuite.ts';
import { twitterFlow } from './twitter.ts';

const headers = { get: () => undefined };
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** RFC 5849 3.4.1 written out test-side, over decoded pairs. */
const baseString = (method: string, url: string, pairs: [string, string][]) => {
  const u = new URL(url);
  const normalized = [...u.searchParams, ...pairs]
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .sort()
    .join('&');
  return `${method}&${enc(`${u.protocol}//${u.host}${u.pathname}`)}&${enc(normalized)}`;
};
const authPairs = (header: string): [string, string][] =>
  [...header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1]!, decodeURIComponent(m[2]!)]);

describe('netsuite()', () => {
  const credentials = {
    consumerKey: 'ns-consumer-key',
    consumerSecret: 'ns-consumer-secret',
    token: 'ns-token-id',
    tokenSecret: 'ns-token-secret',
  };

  it('derives realm and hosts from the account id, in either spelling', () => {
    expect(netsuiteEndpoints('1234567-sb1')).toEqual({
      realm: '1234567_SB1',
      hostId: '1234567-sb1',
      restUrl: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/',
      restletUrl: 'https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl',
    });
    expect(netsuiteEndpoints('1234567_SB1').restUrl).toBe(netsuiteEndpoints('1234567-sb1').restUrl);
    expect(netsuiteEndpoints('TSTDRV123').realm).toBe('TSTDRV123');
    for (const bad of ['', '12 34', '1234567.sb1', '-sb1', 'https://1234567.app.netsuite.com']) {
      expect(() => netsuiteEndpoints(bad)).toThrow(bad === '' ? MissingOptionError : InvalidOptionError);
    }
  });

  it('signs HMAC-SHA256 in the header with realm first, unsigned (node:crypto check)', async () => {
    const auth = netsuite({
      accountId: '1234567-sb1',
      ...credentials,
      clock: () => 1_700_000_000_000,
      nonce: () => 'n0nce123',
    });
    const url =
      'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql?limit=5&offset=0';
    const signature = await auth.sign(
      { method: 'POST', url, headers, body: { kind: 'bytes', contentType: 'application/json', data: '{}' } },
      { attempt: 0 },
    );
    const header = signature.headers!['authorization']!;
    expect(header.startsWith('OAuth realm="1234567_SB1", ')).toBe(true);
    const pairs = authPairs(header);
    expect(pairs.slice(0, 7)).toEqual([
      ['realm', '1234567_SB1'],
      ['oauth_consumer_key', 'ns-consumer-key'],
      ['oauth_nonce', 'n0nce123'],
      ['oauth_signature_method', 'HMAC-SHA256'],
      ['oauth_timestamp', '1700000000'],
      ['oauth_token', 'ns-token-id'],
      ['oauth_version', '1.0'],
    ]);
    const signed = pairs.filter(([k]) => k !== 'realm' && k !== 'oauth_signature');
    const expected = createHmac('sha256', 'ns-consumer-secret&ns-token-secret')
      .update(baseString('POST', url, signed))
      .digest('base64');
    expect(new Map(pairs).get('oauth_signature')).toBe(expected);
  });

  it("refuses another account's NetSuite host before sending; other hosts (a proxy, an emulator) pass", async () => {
    const auth = netsuite({ accountId: '1234567', ...credentials });
    const sign = (url: string) =>
      auth.sign({ method: 'GET', url, headers, body: { kind: 'none' } }, { attempt: 0 });
    await expect(
      sign('https://7654321.suitetalk.api.netsuite.com/services/rest/record/v1/customer/1'),
    ).rejects.toThrow(InvalidRequestUrlError);
    await expect(
      sign('https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1'),
    ).resolves.toBeDefined();
    await expect(sign('http://127.0.0.1:8080/services/rest/record/v1/customer/1')).resolves.toBeDefined();
  });

  it('needs all four credentials (TBA always has a token), literally or in the store', async () => {
    const { tokenSecret: _t, ...noSecret } = credentials;
    expect(() => netsuite({ accountId: '1234567', ...noSecret } as never)).toThrow(MissingOptionError);
    expect(() => netsuite({ ...credentials } as never)).toThrow(/accountId/);
    expect(() =>
      netsuite({ accountId: '1234567', ...credentials, signatureMethod: 'HMAC-SHA1' as 'HMAC-SHA256' }),
    ).toThrow(/HMAC-SHA256/);
    expect(() => netsuite({ accountId: '1234567', ...credentials, realm: 'X' } as never)).toThrow(/realm/);
    const store = memoryStore({ 'netsuite/default': noSecret });
    const auth = netsuite({ accountId: '1234567', store });
    await expect(
      auth.sign({ method: 'GET', url: 'http://127.0.0.1/', headers, body: { kind: 'none' } }, { attempt: 0 }),
    ).rejects.toThrow(InvalidCredentialsError);
  });

  it('keeps secrets out of errors and inspection', async () => {
    const auth = netsuite({ accountId: '1234567', ...credentials });
    const error = await auth
      .sign(
        { method: 'GET', url: 'https://1.suitetalk.api.netsuite.com/x', headers, body: { kind: 'none' } },
        { attempt: 0 },
      )
      .catch((e: unknown) => e);
    const { inspect } = await import('node:util');
    for (const text of [inspect(error), JSON.stringify(error), inspect(auth), JSON.stringify(auth)]) {
      expect(text).not.toContain('secret');
    }
  });
});

describe('twitterFlow()', () => {
  const consumer = { consumerKey: 'x-consumer', consumerSecret: 'x-consumer-secret' };
  const answer = () => new Response('oauth_token=rt&oauth_token_secret=rts&oauth_callback_confirmed=true');

  it('signs x_auth_access_type in the request-token form body (node:crypto check)', async () => {
    let sent: { url: string; init: RequestInit } | undefined;
    const flow = twitterFlow({
      ...consumer,
      store: memoryStore(),
      callback: 'https://app.example/cb',
      accessType: 'read',
      fetch: async (url, init) => {
        sent = { url, init };
        return answer();
      },
    });
    const { url } = await flow.start();
    expect(url).toBe('https://api.twitter.com/oauth/authorize?oauth_token=rt');
    expect(sent!.url).toBe('https://api.twitter.com/oauth/request_token');
    expect(sent!.init.method).toBe('POST');
    expect(sent!.init.body).toBe('x_auth_access_type=read');
    const pairs = authPairs(new Headers(sent!.init.headers).get('authorization')!);
    const signed = [...pairs.filter(([k]) => k !== 'oauth_signature'), ['x_auth_access_type', 'read']] as [
      string,
      string,
    ][];
    expect(new Map(pairs).get('oauth_signature')).toBe(
      createHmac('sha1', 'x-consumer-secret&')
        .update(baseString('POST', sent!.url, signed))
        .digest('base64'),
    );
    expect(new Map(pairs).get('oauth_callback')).toBe('https://app.example/cb');
  });

  it('signIn, forceLogin and screenName shape the URL the user is sent to', async () => {
    const flow = twitterFlow({
      ...consumer,
      store: memoryStore(),
      callback: 'oob',
      origin: 'https://api.x.com/',
      signIn: true,
      forceLogin: true,
      screenName: 'tess',
      fetch: async () => answer(),
    });
    expect((await flow.start()).url).toBe(
      'https://api.x.com/oauth/authenticate?force_login=true&screen_name=tess&oauth_token=rt',
    );
    expect(() =>
      twitterFlow({ ...consumer, store: memoryStore(), callback: 'oob', accessType: 'admin' as 'read' }),
    ).toThrow(/accessType/);
  });
});

describe('oauth1Flow tokenMethod (what the Flickr flow uses)', () => {
  const endpoints = {
    consumerKey: 'k',
    consumerSecret: 's',
    requestTokenUrl: 'https://p.example/rt?lang=en',
    authorizeUrl: 'https://p.example/authorize',
    accessTokenUrl: 'https://p.example/at',
    callback: 'oob',
  };

  it('GET puts extraParams in the query, signed with the URL query (node:crypto check)', async () => {
    let sent: { url: string; init: RequestInit } | undefined;
    const flow = oauth1Flow({
      ...endpoints,
      store: memoryStore(),
      tokenMethod: 'GET',
      extraParams: { scope: 'a b' },
      fetch: async (url, init) => {
        sent = { url, init };
        return new Response('oauth_token=rt&oauth_token_secret=rts&oauth_callback_confirmed=true');
      },
    });
    await flow.start();
    expect(sent!.init).toMatchObject({ method: 'GET', body: null });
    expect(sent!.url).toBe('https://p.example/rt?lang=en&scope=a%20b');
    const pairs = authPairs(new Headers(sent!.init.headers).get('authorization')!);
    const signed = pairs.filter(([k]) => k !== 'oauth_signature');
    expect(new Map(pairs).get('oauth_signature')).toBe(
      createHmac('sha1', 's&')
        .update(baseString('GET', sent!.url, signed))
        .digest('base64'),
    );
  });

  it('refuses an unknown method, and form placement with GET', () => {
    const store = memoryStore();
    expect(() => oauth1Flow({ ...endpoints, store, tokenMethod: 'PUT' as 'GET' })).toThrow(/tokenMethod/);
    expect(() => oauth1Flow({ ...endpoints, store, tokenMethod: 'GET', placement: 'form' })).toThrow(
      /placement/,
    );
  });
});
