import type { AuthRequest, AuthStrategy } from '@authplug/core';
import axios, {
  type AxiosAdapter,
  AxiosError,
  AxiosHeaders,
  type InternalAxiosRequestConfig,
  isAxiosError,
} from 'axios';
import { describe, expect, it } from 'vitest';
import { authAdapter, isAuthAdapter, toAuthRequest, withAuth } from './index.ts';

// A terminal adapter that records what would go on the wire: axios' own machinery (merging,
// transformRequest, interceptors) runs for real in front of it.
function recorder() {
  const sent: InternalAxiosRequestConfig[] = [];
  const adapter: AxiosAdapter = async (config) => {
    // A snapshot: the signing adapter puts the caller's values back into the config afterwards.
    sent.push({ ...config, headers: new AxiosHeaders(config.headers) });
    return { data: '{}', status: 200, statusText: 'OK', headers: {}, config };
  };
  return { sent, adapter };
}

const recording = (seen: AuthRequest[]): AuthStrategy => ({
  name: 'recording',
  async sign(request) {
    seen.push(request);
    return { query: [['sig', 'S']], headers: { 'X-Sig': 'H' } };
  },
});

describe('toAuthRequest', () => {
  it('sees the URL and body as axios will send them', async () => {
    let seen: AuthRequest | undefined;
    const instance = axios.create({
      baseURL: 'https://api.test/v1/',
      adapter: async (config) => {
        seen = toAuthRequest(config);
        return { data: '', status: 200, statusText: 'OK', headers: {}, config };
      },
    });
    await instance.post('items?a=1#frag', new URLSearchParams([['b', 'x y&z']]), { params: { c: 'é' } });
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('https://api.test/v1/items?a=1&c=%C3%A9');
    expect(seen?.body).toEqual({ kind: 'form', fields: [['b', 'x y&z']], raw: 'b=x+y%26z' });
    expect(seen?.headers.get('CONTENT-TYPE')).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it('refuses a relative URL with no base (Node has no page) with a typed error, not a TypeError', () => {
    const config = { url: 'items?a=1', method: 'get', headers: new axios.AxiosHeaders() };
    expect(() => toAuthRequest(config as InternalAxiosRequestConfig)).toThrow(
      expect.objectContaining({
        code: 'AUTHPLUG_INVALID_URL',
        message: expect.stringMatching(/^@authplug\/axios: .*baseURL/),
      }),
    );
  });
});

describe('withAuth', () => {
  it('signs through the default adapter and leaves the caller its own config', async () => {
    const { sent, adapter } = recorder();
    const seen: AuthRequest[] = [];
    const instance = withAuth(axios.create({ baseURL: 'https://api.test/', adapter }), recording(seen));
    const response = await instance.get('x', { params: { a: '1' } });
    expect(sent[0]!.url).toBe('https://api.test/x?a=1&sig=S');
    expect(sent[0]!.baseURL).toBeUndefined();
    expect(sent[0]!.headers.get('x-sig')).toBe('H');
    expect(response.config.url).toBe('x');
    expect(response.config.params).toEqual({ a: '1' });
    expect(response.config.baseURL).toBe('https://api.test/');
    expect(response.config.headers.has('x-sig')).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it('leaves the caller its own config on errors too, and signs a retry afresh', async () => {
    const urls: string[] = [];
    let calls = 0;
    const failing: AxiosAdapter = async (config) => {
      urls.push(config.url!);
      const response = { data: '', status: 500, statusText: 'Error', headers: {}, config };
      throw new AxiosError('failed', 'ERR_BAD_RESPONSE', config, undefined, response);
    };
    const counting: AuthStrategy = {
      name: 'counting',
      async sign() {
        calls++;
        return { query: [['sig', String(calls)]] };
      },
    };
    const instance = withAuth(axios.create({ baseURL: 'https://api.test/', adapter: failing }), counting);
    const error = await instance.get('x', { params: { a: '1' } }).catch((e: unknown) => e);
    expect(isAxiosError(error)).toBe(true);
    const { config } = error as AxiosError;
    expect([config!.url, config!.baseURL, config!.params]).toEqual(['x', 'https://api.test/', { a: '1' }]);
    // A retry library resending the caller's config gets one signature, not two.
    await instance.request(config!).catch(() => undefined);
    expect(urls).toEqual(['https://api.test/x?a=1&sig=1', 'https://api.test/x?a=1&sig=2']);
  });

  it('also signs when a call brings its own adapter', async () => {
    const { sent, adapter } = recorder();
    const instance = withAuth(axios.create(), recording([]));
    await instance.get('https://api.test/y', { adapter });
    expect(sent[0]!.url).toBe('https://api.test/y?sig=S');
    expect(isAuthAdapter(authAdapter(recording([])))).toBe(true);
    expect(isAuthAdapter(adapter)).toBe(false);
  });
});
