import { createHash, createHmac, generateKeyPairSync, verify } from 'node:crypto';
import { inspect } from 'node:util';
import {
  type AuthRequest,
  type AuthResponse,
  InvalidOptionError,
  MissingOptionError,
  type Param,
  RETRY,
  webDigests,
} from '@authplug/core';
import { memoryStore } from '@authplug/credentials';
import { describe, expect, it } from 'vitest';
import { signatureBaseString } from './base-string.ts';
import { BodyHashUnavailableError, OAuth1ProblemError } from './errors.ts';
import { callbackParams } from './flow.ts';
import { type OAuth1Options, oauth1 } from './oauth1.ts';
import { mayShow, proofile, proofileFlow, proofileVisibility } from './proofile.ts';

const headers = { get: () => undefined };
const req = (method: string, url: string, body: AuthRequest['body'] = { kind: 'none' }): AuthRequest => ({
  method,
  url,
  headers,
  body,
});
const fixed = { clock: () => 1_700_000_000_000, nonce: () => 'abc' };
const creds = { consumerKey: 'ck', consumerSecret: 'cs', token: 'tk', tokenSecret: 'ts' };
const ctx = { attempt: 0 };
const oauthOf = (header: string | undefined) =>
  new Map(
    [...(header ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1]!, decodeURIComponent(m[2]!)]),
  );
const response = (
  status: number,
  body: string,
  head: Record<string, string> = {},
): AuthResponse & { reads: number } => {
  const r = {
    status,
    reads: 0,
    headers: { get: (n: string) => head[n.toLowerCase()] },
    async text() {
      r.reads++;
      return body;
    },
  };
  return r;
};

describe('placements', () => {
  it('query and form placement return the oauth_* pairs with the signature last', async () => {
    const q = await oauth1({ ...creds, ...fixed, placement: 'query' }).sign(
      req('GET', 'https://x.test/a?b=1'),
      ctx,
    );
    expect(q.query?.map(([k]) => k)).toEqual([
      'oauth_consumer_key',
      'oauth_nonce',
      'oauth_signature_method',
      'oauth_timestamp',
      'oauth_token',
      'oauth_version',
      'oauth_signature',
    ]);
    const base = signatureBaseString('GET', 'https://x.test/a', [
      ['b', '1'],
      ...(q.query!.slice(0, -1) as Param[]),
    ]);
    expect(q.query!.at(-1)![1]).toBe(createHmac('sha1', 'cs&ts').update(base).digest('base64'));

    const f = await oauth1({ ...creds, ...fixed, placement: 'form' }).sign(
      req('POST', 'https://x.test/a', { kind: 'form', fields: [['c', 'd']] }),
      ctx,
    );
    expect(f.form?.at(-1)?.[0]).toBe('oauth_signature');
    expect(f.headers).toBeUndefined();
  });

  it('form placement on a GET or a JSON body is a typed error, before sending', async () => {
    const auth = oauth1({ ...creds, placement: 'form' });
    await expect(auth.sign(req('GET', 'https://x.test/'), ctx)).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(
      auth.sign(
        req('POST', 'https://x.test/', { kind: 'bytes', contentType: 'application/json', data: '{}' }),
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'AUTHPLUG_INVALID_OPTION', option: 'placement' });
    expect((await auth.sign(req('POST', 'https://x.test/'), ctx)).form).toHaveLength(7);
  });

  it('realm is quoted in the header and never signed', async () => {
    const a = await oauth1({ ...creds, ...fixed, realm: 'Say "hi"' }).sign(
      req('GET', 'https://x.test/'),
      ctx,
    );
    const b = await oauth1({ ...creds, ...fixed }).sign(req('GET', 'https://x.test/'), ctx);
    expect(a.headers?.['authorization']).toMatch(/^OAuth realm="Say \\"hi\\"", oauth_consumer_key="ck"/);
    expect(oauthOf(a.headers?.['authorization']).get('oauth_signature')).toBe(
      oauthOf(b.headers?.['authorization']).get('oauth_signature'),
    );
  });

  it('an oauth_signature already in the query is not signed; two-legged calls have no oauth_token', async () => {
    const auth = oauth1({ consumerKey: 'ck', consumerSecret: 'cs', ...fixed, oauthVersion: false });
    const header = (await auth.sign(req('GET', 'https://x.test/?oauth_signature=old&a=1'), ctx)).headers?.[
      'authorization'
    ];
    const oauth = oauthOf(header);
    expect(oauth.has('oauth_token')).toBe(false);
    const base =
      'GET&https%3A%2F%2Fx.test%2F&a%3D1%26oauth_consumer_key%3Dck%26oauth_nonce%3Dabc%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1700000000';
    expect(oauth.get('oauth_signature')).toBe(createHmac('sha1', 'cs&').update(base).digest('base64'));
  });
});

