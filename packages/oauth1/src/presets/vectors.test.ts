import { createHmac } from 'node:crypto';
import type { AuthRequest, Param } from '@authplug/core';
import { memoryStore } from '@authplug/credentials';
import { describe, expect, it } from 'vitest';
import { normalizeParams, signatureBaseString } from '../base-string.ts';
import { flickr, flickrFlow } from './flickr.ts';
import { twitter } from './twitter.ts';

// The providers' own published examples, reproduced through the presets. Every expected
// signature is also recomputed here with node:crypto from the printed base string, so a value is
// never taken from the code under test.

const headers = { get: () => undefined };
const request = (method: string, url: string, fields?: Param[]): AuthRequest => ({
  method,
  url,
  headers,
  body: fields ? { kind: 'form', fields } : { kind: 'none' },
});
const at = (seconds: number) => () => seconds * 1000;
const hmac = (algorithm: string, key: string, base: string) =>
  createHmac(algorithm, key).update(base).digest('base64');

/** Decoded `Authorization: OAuth …` pairs, in order (test-side parser). */
function authPairs(header: string | undefined): [string, string][] {
  expect(header).toMatch(/^OAuth /);
  return [...header!.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [
    m[1]!,
    decodeURIComponent(m[2]!),
  ]);
}

describe('X "Creating a signature" (developer.x.com, OAuth 1.0a)', () => {
  // The page's request: POST https://api.twitter.com/1.1/statuses/update.json?include_entities=true
  // with the form body status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21.
  const STATUS = 'Hello Ladies + Gentlemen, a signed OAuth request!';
  const URL_ = 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true';
  const credentials = {
    consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
    consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
    token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
    tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  };
  const NONCE = 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg';
  // As printed on the page: the parameter string, the base string, the signing key, the signature.
  const PARAMETER_STRING =
    'include_entities=true&oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&oauth_nonce=kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1318622958&oauth_token=370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb&oauth_version=1.0&status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21';
  const BASE_STRING =
    'POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521';
  const SIGNING_KEY = 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw&LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE';
  const SIGNATURE = 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=';
  const oauthParams: Param[] = [
    ['oauth_consumer_key', credentials.consumerKey],
    ['oauth_nonce', NONCE],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', '1318622958'],
    ['oauth_token', credentials.token],
    ['oauth_version', '1.0'],
  ];

  it('the printed values agree with each other (node:crypto)', () => {
    expect(hmac('sha1', SIGNING_KEY, BASE_STRING)).toBe(SIGNATURE);
  });

  it('the parameter string and base string reproduce byte for byte', () => {
    const params: Param[] = [['status', STATUS], ['include_entities', 'true'], ...oauthParams];
    expect(normalizeParams(params)).toBe(PARAMETER_STRING);
    expect(signatureBaseString('POST', URL_, params)).toBe(BASE_STRING);
  });

  it('twitter() signs the request with the printed signature, in the Authorization header', async () => {
    const auth = twitter({ ...credentials, clock: at(1318622958), nonce: () => NONCE });
    const signature = await auth.sign(request('POST', URL_, [['status', STATUS]]), { attempt: 0 });
    expect(signature.query).toBeUndefined();
    expect(signature.form).toBeUndefined();
    expect(authPairs(signature.headers?.['authorization'])).toEqual([
      ...oauthParams,
      ['oauth_signature', SIGNATURE],
    ]);
    // The page's header example (in "Authorizing a request") prints another signature for a
    // request it does not fully show; the value above is the one its base string yields.
    expect(signature.headers?.['authorization']).toContain(
      'oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"',
    );
  });

  it('refuses another method or placement instead of overriding it', () => {
    expect(() => twitter({ ...credentials, signatureMethod: 'HMAC-SHA256' as 'HMAC-SHA1' })).toThrow(
      /signatureMethod.*"HMAC-SHA1"/,
    );
    expect(() => twitter({ ...credentials, placement: 'query' as 'header' })).toThrow(/placement.*"header"/);
  });
});

