import { createHash } from 'node:crypto';
import { AuthplugError, type AuthRequest, type AuthResponse, ProviderError } from '@authplug/core';
import { memoryStore } from '@authplug/credentials';
import { describe, expect, it } from 'vitest';
import {
  IpernityInvalidSignatureError,
  IpernityInvalidTokenError,
  IpernityMissingSignatureError,
  IpernityPermissionError,
  IpernityUnknownMethodError,
} from './errors.ts';
import { apiMethodOf, ipernity } from './strategy.ts';

const KEY = '6fa87ba500002712bd4eed6020f3bd72';
const SECRET = 'e9a599f0cf6ce193';
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const headers = { get: () => undefined };

function get(url: string): AuthRequest {
  return { method: 'GET', url, headers, body: { kind: 'none' } };
}
function post(url: string, fields: [string, string][]): AuthRequest {
  return { method: 'POST', url, headers, body: { kind: 'form', fields } };
}
function response(body: string, status = 200, type = 'application/json'): AuthResponse {
  return {
    status,
    headers: { get: (n: string) => (n.toLowerCase() === 'content-type' ? type : undefined) },
    text: async () => body,
  };
}
const ctx = { attempt: 0 };
const rejection = (value: unknown): Promise<IpernityInvalidTokenError> =>
  Promise.resolve(value).then(
    () => expect.unreachable('resolved') as never,
    (e: unknown) => e as IpernityInvalidTokenError,
  );

