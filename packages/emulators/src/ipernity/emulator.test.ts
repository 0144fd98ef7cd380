import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ipernityEmulator } from './emulator.ts';
import { IPERNITY_TEST_APP as APP, IPERNITY_UNSIGNED_APP as UNSIGNED } from './keys.ts';

const API = 'https://api.ipernity.com/api/';
type P = [string, string][];
const sig = (pairs: P, method: string, secret: string) =>
  createHash('md5')
    .update(
      [...pairs]
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
        .map(([n, v]) => n + v)
        .join('') +
        method +
        secret,
    )
    .digest('hex');

function signed(method: string, pairs: P, app = APP, token?: string): P {
  const all: P = [...pairs, ['api_key', app.apiKey], ...(token ? ([['auth_token', token]] as P) : [])];
  return [...all, ['api_sig', sig(all, method, app.secret)]];
}

async function call(
  emulator: ReturnType<typeof ipernityEmulator>,
  method: string,
  pairs: P,
  init: { post?: boolean; format?: string } = {},
) {
  const url = `${API}${method}/${init.format ?? 'json'}`;
  const body = new URLSearchParams(pairs).toString();
  const response = await emulator.fetch(
    init.post
      ? new Request(url, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      : new Request(`${url}?${body}`),
  );
  expect(response.status).toBe(200);
  return init.format === 'xml' ? response.text() : response.json();
}

async function authorize(
  emulator: ReturnType<typeof ipernityEmulator>,
  perms: P,
  decision: 'approve' | 'deny',
) {
  const { auth } = await call(emulator, 'auth.getFrob', signed('auth.getFrob', []));
  const link = signed('', [['frob', auth.frob], ...perms]);
  const page = await emulator.fetch(
    new Request(`https://www.ipernity.com/apps/authorize?${new URLSearchParams(link)}`),
  );
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Approve');
  expect(html).toContain('Deny');
  const request = /name="request" value="([^"]+)"/.exec(html)![1]!;
  const answer = await emulator.fetch(
    new Request('https://www.ipernity.com/apps/authorize', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request, decision }).toString(),
    }),
  );
  expect(answer.status).toBe(200);
  return auth.frob as string;
}

