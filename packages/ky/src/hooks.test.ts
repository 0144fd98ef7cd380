import type { AuthRequest, AuthStrategy, Signature } from '@authplug/core';
import ky from 'ky';
import { describe, expect, it } from 'vitest';
import { toAuthRequest, withAuth } from './index.ts';

// ky's own `fetch` option stands in for the network: every hook runs for real in front of it.
function recordingFetch() {
  const sent: (Request & { sentBody: string })[] = [];
  const fetch = async (request: Request) => {
    // Read the body now: once the call settles, ky may have released it.
    sent.push(Object.assign(request, { sentBody: await request.clone().text() }));
    return new Response('{}', { headers: { 'content-type': 'application/json' } });
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

const strategy = (signature: Signature, seen: AuthRequest[] = []): AuthStrategy => ({
  name: 'fixed',
  async sign(request) {
    seen.push(request);
    return signature;
  },
});

describe('toAuthRequest', () => {
  it('reads a form body from a Request without consuming it', async () => {
    const request = new Request('https://api.test/x?a=1#f', {
      method: 'POST',
      body: new URLSearchParams({ b: '2' }),
    });
    const auth = await toAuthRequest(request, undefined);
    expect(auth).toMatchObject({
      method: 'POST',
      url: 'https://api.test/x?a=1',
      body: { kind: 'form', fields: [['b', '2']] },
    });
    expect(await request.text()).toBe('b=2');
  });
});

describe('withAuth', () => {
  it('signs the request ky built from baseUrl and searchParams', async () => {
    const { sent, fetch } = recordingFetch();
    const seen: AuthRequest[] = [];
    const api = withAuth(
      ky.create({ baseUrl: 'https://api.test/v1/', fetch }),
      strategy({ query: [['sig', 'S']] }, seen),
    );
    await api.get('items', { searchParams: { a: 'x y' } }).json();
    expect(seen[0]!.url).toBe('https://api.test/v1/items?a=x+y');
    expect(sent[0]!.url).toBe('https://api.test/v1/items?a=x+y&sig=S');
  });

  it('appends signed form fields to the body as given', async () => {
    const { sent, fetch } = recordingFetch();
    const api = withAuth(ky.create({ fetch }), strategy({ form: [['sig', 'S']] }));
    await api.post('https://api.test/x', { body: new URLSearchParams([['a', 'x y']]) }).json();
    expect(sent[0]!.sentBody).toBe('a=x+y&sig=S');
    expect(sent[0]!.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it('sets header signatures and keeps the rest of the request', async () => {
    const { sent, fetch } = recordingFetch();
    const api = withAuth(
      ky.create({ fetch, headers: { 'x-app': '1' } }),
      strategy({ headers: { Authorization: 'OAuth x' } }),
    );
    await api.put('https://api.test/x', { json: { a: 1 } }).json();
    expect(sent[0]!.method).toBe('PUT');
    expect(sent[0]!.headers.get('authorization')).toBe('OAuth x');
    expect(sent[0]!.headers.get('x-app')).toBe('1');
    expect(JSON.parse(sent[0]!.sentBody)).toEqual({ a: 1 });
  });
});