describe('oauth_body_hash', () => {
  const json = '{"a":"ü"}';
  it('hashes a non-form body (SHA-1, or SHA-256 for HMAC-SHA256) and signs the hash', async () => {
    for (const [signatureMethod, algorithm] of [
      ['HMAC-SHA1', 'sha1'],
      ['HMAC-SHA256', 'sha256'],
    ] as const) {
      const auth = oauth1({ ...creds, ...fixed, signatureMethod, bodyHash: true });
      const header = (
        await auth.sign(
          req('PUT', 'https://x.test/', { kind: 'bytes', contentType: 'application/json', data: json }),
          ctx,
        )
      ).headers?.['authorization'];
      const oauth = oauthOf(header);
      expect(oauth.get('oauth_body_hash')).toBe(createHash(algorithm).update(json).digest('base64'));
      const signed = [...oauth].filter(([k]) => k !== 'oauth_signature') as Param[];
      expect(oauth.get('oauth_signature')).toBe(
        createHmac(algorithm, 'cs&ts')
          .update(signatureBaseString('PUT', 'https://x.test/', signed))
          .digest('base64'),
      );
    }
  });

  it('is the hash of "" without a body, absent for form bodies, a typed error for streams', async () => {
    const auth = oauth1({ ...creds, bodyHash: true });
    expect(
      oauthOf((await auth.sign(req('GET', 'https://x.test/'), ctx)).headers?.['authorization']).get(
        'oauth_body_hash',
      ),
    ).toBe(createHash('sha1').update('').digest('base64'));
    const form = await auth.sign(req('POST', 'https://x.test/', { kind: 'form', fields: [['a', 'b']] }), ctx);
    expect(form.headers?.['authorization']).not.toContain('oauth_body_hash');
    await expect(
      auth.sign(
        req('POST', 'https://x.test/', { kind: 'opaque', contentType: 'multipart/form-data', stream: false }),
        ctx,
      ),
    ).rejects.toBeInstanceOf(BodyHashUnavailableError);
  });
});

describe('RSA-SHA1, PLAINTEXT, HMAC-SHA256 and WebCrypto', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const url = 'http://photos.example.net/photos?file=vacation.jpg&size=original';

  it('RSA-SHA1 signatures verify with the public key over the independently built base string', async () => {
    const auth = oauth1({
      consumerKey: 'ck',
      privateKey,
      token: 'tk',
      signatureMethod: 'RSA-SHA1',
      ...fixed,
    });
    const oauth = oauthOf((await auth.sign(req('GET', url), ctx)).headers?.['authorization']);
    const base =
      'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Dck%26oauth_nonce%3Dabc%26oauth_signature_method%3DRSA-SHA1%26oauth_timestamp%3D1700000000%26oauth_token%3Dtk%26oauth_version%3D1.0%26size%3Doriginal';
    expect(
      verify('RSA-SHA1', Buffer.from(base), publicKey, Buffer.from(oauth.get('oauth_signature')!, 'base64')),
    ).toBe(true);
  });

  it('RSA-SHA1 without a key, or with an unusable one, is a typed error', async () => {
    expect(() => oauth1({ consumerKey: 'ck', signatureMethod: 'RSA-SHA1' } as OAuth1Options)).toThrow(
      MissingOptionError,
    );
    const bad = oauth1({ consumerKey: 'ck', privateKey: 'not a key', signatureMethod: 'RSA-SHA1' });
    await expect(bad.sign(req('GET', url), ctx)).rejects.toMatchObject({
      code: 'AUTHPLUG_INVALID_PRIVATE_KEY',
    });
  });

  it('WebCrypto digests sign exactly like node:crypto for every method', async () => {
    for (const signatureMethod of ['HMAC-SHA1', 'HMAC-SHA256', 'PLAINTEXT', 'RSA-SHA1'] as const) {
      const options = { ...creds, privateKey, signatureMethod, ...fixed };
      const node = await oauth1(options).sign(req('GET', url), ctx);
      const web = await oauth1({ ...options, digests: webDigests }).sign(req('GET', url), ctx);
      expect(web).toEqual(node);
    }
  });

  it('PLAINTEXT sends the encoded key', async () => {
    const auth = oauth1({
      consumerKey: 'ck',
      consumerSecret: 'c&s',
      token: 'tk',
      tokenSecret: 't s',
      signatureMethod: 'PLAINTEXT',
    });
    const oauth = oauthOf((await auth.sign(req('GET', url), ctx)).headers?.['authorization']);
    expect(oauth.get('oauth_signature')).toBe('c%26s&t%20s');
  });
});