describe('ipernity strategy: signing', () => {
  it('signs the reference doc.tags.add call in the form body of a POST', async () => {
    const auth = ipernity({ apiKey: KEY, secret: SECRET });
    const signature = await auth.sign(
      post('https://api.ipernity.com/api/doc.tags.add/json', [
        ['doc_id', '1234'],
        ['keywords', 'easy'],
      ]),
      ctx,
    );
    expect(signature).toEqual({
      form: [
        ['api_key', KEY],
        ['api_sig', 'a269b218feb341ef03bc093a0f2c8078'],
      ],
    });
  });

  it('signs GET query params in the query, behind any base URL', async () => {
    const auth = ipernity({ apiKey: KEY, secret: SECRET });
    const signature = await auth.sign(
      get('http://127.0.0.1:9/x/api/doc.tags.add/json?keywords=easy&doc_id=1234'),
      ctx,
    );
    expect(signature.query).toEqual([
      ['api_key', KEY],
      ['api_sig', 'a269b218feb341ef03bc093a0f2c8078'],
    ]);
  });

  it('adds auth_token and signs unicode, reserved characters and repeated keys raw', async () => {
    const auth = ipernity({ apiKey: 'k', secret: 's', authToken: 't-1' });
    const url =
      'https://api.ipernity.com/api/doc.search/json?text=caf%C3%A9%20%26%20cr%C3%A8me&tag=b&tag=a%2Bz%3D1';
    const { query } = await auth.sign(get(url), ctx);
    const expected = md5('api_keykauth_tokent-1taga+z=1tagbtextcafé & crèmedoc.searchs');
    expect(query).toEqual([
      ['api_key', 'k'],
      ['auth_token', 't-1'],
      ['api_sig', expected],
    ]);
  });

  it('alwaysSign: false signs only token and auth.* calls', async () => {
    const plain = ipernity({ apiKey: 'k', secret: 's', alwaysSign: false });
    expect(await plain.sign(get('https://api.ipernity.com/api/test.hello/json'), ctx)).toEqual({
      query: [['api_key', 'k']],
    });
    const frob = await plain.sign(get('https://api.ipernity.com/api/auth.getFrob/json'), ctx);
    expect(frob.query?.[1]).toEqual(['api_sig', md5('api_keykauth.getFrobs')]);
    const withToken = ipernity({ apiKey: 'k', secret: 's', authToken: 't', alwaysSign: false });
    const signed = await withToken.sign(get('https://api.ipernity.com/api/test.hello/json'), ctx);
    expect(signed.query?.map((p) => p[0])).toEqual(['api_key', 'auth_token', 'api_sig']);
  });

  it('still reads the deprecated second argument, which wins where both set an option', async () => {
    const hello = get('https://api.ipernity.com/api/test.hello/json');
    const legacy = ipernity({ apiKey: 'k', secret: 's', alwaysSign: true }, { alwaysSign: false });
    expect(await legacy.sign(hello, ctx)).toEqual({ query: [['api_key', 'k']] });
    const both = ipernity(
      { apiKey: 'k', secret: 's', alwaysSign: false },
      { authorizeUrl: 'http://a.test/x' },
    );
    expect(await both.sign(hello, ctx)).toEqual({ query: [['api_key', 'k']] });
    expect(await both.authorizeUrl({ permissions: { doc: 'read' } })).toMatch(
      /^http:\/\/a\.test\/x\?api_key=k&/,
    );
  });

  it('rejects URLs without a method after /api/', async () => {
    const auth = ipernity({ apiKey: 'k', secret: 's' });
    await expect(auth.sign(get('https://api.ipernity.com/test.hello/json'), ctx)).rejects.toMatchObject({
      code: 'AUTHPLUG_INVALID_URL',
    });
    expect(() => apiMethodOf('https://api.ipernity.com/api/')).toThrow(/names no API method/);
    expect(apiMethodOf('https://api.ipernity.com/api/doc.get')).toBe('doc.get');
  });

  it('fails at construction without a secret, and never shows the secret', () => {
    expect(() => ipernity({ apiKey: 'k' } as never)).toThrow(/option `secret` is required/);
    expect(() => ipernity({ apiKey: 'k', secret: '' })).toThrow(AuthplugError);
    const auth = ipernity({ apiKey: 'k', secret: 'very-secret-value' });
    expect(JSON.stringify(auth)).not.toContain('very-secret');
    expect(String(Object.values(auth))).not.toContain('very-secret');
  });

  it('reads a store on every request', async () => {
    const store = memoryStore({ 'ipernity/work': { apiKey: 'k', secret: 's' } });
    const auth = ipernity({ store, profile: 'work' });
    const url = 'https://api.ipernity.com/api/test.hello/json';
    expect((await auth.sign(get(url), ctx)).query).toHaveLength(2);
    await store.update('ipernity/work', (v) => ({ ...v, authToken: 'fresh' }));
    expect((await auth.sign(get(url), ctx)).query?.[1]).toEqual(['auth_token', 'fresh']);
    await store.delete('ipernity/work');
    await expect(auth.sign(get(url), ctx)).rejects.toMatchObject({ code: 'AUTHPLUG_CREDENTIALS_NOT_FOUND' });
  });
});

describe('ipernity strategy: authorizeUrl', () => {
  it('builds the reference link (signature without method)', async () => {
    const auth = ipernity({ apiKey: KEY, secret: SECRET });
    expect(await auth.authorizeUrl({ permissions: { network: 'read' } })).toBe(
      `https://www.ipernity.com/apps/authorize?api_key=${KEY}&perm_network=read&api_sig=da183021cd39461108770b822fcd9398`,
    );
  });

  it('adds the frob, and rejects unknown areas and levels', async () => {
    const auth = ipernity(
      { apiKey: 'k', secret: 's' },
      { authorizeUrl: 'http://127.0.0.1:1/apps/authorize' },
    );
    const url = new URL(await auth.authorizeUrl({ permissions: { doc: 'write' }, frob: '454-712bd4eed6' }));
    expect(url.origin).toBe('http://127.0.0.1:1');
    expect(url.searchParams.get('api_sig')).toBe(md5('api_keykfrob454-712bd4eed6perm_docwrites'));
    await expect(auth.authorizeUrl({ permissions: { photos: 'read' } as never })).rejects.toMatchObject({
      code: 'AUTHPLUG_INVALID_OPTION',
    });
    await expect(auth.authorizeUrl({ permissions: { doc: 'all' } as never })).rejects.toMatchObject({
      code: 'AUTHPLUG_INVALID_OPTION',
    });
  });
});

