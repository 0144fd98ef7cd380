import { createHmac } from 'node:crypto';
import type { AuthRequest, Param } from '@authplug/core';
import { describe, expect, it } from 'vitest';
import { signatureBaseString } from './base-string.ts';
import { oauth1 } from './oauth1.ts';

// Published vectors: RFC 5849 1.2 and 3.4.1.1 (with verified erratum 2550), OAuth Core 1.0
// appendix A. Every signature is also recomputed here with node:crypto from the printed base
// string, independently of the code under test.

const headers = { get: () => undefined };
const get = (url: string): AuthRequest => ({ method: 'GET', url, headers, body: { kind: 'none' } });
const post = (url: string, fields?: Param[]): AuthRequest => ({
  method: 'POST',
  url,
  headers,
  body: fields ? { kind: 'form', fields } : { kind: 'none' },
});
const nodeHmac = (key: string, base: string): string => createHmac('sha1', key).update(base).digest('base64');
const at = (seconds: number) => () => seconds * 1000;

/** Parses an `Authorization: OAuth …` header into decoded pairs (test-side, independent). */
function authParams(header: string | undefined): Map<string, string> {
  expect(header).toMatch(/^OAuth /);
  const out = new Map<string, string>();
  for (const m of header!.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g))
    out.set(m[1]!, decodeURIComponent(m[2]!));
  return out;
}

/** The section 1.2 client: its consumer credentials, endpoints and callback. */
const PHOTOS_FLOW = {
  consumerKey: 'dpf43f3p2l4k3l03',
  consumerSecret: 'kd94hf93k423kf44',
  requestTokenUrl: 'https://photos.example.net/initiate',
  authorizeUrl: 'https://photos.example.net/authorize',
  accessTokenUrl: 'https://photos.example.net/token',
  callback: 'http://printer.example.com/ready',
  realm: 'Photos',
  oauthVersion: false,
} as const;