describe('options, credentials and secrets', () => {
  it('rejects bad options at construction with typed errors', () => {
    expect(() => oauth1({ consumerKey: 'ck' } as OAuth1Options)).toThrow(MissingOptionError);
    expect(() => oauth1({ ...creds, signatureMethod: 'MD5' as 'PLAINTEXT' })).toThrow(InvalidOptionError);
    expect(() => oauth1({ ...creds, placement: 'body' as 'form' })).toThrow(InvalidOptionError);
    expect(() => oauth1({ consumerKey: 'ck', consumerSecret: 'cs', tokenSecret: 'ts' })).toThrow(
      /without `token`/,
    );
  });

  it('reads the store on every request (a new token is picked up)', async () => {
    const store = memoryStore({ 'oauth1/default': { consumerKey: 'ck', consumerSecret: 'cs' } });
    const auth = oauth1({ store, ...fixed });
    expect((await auth.sign(req('GET', 'https://x.test/'), ctx)).headers?.['authorization']).not.toContain(
      'oauth_token',
    );
    await store.update('oauth1/default', (v) => ({ ...v, token: 'tk', tokenSecret: 'ts' }));
    const signed = (await auth.sign(req('GET', 'https://x.test/'), ctx)).headers?.['authorization'];
    expect(signed).toEqual(
      (await oauth1({ ...creds, ...fixed }).sign(req('GET', 'https://x.test/'), ctx)).headers?.[
        'authorization'
      ],
    );
  });

  it('never mutates the request', async () => {
    const fields: Param[] = [['b', '2']];
    const request = Object.freeze(
      req('POST', 'https://x.test/?a=1', Object.freeze({ kind: 'form', fields: Object.freeze(fields) })),
    );
    for (const placement of ['header', 'query', 'form'] as const) {
      await oauth1({ ...creds, placement }).sign(request, ctx);
    }
    expect(request.url).toBe('https://x.test/?a=1');
    expect(fields).toEqual([['b', '2']]);
  });

  it('never shows a secret in inspect or JSON output', () => {
    const auth = oauth1({
      consumerKey: 'ck',
      consumerSecret: 'SECRET1',
      token: 'tk',
      tokenSecret: 'SECRET2',
    });
    expect(inspect(auth, { depth: 5, showHidden: true })).not.toMatch(/SECRET/);
    expect(JSON.stringify(auth)).not.toMatch(/SECRET/);
  });
});

