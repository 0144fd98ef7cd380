import type { AuthRequest, AuthStrategy, Signature } from '@authplug/core';
import { RETRY } from '@authplug/core';
import ky from 'ky';
import { describe, expect, it } from 'vitest';
import { withAuth } from './index.ts';

// ky's own `fetch` option stands in for the network: ky (hooks, retries, base URL) runs for real
// in front of it, and withAuth wraps it.
function recordingFetch(status = 200) {
  const sent: { url: string; method: string; headers: Headers; body: string }[] = [];
  const fetch = async (request: Request) => {
    sent.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.text(),
    });
    return new Response('{}', { status, headers: { 'content-type': 'application/json' } });
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

const fixed = (
  signature: Signature,
  seen: AuthRequest[] = [],
  extra: Partial<AuthStrategy> = {},
): AuthStrategy => ({
  name: 'fixed',
  async sign(request) {
    seen.push(request);
    return signature;
  },
  ...extra,
});

describe('withAuth', () => {
  it('signs the request ky built from baseUrl and searchParams, through the instance fetch', async () => {
    const { sent, fetch } = recordingFetch();
    const seen: AuthRequest[] = [];
    const api = withAuth(
      ky.create({ baseUrl: 'https://api.test/v1/', fetch }),
      fixed({ query: [['sig', 'S']] }, seen),
    );
    await api.get('items', { searchParams: { a: 'x y' } }).json();
    expect(seen[0]!.url).toBe('https://api.test/v1/items?a=x+y');
    expect(sent[0]!.url).toBe('https://api.test/v1/items?a=x+y&sig=S');
  });

  it('appends signed form fields to the body', async () => {
    const { sent, fetch } = recordingFetch();
    const api = withAuth(ky.create({ fetch }), fixed({ form: [['sig', 'S']] }));
    await api.post('https://api.test/x', { body: new URLSearchParams([['a', 'x y']]) }).json();
    expect([...new URLSearchParams(sent[0]!.body)]).toEqual([
      ['a', 'x y'],
      ['sig', 'S'],
    ]);
    expect(sent[0]!.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it('sets header signatures and keeps the rest of the request', async () => {
    const { sent, fetch } = recordingFetch();
    const api = withAuth(
      ky.create({ fetch, headers: { 'x-app': '1' } }),
      fixed({ headers: { Authorization: 'OAuth x' } }),
    );
    await api.put('https://api.test/x', { json: { a: 1 } }).json();
    expect(sent[0]!.method).toBe('PUT');
    expect(sent[0]!.headers.get('authorization')).toBe('OAuth x');
    expect(sent[0]!.headers.get('x-app')).toBe('1');
    expect(JSON.parse(sent[0]!.body)).toEqual({ a: 1 });
  });

  it('resends a body once, signed again, when inspect asks — even with retries off', async () => {
    const { sent, fetch } = recordingFetch(401);
    let n = 0;
    const strategy: AuthStrategy = {
      name: 'counting',
      async sign() {
        return { headers: { 'x-n': String(++n) } };
      },
      inspect: (response) => (response.status === 401 ? RETRY : undefined),
    };
    const api = withAuth(ky.create({ fetch, retry: 0 }), strategy);
    await expect(api.post('https://api.test/x', { json: { a: 1 } })).rejects.toThrow();
    expect(sent.map((s) => [s.headers.get('x-n'), s.body])).toEqual([
      ['1', '{"a":1}'],
      ['2', '{"a":1}'],
    ]);
  });
});