describe('RFC 5849 section 1.2 (photos example)', () => {
  it('temporary credentials request', async () => {
    const base =
      'POST&https%3A%2F%2Fphotos.example.net%2Finitiate&oauth_callback%3Dhttp%253A%252F%252Fprinter.example.com%252Fready%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DwIjqoS%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131200';
    expect(nodeHmac('kd94hf93k423kf44&', base)).toBe('74KNZJeDHnMBp0EMJ9ZHt/XKycU=');
    expect(
      signatureBaseString('POST', 'https://photos.example.net/initiate', [
        ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', '137131200'],
        ['oauth_nonce', 'wIjqoS'],
        ['oauth_callback', 'http://printer.example.com/ready'],
      ]),
    ).toBe(base);
    // Through the strategy's engine (the flow's request-token call signs exactly like this).
    const { oauth1Flow } = await import('./flow.ts');
    const { memoryStore } = await import('@authplug/credentials');
    let sent: { url: string; init: RequestInit } | undefined;
    const flow = oauth1Flow({
      ...PHOTOS_FLOW,
      store: memoryStore(),
      clock: at(137131200),
      nonce: () => 'wIjqoS',
      fetch: async (url, init) => {
        sent = { url, init };
        return new Response(
          'oauth_token=hh5s93j4hdidpola&oauth_token_secret=hdhd0244k9j7ao03&oauth_callback_confirmed=true',
        );
      },
    });
    const { url, requestToken } = await flow.start();
    const header = new Headers(sent!.init.headers).get('authorization')!;
    expect(header).toBe(
      'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_nonce="wIjqoS", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131200", oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready", oauth_signature="74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D"',
    );
    expect(requestToken).toEqual({ token: 'hh5s93j4hdidpola', secret: 'hdhd0244k9j7ao03' });
    expect(url).toBe('https://photos.example.net/authorize?oauth_token=hh5s93j4hdidpola');

    // Token request with the verifier (section 1.2, second step).
    const tokenBase =
      'POST&https%3A%2F%2Fphotos.example.net%2Ftoken&oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dwalatlh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dhh5s93j4hdidpola%26oauth_verifier%3Dhfdp7dh39dks9884';
    expect(nodeHmac('kd94hf93k423kf44&hdhd0244k9j7ao03', tokenBase)).toBe('gKgrFCywp7rO0OXSjdot/IHF7IU=');
  });

  it('token credentials request', async () => {
    const { oauth1Flow } = await import('./flow.ts');
    const { memoryStore } = await import('@authplug/credentials');
    let header = '';
    let seconds = 137131200;
    const nonces = ['wIjqoS', 'walatlh'];
    const store = memoryStore();
    const flow = oauth1Flow({
      ...PHOTOS_FLOW,
      store,
      clock: () => seconds * 1000,
      nonce: () => nonces.shift()!,
      fetch: async (url, init) => {
        header = new Headers(init.headers).get('authorization')!;
        return new Response(
          url.endsWith('/initiate')
            ? 'oauth_token=hh5s93j4hdidpola&oauth_token_secret=hdhd0244k9j7ao03&oauth_callback_confirmed=true'
            : 'oauth_token=nnch734d00sl2jdk&oauth_token_secret=pfkkdhi9sl3r4s00',
        );
      },
    });
    await flow.start();
    seconds = 137131201;
    const grant = await flow.complete({ oauthToken: 'hh5s93j4hdidpola', oauthVerifier: 'hfdp7dh39dks9884' });
    expect(header).toBe(
      'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_nonce="walatlh", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_token="hh5s93j4hdidpola", oauth_verifier="hfdp7dh39dks9884", oauth_signature="gKgrFCywp7rO0OXSjdot%2FIHF7IU%3D"',
    );
    expect(grant).toMatchObject({ token: 'nnch734d00sl2jdk', tokenSecret: 'pfkkdhi9sl3r4s00' });
    expect(await store.get('oauth1/default')).toMatchObject({
      consumerKey: 'dpf43f3p2l4k3l03',
      token: 'nnch734d00sl2jdk',
      tokenSecret: 'pfkkdhi9sl3r4s00',
      obtainedAt: new Date(137131201_000).toISOString(),
    });
  });

  it('protected resource request', async () => {
    const base =
      'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal';
    expect(nodeHmac('kd94hf93k423kf44&pfkkdhi9sl3r4s00', base)).toBe('MdpQcU8iPSUjWoN/UDMsK2sui9I=');
    const auth = oauth1({
      consumerKey: 'dpf43f3p2l4k3l03',
      consumerSecret: 'kd94hf93k423kf44',
      token: 'nnch734d00sl2jdk',
      tokenSecret: 'pfkkdhi9sl3r4s00',
      realm: 'Photos',
      oauthVersion: false,
      clock: at(137131202),
      nonce: () => 'chapoH',
    });
    const request = get('http://photos.example.net/photos?file=vacation.jpg&size=original');
    expect(
      signatureBaseString('GET', request.url, [
        ['file', 'vacation.jpg'],
        ['size', 'original'],
        ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
        ['oauth_token', 'nnch734d00sl2jdk'],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', '137131202'],
        ['oauth_nonce', 'chapoH'],
      ]),
    ).toBe(base);
    const signature = await auth.sign(request, { attempt: 0 });
    expect(signature.headers?.['authorization']).toBe(
      'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_nonce="chapoH", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_token="nnch734d00sl2jdk", oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"',
    );
  });
});

