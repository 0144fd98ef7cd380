import { createHash } from 'node:crypto';
import { AuthplugError, type AuthRequest, type AuthStrategy, RETRY, type Signature } from '@authplug/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { withAuth } from './index.ts';

// The network is a recording fetch: it receives what a real fetch would (a Request and the
// fetch-only init fields) and keeps the bytes that would go on the wire.
interface Sent {
  url: string;
  method: string;
  headers: Headers;
  bytes: Uint8Array<ArrayBuffer>;
  extra: RequestInit | undefined;
}

function recordingFetch(status: (n: number) => number = () => 200) {
  const sent: Sent[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    sent.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      bytes: new Uint8Array(await request.arrayBuffer()),
      extra: init,
    });
    return Response.json({ ok: true }, { status: status(sent.length) });
  };
  return { sent, fetch };
}

const text = (bytes: Uint8Array<ArrayBuffer>) => new TextDecoder().decode(bytes);
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

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

describe('withAuth(fetch, strategy)', () => {
  it("has fetch's own type", () => {
    expectTypeOf(withAuth(fetch, fixed({}))).toExtend<typeof fetch>();
    expectTypeOf<Parameters<typeof fetch>>().toExtend<Parameters<ReturnType<typeof withAuth>>>();
  });

  it('signs a string URL with its query and appends query pairs', async () => {
    const { sent, fetch } = recordingFetch();
    const seen: AuthRequest[] = [];
    const signed = withAuth(fetch, fixed({ query: [['sig', 'S']] }, seen));
    const response = await signed('https://api.test/x?a=x+y#frag');
    expect(await response.json()).toEqual({ ok: true });
    expect(seen[0]).toMatchObject({ method: 'GET', url: 'https://api.test/x?a=x+y', body: { kind: 'none' } });
    expect(sent[0]!.url).toBe('https://api.test/x?a=x+y&sig=S');
  });

  it('takes a URL object and an init with method, headers and a form body', async () => {
    const { sent, fetch } = recordingFetch();
    const seen: AuthRequest[] = [];
    const signed = withAuth(fetch, fixed({ form: [['sig', 'S']], headers: { 'X-Sig': 'H' } }, seen));
    await signed(new URL('https://api.test/x'), {
      method: 'POST',
      headers: { 'x-app': '1' },
      body: new URLSearchParams([['a', 'x y&z']]),
    });
    expect(seen[0]!.body).toMatchObject({ kind: 'form', fields: [['a', 'x y&z']] });
    expect(rawText(seen[0]!)).toBe('a=x+y%26z');
    expect([...new URLSearchParams(text(sent[0]!.bytes))]).toEqual([
      ['a', 'x y&z'],
      ['sig', 'S'],
    ]);
    expect(sent[0]!.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    expect(sent[0]!.headers.get('x-app')).toBe('1');
    expect(sent[0]!.headers.get('x-sig')).toBe('H');
  });

  it("signs a caller's Request without changing it, with the init applied over it", async () => {
    const { sent, fetch } = recordingFetch();
    const signed = withAuth(fetch, fixed({ headers: { Authorization: 'Sig x' } }));
    const mine = new Request('https://api.test/x', { headers: { 'x-app': '1' } });
    await signed(mine, { headers: { 'x-app': '2' } });
    expect(sent[0]!.headers.get('authorization')).toBe('Sig x');
    expect(sent[0]!.headers.get('x-app')).toBe('2');
    expect(mine.headers.get('authorization')).toBeNull();
    expect(mine.headers.get('x-app')).toBe('1');
  });

  it("resends a caller's Request body byte for byte when the signature changes the URL", async () => {
    const { sent, fetch } = recordingFetch();
    const seen: AuthRequest[] = [];
    const form = 'caption=Tea+at+5+%E2%98%95&tag=a&tag=b';
    const mine = new Request('https://api.test/pin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    await withAuth(fetch, fixed({ query: [['api_token', 'T']] }, seen))(mine);
    expect(seen[0]!.body).toMatchObject({
      kind: 'form',
      fields: [
        ['caption', 'Tea at 5 ☕'],
        ['tag', 'a'],
        ['tag', 'b'],
      ],
    });
    // The exact bytes, for schemes that hash the body.
    expect(rawText(seen[0]!)).toBe(form);
    expect(sent[0]!.url).toBe('https://api.test/pin?api_token=T');
    expect(sent[0]!.method).toBe('POST');
    expect(text(sent[0]!.bytes)).toBe(form);
  });

  it('sends JSON intact and lets the strategy read it as bytes', async () => {
    const { sent, fetch } = recordingFetch();
    const seen: AuthRequest[] = [];
    const json = JSON.stringify({ title: 'Été ☕', n: 1 });
    await withAuth(fetch, fixed({ query: [['sig', 'S']] }, seen))('https://api.test/x', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: json,
    });
    expect(seen[0]!.body).toEqual({ kind: 'bytes', contentType: 'application/json', data: json });
    expect(sent[0]!.method).toBe('PUT');
    expect(text(sent[0]!.bytes)).toBe(json);
  });

  it('sends a multipart body intact, boundary and all, when the URL is signed', async () => {
    const { sent, fetch } = recordingFetch();
    const seen: AuthRequest[] = [];
    const form = new FormData();
    form.set('caption', 'Tea at 5');
    form.set('photo', new Blob([new Uint8Array([0, 1, 2, 255])], { type: 'image/jpeg' }), 'tea.jpg');
    await withAuth(fetch, fixed({ query: [['sig', 'S']] }, seen))('https://api.test/upload', {
      method: 'POST',
      body: form,
    });
    expect(seen[0]!.body).toMatchObject({ kind: 'opaque' });
    expect(sent[0]!.url).toBe('https://api.test/upload?sig=S');
    const received = await new Request(sent[0]!.url, {
      method: 'POST',
      headers: sent[0]!.headers,
      body: sent[0]!.bytes,
    }).formData();
    expect(received.get('caption')).toBe('Tea at 5');
    const photo = received.get('photo') as File;
    expect(photo.name).toBe('tea.jpg');
    expect([...new Uint8Array(await photo.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('streams a stream body, unread, to the signed URL', async () => {
    const { sent, fetch } = recordingFetch();
    const seen: AuthRequest[] = [];
    const chunks = [new Uint8Array([1, 2, 3]), new TextEncoder().encode('rest')];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    await withAuth(fetch, fixed({ query: [['sig', 'S']] }, seen))('https://api.test/blob', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(seen[0]!.body).toMatchObject({ kind: 'opaque', stream: true });
    expect(sha256(sent[0]!.bytes)).toBe(
      sha256(new Uint8Array([1, 2, 3, ...new TextEncoder().encode('rest')])),
    );
  });

  it('signs a bodiless call as fetch would send it: method case, URL form, headers copied', async () => {
    const { sent, fetch } = recordingFetch();
    const seen: AuthRequest[] = [];
    const signed = withAuth(fetch, fixed({ headers: { authorization: 'Sig S' } }, seen));
    const callers = new Headers({ accept: 'application/json' });
    await signed(new URL('HTTPS://API.test:443/a/../x?q=%7e#frag'), { method: 'get', headers: callers });
    await signed('https://api.test/x', { method: 'patch' });
    expect(seen.map((r) => [r.method, r.url])).toEqual([
      ['GET', 'https://api.test/x?q=%7e'],
      ['patch', 'https://api.test/x'],
    ]);
    // What the strategy saw is what went out, and the caller's headers were not touched.
    expect(sent.map((r) => [r.method, r.url])).toEqual(seen.map((r) => [r.method, r.url]));
    expect(sent[0]!.headers.get('authorization')).toBe('Sig S');
    expect(sent[0]!.headers.get('accept')).toBe('application/json');
    expect(callers.has('authorization')).toBe(false);
  });

  it('passes fetch-only init fields (dispatcher, next, …) to the fetch it wraps', async () => {
    const { sent, fetch } = recordingFetch();
    const dispatcher = { dispatch: () => true };
    const signed = withAuth(fetch, fixed({ query: [['sig', 'S']] }));
    // Without a body the call goes on as URL and init; with one, as a Request and fetch's fields.
    await signed('https://api.test/x', { method: 'GET', dispatcher } as RequestInit);
    await signed('https://api.test/x', { method: 'POST', body: 'a=1', dispatcher } as RequestInit);
    expect(sent[0]!.extra).toMatchObject({ dispatcher });
    expect(sent[0]!.url).toBe('https://api.test/x?sig=S');
    expect(sent[1]!.extra).toEqual({ dispatcher });
  });

  it('never sends a request whose signing fails, and rejects with the typed error', async () => {
    const { sent, fetch } = recordingFetch();
    const refusing: AuthStrategy = {
      name: 'refusing',
      async sign() {
        throw new AuthplugError('AUTHPLUG_TEST_REFUSED', 'test: refused');
      },
    };
    const error = await withAuth(fetch, refusing)('https://api.test/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthplugError);
    expect(error).toMatchObject({ code: 'AUTHPLUG_TEST_REFUSED' });
    expect(sent).toHaveLength(0);
  });

  it('resends once, signed afresh and with the same body, when inspect says RETRY', async () => {
    for (const body of [
      () => new URLSearchParams({ a: '1' }),
      () => new Blob(['blob body'], { type: 'application/octet-stream' }),
    ]) {
      const { sent, fetch } = recordingFetch(() => 401);
      let n = 0;
      const asked: number[] = [];
      const strategy: AuthStrategy = {
        name: 'counting',
        async sign() {
          return { query: [['n', String(++n)]] };
        },
        inspect(response) {
          asked.push(response.status);
          return response.status === 401 ? RETRY : undefined;
        },
      };
      const response = await withAuth(fetch, strategy)('https://api.test/x', {
        method: 'POST',
        body: body(),
      });
      expect(response.status).toBe(401);
      expect(asked).toEqual([401, 401]);
      const expected = await new Response(body()).text();
      expect(sent.map((s) => [s.url, text(s.bytes)])).toEqual([
        ['https://api.test/x?n=1', expected],
        ['https://api.test/x?n=2', expected],
      ]);
    }
  });
});

describe('withAuth(globalThis.fetch, strategy)', () => {
  // Wrapped before msw patches the global fetch: the wrapper still reaches the patched one.
  const signed = withAuth(globalThis.fetch, fixed({ query: [['sig', 'S']] }));
  const server = setupServer(
    http.all('https://api.test/*', async ({ request }) =>
      HttpResponse.json({ url: request.url, body: await request.text() }),
    ),
  );
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());

  it('looks the global fetch up on every call', async () => {
    const response = await signed('https://api.test/x?a=1', { method: 'POST', body: 'a=2' });
    expect(await response.json()).toEqual({ url: 'https://api.test/x?a=1&sig=S', body: 'a=2' });
  });
});

/** The form body exactly as the strategy saw it (`raw`), as text. */
function rawText(request: AuthRequest): string | undefined {
  if (request.body.kind !== 'form') return undefined;
  const { raw } = request.body;
  return raw === undefined || typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
}