describe('Flickr "User Authentication" (flickr.com/services/api/auth.oauth.html)', () => {
  // The page prints the app's key but not its secret. The secret below is the one Flickcurl's
  // test suite uses for this example: it yields all three printed signatures (checked here with
  // node:crypto), over the page's original http:// URLs. The page now shows https:// URLs
  // beside the same signatures, which no longer match them.
  const CONSUMER = { consumerKey: '653e7a6ecc1d528c516cc8f92cf98611', consumerSecret: 'a9567d986a7539fe' };
  const REQUEST_TOKEN_BASE =
    'GET&http%3A%2F%2Fwww.flickr.com%2Fservices%2Foauth%2Frequest_token&oauth_callback%3Dhttp%253A%252F%252Fwww.example.com%26oauth_consumer_key%3D653e7a6ecc1d528c516cc8f92cf98611%26oauth_nonce%3D95613465%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1305586162%26oauth_version%3D1.0';
  const REQUEST_TOKEN_SIGNATURE = '7w18YS2bONDPL/zgyzP5XTr5af4=';
  const ACCESS_TOKEN_SIGNATURE = 'UD9TGXzrvLIb0Ar5ynqvzatM58U=';
  const TEST_LOGIN_SIGNATURE = 'dh3pEH0Xk1qILr82HyhOsxRv1XA=';

  it('the printed request-token base string yields the printed signature (node:crypto)', () => {
    expect(hmac('sha1', `${CONSUMER.consumerSecret}&`, REQUEST_TOKEN_BASE)).toBe(REQUEST_TOKEN_SIGNATURE);
    // With today's https:// URL the same request signs differently: what the page's signature
    // was made over is the http:// one.
    expect(
      hmac('sha1', `${CONSUMER.consumerSecret}&`, REQUEST_TOKEN_BASE.replace('http%3A', 'https%3A')),
    ).not.toBe(REQUEST_TOKEN_SIGNATURE);
  });

  it('flickrFlow reproduces the request-token and access-token calls and reads the grant', async () => {
    const sent: { method: string; url: URL; body: unknown }[] = [];
    const answers = [
      'oauth_callback_confirmed=true&oauth_token=72157626737672178-022bbd2f4c2f3432&oauth_token_secret=fccb68c4e6103197',
      'fullname=Jamal%20Fanaian&oauth_token=72157626318069415-087bfc7b5816092c&oauth_token_secret=a202d1f853ec69de&user_nsid=21207597%40N07&username=jamalfanaian',
    ];
    const clocks = [1305586162, 1305586309];
    const nonces = ['95613465', '37026218'];
    let call = 0;
    const store = memoryStore();
    const flow = flickrFlow({
      ...CONSUMER,
      store,
      callback: 'http://www.example.com',
      perms: 'write',
      origin: 'http://www.flickr.com',
      clock: () => clocks[Math.min(call, 1)]! * 1000,
      nonce: () => nonces[call]!,
      fetch: async (url, init) => {
        sent.push({ method: init.method!, url: new URL(url), body: init.body });
        return new Response(answers[call++]);
      },
    });

    const { url, requestToken } = await flow.start();
    expect(sent[0]).toMatchObject({ method: 'GET', body: null });
    expect(`${sent[0]!.url.origin}${sent[0]!.url.pathname}`).toBe(
      'http://www.flickr.com/services/oauth/request_token',
    );
    // The page's URL: the same parameters (order is free), the printed signature.
    expect(Object.fromEntries(sent[0]!.url.searchParams)).toEqual({
      oauth_nonce: '95613465',
      oauth_timestamp: '1305586162',
      oauth_consumer_key: '653e7a6ecc1d528c516cc8f92cf98611',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_version: '1.0',
      oauth_signature: REQUEST_TOKEN_SIGNATURE,
      oauth_callback: 'http://www.example.com',
    });
    expect(requestToken).toEqual({ token: '72157626737672178-022bbd2f4c2f3432', secret: 'fccb68c4e6103197' });
    expect(url).toBe(
      'http://www.flickr.com/services/oauth/authorize?perms=write&oauth_token=72157626737672178-022bbd2f4c2f3432',
    );

    // The callback the page shows: http://www.example.com/?oauth_token=…&oauth_verifier=5d1b96a26b494074
    const grant = await flow.complete({
      oauthToken: '72157626737672178-022bbd2f4c2f3432',
      oauthVerifier: '5d1b96a26b494074',
    });
    expect(sent[1]).toMatchObject({ method: 'GET', body: null });
    expect(Object.fromEntries(sent[1]!.url.searchParams)).toEqual({
      oauth_nonce: '37026218',
      oauth_timestamp: '1305586309',
      oauth_verifier: '5d1b96a26b494074',
      oauth_consumer_key: '653e7a6ecc1d528c516cc8f92cf98611',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_version: '1.0',
      oauth_token: '72157626737672178-022bbd2f4c2f3432',
      oauth_signature: ACCESS_TOKEN_SIGNATURE,
    });
    const accessBase = `GET&${encodeURIComponent('http://www.flickr.com/services/oauth/access_token')}&${encodeURIComponent(
      [...sent[1]!.url.searchParams]
        .filter(([k]) => k !== 'oauth_signature')
        .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
        .sort()
        .join('&'),
    )}`;
    expect(hmac('sha1', 'a9567d986a7539fe&fccb68c4e6103197', accessBase)).toBe(ACCESS_TOKEN_SIGNATURE);

    expect(grant).toMatchObject({
      token: '72157626318069415-087bfc7b5816092c',
      tokenSecret: 'a202d1f853ec69de',
      params: { fullname: 'Jamal Fanaian', user_nsid: '21207597@N07', username: 'jamalfanaian' },
    });
    expect(await store.get('flickr/default')).toMatchObject({
      consumerKey: CONSUMER.consumerKey,
      token: '72157626318069415-087bfc7b5816092c',
      tokenSecret: 'a202d1f853ec69de',
    });
  });

  it('flickr() signs the flickr.test.login call with the printed signature (query placement)', async () => {
    // The page prints http://api.flickr.com/services/rest, but its signature was made over
    // http://www.flickr.com/services/rest (the other host gives another value, checked below).
    const auth = flickr({
      ...CONSUMER,
      token: '72157626318069415-087bfc7b5816092c',
      tokenSecret: 'a202d1f853ec69de',
      clock: at(1305583871),
      nonce: () => '84354935',
    });
    const target =
      'http://www.flickr.com/services/rest?nojsoncallback=1&format=json&method=flickr.test.login';
    const signature = await auth.sign(request('GET', target), { attempt: 0 });
    expect(signature.headers).toBeUndefined();
    const query = new Map(signature.query);
    expect(query.get('oauth_signature')).toBe(TEST_LOGIN_SIGNATURE);
    const params = [...new URL(target).searchParams, ...[...query].filter(([k]) => k !== 'oauth_signature')];
    const base = signatureBaseString('GET', target, params);
    expect(hmac('sha1', 'a9567d986a7539fe&a202d1f853ec69de', base)).toBe(TEST_LOGIN_SIGNATURE);
    expect(
      hmac('sha1', 'a9567d986a7539fe&a202d1f853ec69de', base.replace('www.flickr.com', 'api.flickr.com')),
    ).not.toBe(TEST_LOGIN_SIGNATURE);
  });

  it('perms must be read, write or delete; HMAC-SHA1 only', () => {
    const base = { ...CONSUMER, store: memoryStore(), callback: 'oob' };
    expect(() => flickrFlow({ ...base, perms: 'admin' as 'read' })).toThrow(/perms/);
    expect(() => flickr({ ...CONSUMER, signatureMethod: 'PLAINTEXT' as 'HMAC-SHA1' })).toThrow(/HMAC-SHA1/);
  });
});