describe('ipernity strategy: inspect', () => {
  const auth = ipernity({ apiKey: 'k', secret: 's' });
  const req = get('https://api.ipernity.com/api/doc.get/json');
  const error = (code: string, message: string) =>
    JSON.stringify({ api: { status: 'error', code, message } });

  it.each([
    ['104', IpernityMissingSignatureError, 'AUTHPLUG_IPERNITY_MISSING_SIGNATURE'],
    ['105', IpernityInvalidSignatureError, 'AUTHPLUG_IPERNITY_INVALID_SIGNATURE'],
    ['106', IpernityPermissionError, 'AUTHPLUG_IPERNITY_INSUFFICIENT_PERMISSION'],
    ['102', IpernityUnknownMethodError, 'AUTHPLUG_IPERNITY_UNKNOWN_METHOD'],
    ['103', IpernityInvalidTokenError, 'AUTHPLUG_IPERNITY_INVALID_TOKEN'],
    ['42', ProviderError, 'AUTHPLUG_PROVIDER_ERROR'],
  ])('maps code %s (json, HTTP 200)', async (code, type, errorCode) => {
    const thrown = await Promise.resolve(auth.inspect!(response(error(code, 'Boom')), req, ctx)).catch(
      (e) => e,
    );
    expect(thrown).toBeInstanceOf(type);
    expect(thrown).toMatchObject({
      code: errorCode,
      providerCode: code,
      providerMessage: 'Boom',
      status: 200,
    });
    expect(thrown.message).toMatch(/^@authplug\/ipernity /);
  });

  it('maps xml errors and passes ok and non-ipernity bodies', async () => {
    const xml = '<?xml version="1.0"?><api status="error" code="105" message="Invalid signature"/>';
    await expect(auth.inspect!(response(xml, 200, 'text/xml'), req, ctx)).rejects.toBeInstanceOf(
      IpernityInvalidSignatureError,
    );
    expect(await auth.inspect!(response('{"hello":"hi","api":{"status":"ok"}}'), req, ctx)).toBeUndefined();
    expect(await auth.inspect!(response('\u0089PNG', 200, 'image/png'), req, ctx)).toBeUndefined();
  });

  it('deletes a rejected token from the store and says to authorize again', async () => {
    const store = memoryStore({
      'ipernity/default': {
        apiKey: 'k',
        secret: 's',
        authToken: 'old',
        user: { userId: '1', username: 'u' },
      },
    });
    const stored = ipernity({ store });
    const request = get('https://api.ipernity.com/api/doc.get/json?doc_id=1');
    await stored.sign(request, ctx);
    const thrown = await rejection(
      stored.inspect!(response(error('103', 'Invalid auth token')), request, ctx),
    );
    expect(thrown).toBeInstanceOf(IpernityInvalidTokenError);
    expect(thrown.deleted).toBe(true);
    expect(thrown.message).toMatch(/removed from the store.*Authorize again/);
    expect(await store.get('ipernity/default')).toEqual({ apiKey: 'k', secret: 's' });
  });

  it('keeps a newer token that another process saved meanwhile', async () => {
    const store = memoryStore({ 'ipernity/default': { apiKey: 'k', secret: 's', authToken: 'old' } });
    const stored = ipernity({ store });
    const request = get('https://api.ipernity.com/api/doc.get/json');
    await stored.sign(request, ctx);
    await store.update('ipernity/default', (v) => ({ ...v, authToken: 'new' }));
    const thrown = await rejection(
      stored.inspect!(response(error('103', 'Invalid auth token')), request, ctx),
    );
    expect(thrown.deleted).toBe(false);
    expect((await store.get('ipernity/default'))?.['authToken']).toBe('new');
  });
});