describe('inspect', () => {
  it('timestamp_refused: learns the offset from Date and asks for one retry', async () => {
    const auth = oauth1({ ...creds, clock: () => 1_700_000_000_000 });
    const refused = response(401, 'oauth_problem=timestamp_refused', {
      date: new Date(1_700_003_600_000).toUTCString(),
    });
    expect(await auth.inspect!(refused, req('GET', 'https://x.test/'), { attempt: 0 })).toBe(RETRY);
    expect(auth.clockOffset).toBe(3_600_000);
    const again = response(401, 'oauth_problem=timestamp_refused', {
      date: new Date(1_700_003_600_000).toUTCString(),
    });
    await expect(auth.inspect!(again, req('GET', 'https://x.test/'), { attempt: 1 })).rejects.toMatchObject({
      code: 'AUTHPLUG_OAUTH1_TIMESTAMP_REFUSED',
    });
  });

  it('without Date, uses the middle of oauth_acceptable_timestamps', async () => {
    const auth = oauth1({ ...creds, clock: () => 1_000_000_000_000 });
    const refused = response(401, '', {
      'www-authenticate':
        'OAuth realm="x", oauth_problem="timestamp_refused", oauth_acceptable_timestamps="1000000900-1000001500"',
    });
    expect(await auth.inspect!(refused, req('GET', 'https://x.test/'), ctx)).toBe(RETRY);
    expect(auth.clockOffset).toBe(1_200_000);
  });

  it('passes success and non-OAuth 401s through; maps problems to typed errors', async () => {
    const auth = oauth1(creds);
    const ok = response(200, 'oauth_problem=nonsense');
    expect(await auth.inspect!(ok, req('GET', 'https://x.test/'), ctx)).toBeUndefined();
    expect(ok.reads).toBe(0);
    expect(
      await auth.inspect!(response(401, '{"error":"login"}'), req('GET', 'https://x.test/'), ctx),
    ).toBeUndefined();
    const error = await Promise.resolve(
      auth.inspect!(
        response(401, 'oauth_problem=token_rejected&oauth_problem_advice=gone'),
        req('GET', 'https://x.test/'),
        ctx,
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuth1ProblemError);
    expect(error).toMatchObject({
      code: 'AUTHPLUG_OAUTH1_TOKEN_REJECTED',
      providerMessage: 'gone',
      status: 401,
    });
  });

  it('keeps a malformed escape in the WWW-Authenticate problem as sent instead of throwing URIError', async () => {
    const auth = oauth1(creds);
    const refused = response(401, '', {
      'www-authenticate': 'OAuth oauth_problem="token_rejected%", oauth_problem_advice="%zz"',
    });
    await expect(auth.inspect!(refused, req('GET', 'https://x.test/'), ctx)).rejects.toMatchObject({
      code: expect.stringMatching(/^AUTHPLUG_OAUTH1_/),
      providerCode: 'token_rejected%',
      providerMessage: '%zz',
    });
  });
});

describe('Proofile preset', () => {
  it('HMAC-SHA1 only; required_access is a checked list', () => {
    expect(() => proofile({ ...creds, signatureMethod: 'HMAC-SHA256' as 'HMAC-SHA1' })).toThrow(
      InvalidOptionError,
    );
    const store = memoryStore();
    expect(() =>
      proofileFlow({ store, callback: 'oob', requiredAccess: ['read_everything' as 'read_profile'] }),
    ).toThrow(/requiredAccess/);
  });

  it('sends required_access space-separated, in the signed form body', async () => {
    let sent: { url: string; body: string; authorization: string } | undefined;
    const flow = proofileFlow({
      ...creds,
      store: memoryStore(),
      callback: 'oob',
      requiredAccess: ['write_profile', 'write_connection'],
      ...fixed,
      fetch: async (url, init) => {
        sent = {
          url,
          body: String(init.body),
          authorization: new Headers(init.headers).get('authorization')!,
        };
        return new Response('oauth_token=rt&oauth_token_secret=rs&oauth_callback_confirmed=true');
      },
    });
    const { url } = await flow.start();
    expect(url).toBe('http://api.proofile.org/oauth/authorize?oauth_token=rt');
    expect(sent!.url).toBe('http://api.proofile.org/oauth/request_token');
    expect(sent!.body).toBe('required_access=write_profile%20write_connection');
    const oauth = oauthOf(sent!.authorization);
    expect(oauth.get('oauth_callback')).toBe('oob');
    const signed = [...oauth].filter(([k]) => k !== 'oauth_signature') as Param[];
    const base = signatureBaseString('POST', sent!.url, [
      ['required_access', 'write_profile write_connection'],
      ...signed,
    ]);
    expect(oauth.get('oauth_signature')).toBe(createHmac('sha1', 'cs&').update(base).digest('base64'));
  });

  it('proofileVisibility reads export_u/export_m, most private when absent', () => {
    expect(proofileVisibility({ export_u: 3, export_m: 1 })).toEqual({
      exportU: 3,
      exportM: 1,
      audience: 'everybody',
      machineExport: true,
      declared: true,
    });
    expect(proofileVisibility('{"export_u":"1","export_m":"0"}')).toMatchObject({
      audience: 'friends',
      machineExport: false,
    });
    expect(proofileVisibility('export_u=2&export_m=1')).toMatchObject({
      audience: 'members',
      declared: true,
    });
    expect(proofileVisibility({ export_u: 7 })).toMatchObject({ exportU: 0, exportM: 0, declared: false });
    expect(proofileVisibility(null)).toMatchObject({
      audience: 'self',
      machineExport: false,
      declared: false,
    });
    const members = proofileVisibility({ export_u: 2, export_m: 0 });
    expect([
      mayShow(members, 'self'),
      mayShow(members, 'friend'),
      mayShow(members, 'member'),
      mayShow(members, 'anyone'),
    ]).toEqual([true, true, true, false]);
    const self = proofileVisibility({ export_u: 0, export_m: 0 });
    expect([mayShow(self, 'self'), mayShow(self, 'friend')]).toEqual([true, false]);
  });

  it('callbackParams reads a callback URL', () => {
    expect(callbackParams('https://app.test/cb?oauth_token=t&oauth_verifier=v')).toEqual({
      oauthToken: 't',
      oauthVerifier: 'v',
      denied: undefined,
    });
    expect(callbackParams(new URLSearchParams('denied=t')).denied).toBe('t');
    expect(callbackParams('https://app.test/cb?oauth_token=t&oauth_verifier=v%2B1#done').oauthVerifier).toBe(
      'v+1',
    );
    expect(callbackParams('oauth_token=t').oauthToken).toBe('t');
  });
});
