import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthplugError, type AuthRequest, type AuthStrategy, type Signature } from '@authplug/core';
import got from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHooks, withAuth } from './index.ts';

// A real loopback server records what got put on the wire.
const received: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    received.push({ url: req.url ?? '', headers: req.headers, body });
    // Providers that answer errors in XML with HTTP 200 (Safe Creative, ipernity's xml format).
    if (req.url?.startsWith('/xml-error'))
      res.writeHead(200, { 'content-type': 'text/xml' }).end('<error>nope</error>');
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => server.close());

const strategy = (signature: Signature, seen: AuthRequest[] = []): AuthStrategy => ({
  name: 'fixed',
  async sign(request) {
    seen.push(request);
    return signature;
  },
});

describe('withAuth', () => {
  it('signs the URL got built from prefixUrl and searchParams', async () => {
    const seen: AuthRequest[] = [];
    const api = withAuth(got.extend({ prefixUrl: base }), strategy({ query: [['sig', 'S']] }, seen));
    await api.get('v1/items', { searchParams: { a: 'x y' } });
    expect(seen[0]!.url).toBe(`${base}v1/items?a=x+y`);
    expect(received.at(-1)!.url).toBe('/v1/items?a=x+y&sig=S');
  });

  it('signs a `form` option as got serialized it, and appends signed fields', async () => {
    const seen: AuthRequest[] = [];
    const api = withAuth(got.extend({ prefixUrl: base }), strategy({ form: [['sig', 'S']] }, seen));
    await api.post('x', { form: { a: 'x y', b: '&' } });
    expect(seen[0]!.body).toEqual({
      kind: 'form',
      fields: [
        ['a', 'x y'],
        ['b', '&'],
      ],
      raw: 'a=x+y&b=%26',
    });
    expect(received.at(-1)!.body).toBe('a=x+y&b=%26&sig=S');
  });

  // Found by the consumer smoke test's lowest-peer run: got 16.0 kept the content-length of the
  // unsigned body, so the server read a truncated one. The header must frame the signed body.
  it('frames the signed form body with its own content-length (multi-byte fields too)', async () => {
    const api = withAuth(got.extend({ prefixUrl: base }), strategy({ form: [['sig', 'é S']] }));
    await api.post('x', { form: { a: 'ü' } });
    const { headers, body } = received.at(-1)!;
    expect(body).toBe('a=%C3%BC&sig=%C3%A9%20S');
    expect(headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it('sets header signatures in lower case, as got keeps headers', async () => {
    const api = withAuth(
      got.extend({ prefixUrl: base }),
      strategy({ headers: { Authorization: 'OAuth x' } }),
    );
    await api.post('x', { json: { a: 1 } });
    expect(received.at(-1)!.headers.authorization).toBe('OAuth x');
    expect(received.at(-1)!.body).toBe('{"a":1}');
  });
});

describe('an error answer got cannot parse as JSON', () => {
  it("rejects with the strategy's typed error rather than got's ParseError", async () => {
    const read: string[] = [];
    const strategy: AuthStrategy = {
      name: 'xml',
      async sign() {
        return {};
      },
      async inspect(response) {
        const text = await response.text();
        read.push(text);
        if (text.startsWith('<error>')) throw new AuthplugError('AUTHPLUG_TEST_XML', 'xml: provider error');
        return undefined;
      },
    };
    const api = withAuth(got.extend({ prefixUrl: base }), strategy);
    const error = await api.get('xml-error', { responseType: 'json' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTHPLUG_TEST_XML' });
    expect(read).toEqual(['<error>nope</error>']);
  });
});

describe('authHooks', () => {
  // got parses the URL and snapshots the request's state for every afterResponse hook it runs.
  it('adds an afterResponse hook only for a strategy that inspects answers', async () => {
    expect(authHooks(strategy({})).afterResponse).toHaveLength(0);
    const inspected: number[] = [];
    const inspecting: AuthStrategy = {
      ...strategy({}),
      async inspect(response) {
        inspected.push(response.status);
        return undefined;
      },
    };
    expect(authHooks(inspecting).afterResponse).toHaveLength(1);
    await withAuth(got.extend({ prefixUrl: base }), inspecting).get('x');
    expect(inspected).toEqual([200]);
  });
});