describe('RFC 5849 section 3.4.1.1 (with erratum 2550)', () => {
  const base =
    'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7';
  const request = post('http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b', [
    ['c2', ''],
    ['a3', '2 q'],
  ]);

  it('builds the printed base string and the corrected signature', async () => {
    // Erratum 2550: the signature printed in 3.4 is wrong; the corrected one, recomputed here.
    expect(nodeHmac('j49sk3j29djd&dh893hdasih9', base)).toBe('r6/TJjbCOr97/+UU0NsvSne7s5g=');
    const auth = oauth1({
      consumerKey: '9djdj82h48djs9d2',
      consumerSecret: 'j49sk3j29djd',
      token: 'kkk9d7dh3k39sjv7',
      tokenSecret: 'dh893hdasih9',
      realm: 'Example',
      oauthVersion: false,
      clock: at(137131201),
      nonce: () => '7d8f3e4a',
    });
    const signature = await auth.sign(request, { attempt: 0 });
    const params = authParams(signature.headers?.['authorization']);
    expect(params.get('realm')).toBe('Example');
    expect(params.get('oauth_signature')).toBe('r6/TJjbCOr97/+UU0NsvSne7s5g=');
  });

  it('the form body in the raw encoding of the RFC (c2&a3=2+q) gives the same base string', async () => {
    const { parseParams } = await import('@authplug/core');
    expect(
      signatureBaseString('POST', request.url.replace('http://example.com', 'HTTP://EXAMPLE.COM:80'), [
        ...parseParams('b5=%3D%253D&a3=a&c%40=&a2=r%20b'),
        ...parseParams('c2&a3=2+q'),
        ['oauth_consumer_key', '9djdj82h48djs9d2'],
        ['oauth_token', 'kkk9d7dh3k39sjv7'],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', '137131201'],
        ['oauth_nonce', '7d8f3e4a'],
      ]),
    ).toBe(base);
  });
});

describe('OAuth Core 1.0 appendix A', () => {
  it('A.5: protected resource, HMAC-SHA1 with oauth_version', async () => {
    const base =
      'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal';
    expect(nodeHmac('kd94hf93k423kf44&pfkkdhi9sl3r4s00', base)).toBe('tR3+Ty81lMeYAr/Fid0kMTYa/WM=');
    const auth = oauth1({
      consumerKey: 'dpf43f3p2l4k3l03',
      consumerSecret: 'kd94hf93k423kf44',
      token: 'nnch734d00sl2jdk',
      tokenSecret: 'pfkkdhi9sl3r4s00',
      realm: 'http://photos.example.net/',
      clock: at(1191242096),
      nonce: () => 'kllo9940pd9333jh',
    });
    const signature = await auth.sign(
      get('http://photos.example.net/photos?file=vacation.jpg&size=original'),
      {
        attempt: 0,
      },
    );
    expect(signature.headers?.['authorization']).toBe(
      'OAuth realm="http://photos.example.net/", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_nonce="kllo9940pd9333jh", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1191242096", oauth_token="nnch734d00sl2jdk", oauth_version="1.0", oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"',
    );
  });

  it('A.5.1/A.3: PLAINTEXT request and access token signatures', async () => {
    const requestToken = oauth1({
      consumerKey: 'dpf43f3p2l4k3l03',
      consumerSecret: 'kd94hf93k423kf44',
      signatureMethod: 'PLAINTEXT',
      placement: 'query',
      clock: at(1191242090),
      nonce: () => 'hsu94j3884jdopsl',
    });
    expect(await requestToken.sign(post('https://photos.example.net/request_token'), { attempt: 0 })).toEqual(
      {
        query: [
          ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
          ['oauth_nonce', 'hsu94j3884jdopsl'],
          ['oauth_signature_method', 'PLAINTEXT'],
          ['oauth_timestamp', '1191242090'],
          ['oauth_version', '1.0'],
          ['oauth_signature', 'kd94hf93k423kf44&'],
        ],
      },
    );
    const accessToken = oauth1({
      consumerKey: 'dpf43f3p2l4k3l03',
      consumerSecret: 'kd94hf93k423kf44',
      token: 'hh5s93j4hdidpola',
      tokenSecret: 'hdhd0244k9j7ao03',
      signatureMethod: 'PLAINTEXT',
      clock: at(1191242092),
      nonce: () => 'dji430splmx33448',
    });
    const header = (await accessToken.sign(post('https://photos.example.net/access_token'), { attempt: 0 }))
      .headers?.['authorization'];
    expect(header).toContain('oauth_signature="kd94hf93k423kf44%26hdhd0244k9j7ao03"');
  });
});