describe('ipernity emulator', () => {
  it('reproduces the reference signature check and answers json and xml', async () => {
    const emulator = ipernityEmulator();
    expect(await call(emulator, 'test.hello', signed('test.hello', []))).toEqual({
      hello: 'hello world!',
      api: { status: 'ok' },
    });
    const xml = await call(emulator, 'test.hello', signed('test.hello', []), { format: 'xml' });
    expect(xml).toContain('<api status="ok">');
    expect(xml).toContain('<hello>hello world!</hello>');
    // The provider's own reference example, independently of the test's helper.
    expect(
      sig(
        [
          ['api_key', '6fa87ba500002712bd4eed6020f3bd72'],
          ['doc_id', '1234'],
          ['keywords', 'easy'],
        ],
        'doc.tags.add',
        'e9a599f0cf6ce193',
      ),
    ).toBe('a269b218feb341ef03bc093a0f2c8078');
  });

  it('rejects missing (104) and invalid (105) signatures, unknown keys and methods', async () => {
    const emulator = ipernityEmulator();
    const missing = await call(emulator, 'test.hello', [['api_key', APP.apiKey]]);
    expect(missing.api).toEqual({ status: 'error', code: '104', message: 'Missing signature' });
    const bad = await call(emulator, 'test.hello', signed('test.hello', [], { ...APP, secret: 'wrong' }));
    expect(bad.api.code).toBe('105');
    expect(await call(emulator, 'test.hello', [['api_key', UNSIGNED.apiKey]])).toMatchObject({
      hello: 'hello world!',
    });
    expect((await call(emulator, 'test.hello', [['api_key', 'nope']])).api.code).toBe('100');
    expect((await call(emulator, 'no.such', signed('no.such', []))).api.code).toBe('102');
    const xml = await call(emulator, 'test.hello', [['api_key', APP.apiKey]], { format: 'xml' });
    expect(xml).toMatch(/<api status="error" code="104" message="Missing signature"/);
  });

  it('runs the desktop flow, enforces permissions and POST, and revokes tokens', async () => {
    const emulator = ipernityEmulator();
    const frob = await authorize(emulator, [['perm_doc', 'write']], 'approve');
    const { auth } = await call(emulator, 'auth.getToken', signed('auth.getToken', [['frob', frob]]));
    expect(auth.permissions).toEqual({ doc: 'write', blog: 'none', network: 'none', user: 'none' });
    expect(auth.user).toEqual({ user_id: '123', username: 'james007', realname: 'James Bond' });
    const token = auth.token as string;

    const add = signed(
      'doc.tags.add',
      [
        ['doc_id', '1234'],
        ['keywords', 'nice car'],
      ],
      APP,
      token,
    );
    expect((await call(emulator, 'doc.tags.add', add)).api.code).toBe('107');
    const added = await call(emulator, 'doc.tags.add', add, { post: true });
    expect(added.api.status).toBe('ok');
    expect(emulator.doc('1234')!.tags).toContain('nice car');

    const del = signed('doc.delete', [['doc_id', '1234']], APP, token);
    expect((await call(emulator, 'doc.delete', del, { post: true })).api.code).toBe('106');
    expect((await call(emulator, 'doc.get', signed('doc.get', [['doc_id', '1234']]))).api.code).toBe('103');

    const revoke = await emulator.fetch(
      new Request('https://api.ipernity.com/emulator/revoke', {
        method: 'POST',
        body: new URLSearchParams({ token }),
      }),
    );
    expect(await revoke.json()).toEqual({ revoked: true });
    const after = await call(emulator, 'auth.checkToken', signed('auth.checkToken', [], APP, token));
    expect(after.api).toEqual({ status: 'error', code: '103', message: 'Invalid auth token' });
  });

  it('reports pending and denied frobs', async () => {
    const emulator = ipernityEmulator();
    const { auth } = await call(emulator, 'auth.getFrob', signed('auth.getFrob', []));
    expect(
      (await call(emulator, 'auth.getToken', signed('auth.getToken', [['frob', auth.frob]]))).api.code,
    ).toBe('2');
    const denied = await authorize(emulator, [['perm_doc', 'read']], 'deny');
    expect(
      (await call(emulator, 'auth.getToken', signed('auth.getToken', [['frob', denied]]))).api.code,
    ).toBe('3');
  });

  it('serves the web flow: no frob in the link, redirect to the callback with one', async () => {
    const emulator = ipernityEmulator();
    const link = signed('', [['perm_network', 'read']]);
    const html = await (
      await emulator.fetch(
        new Request(`https://www.ipernity.com/apps/authorize?${new URLSearchParams(link)}`),
      )
    ).text();
    const request = /name="request" value="([^"]+)"/.exec(html)![1]!;
    const answer = await emulator.fetch(
      new Request('https://www.ipernity.com/apps/authorize', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request, decision: 'approve' }).toString(),
      }),
    );
    expect(answer.status).toBe(302);
    const frob = new URL(answer.headers.get('location')!).searchParams.get('frob')!;
    expect(
      new URL(answer.headers.get('location')!).origin + new URL(answer.headers.get('location')!).pathname,
    ).toBe(APP.callbackUrl);
    const { auth } = await call(emulator, 'auth.getToken', signed('auth.getToken', [['frob', frob]]));
    expect(auth.permissions.network).toBe('read');
    const badLink = await emulator.fetch(
      new Request(
        `https://www.ipernity.com/apps/authorize?${new URLSearchParams(signed('', [['perm_doc', 'read']], { ...APP, secret: 'x' }))}`,
      ),
    );
    expect(badLink.status).toBe(400);
  });

  it('lives under basePath: API, authorization page and its relative form action', async () => {
    const emulator = ipernityEmulator({ basePath: '/ipernity' });
    const at = 'http://127.0.0.1/ipernity';
    const json = async (method: string, pairs: P) =>
      (await (
        await emulator.fetch(new Request(`${at}/api/${method}/json?${new URLSearchParams(pairs)}`))
      ).json()) as Record<string, Record<string, string>>;
    expect((await json('test.hello', signed('test.hello', []))).hello).toBe('hello world!');
    const frob = (await json('auth.getFrob', signed('auth.getFrob', []))).auth!.frob!;
    const pageUrl = `${at}/apps/authorize?${new URLSearchParams(
      signed('', [
        ['frob', frob],
        ['perm_doc', 'write'],
      ]),
    )}`;
    const html = await (await emulator.fetch(new Request(pageUrl))).text();
    const action = /<form[^>]*action="([^"]*)"/.exec(html)![1]!;
    const target = new URL(action, pageUrl);
    expect(target.pathname).toBe('/ipernity/apps/authorize');
    const request = /name="request" value="([^"]+)"/.exec(html)![1]!;
    const answer = await emulator.fetch(
      new Request(target, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request, decision: 'approve' }).toString(),
      }),
    );
    expect(await answer.text()).toContain('Authorization complete');
    const token = await json('auth.getToken', signed('auth.getToken', [['frob', frob]]));
    expect(token.auth!.permissions).toMatchObject({ doc: 'write' });
    const outside = await emulator.fetch(new Request(`http://127.0.0.1/api/test.hello/json`));
    expect(outside.status).toBe(404);
  });
});
