import { createHash } from 'node:crypto';
import { withAuth as withAxios } from '@authplug/axios';
import { memoryStore } from '@authplug/credentials';
import {
  IPERNITY_TEST_APP as APP,
  clickButton,
  ipernityEmulator,
  IPERNITY_UNSIGNED_APP as UNSIGNED,
} from '@authplug/emulators';
import { withAuth as withFetch } from '@authplug/fetch';
import { withAuth as withGot } from '@authplug/got';
import {
  IpernityInvalidSignatureError,
  IpernityInvalidTokenError,
  IpernityMissingSignatureError,
  IpernityPermissionError,
  ipernity,
  ipernityDesktopFlow,
} from '@authplug/ipernity';
import { withAuth as withKy } from '@authplug/ky';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clients } from './support/clients.ts';

// ipernity through axios, ky and got: the reference vectors checked on the wire, then real
// calls against the emulator (which recomputes every api_sig with node:crypto alone).

const REF = { apiKey: '6fa87ba500002712bd4eed6020f3bd72', secret: 'e9a599f0cf6ce193' };
const API = 'https://api.ipernity.com/api/';
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

let emulator = ipernityEmulator();
const wire: { method: string; query: [string, string][]; form: [string, string][] }[] = [];
const server = setupServer(
  http.all('https://vector.test/*', async ({ request }) => {
    const form =
      request.method === 'POST' ? [...new URLSearchParams(await request.text())] : ([] as [string, string][]);
    wire.push({ method: request.method, query: [...new URL(request.url).searchParams], form });
    return HttpResponse.json({ api: { status: 'ok' } });
  }),
  ...['https://api.ipernity.com', 'https://www.ipernity.com'].map((origin) =>
    http.all(`${origin}/*`, ({ request }) => emulator.fetch(request)),
  ),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  wire.length = 0;
});

/** Approves an authorization link the way a browser click would. */
async function approve(url: string): Promise<void> {
  expect((await clickButton(url, 'Approve')).status).toBe(200);
}

async function authorized(permissions: Parameters<typeof ipernityDesktopFlow>[0]['permissions']) {
  const store = memoryStore({ 'ipernity/default': { apiKey: APP.apiKey, secret: APP.secret } });
  const flow = ipernityDesktopFlow({ store, permissions });
  await approve((await flow.start()).url);
  await flow.complete();
  return store;
}

describe.each(clients)('ipernity through $name', (client) => {
  it('signs the reference doc.tags.add call (POST form) → a269b218…', async () => {
    await client.send(ipernity(REF), 'https://vector.test/api/', {
      method: 'POST',
      path: 'doc.tags.add/json',
      form: {
        kind: 'params',
        fields: [
          ['doc_id', '1234'],
          ['keywords', 'easy'],
        ],
      },
    });
    expect(wire).toEqual([
      {
        method: 'POST',
        query: [],
        form: [
          ['doc_id', '1234'],
          ['keywords', 'easy'],
          ['api_key', REF.apiKey],
          ['api_sig', 'a269b218feb341ef03bc093a0f2c8078'],
        ],
      },
    ]);
  });

  it('signs the same call as a GET query → a269b218…', async () => {
    await client.send(ipernity(REF), 'https://vector.test/api/', {
      method: 'GET',
      path: 'doc.tags.add/json',
      params: [
        ['doc_id', '1234'],
        ['keywords', 'easy'],
      ],
    });
    expect(wire[0]!.query).toContainEqual(['api_sig', 'a269b218feb341ef03bc093a0f2c8078']);
  });

  it('sends the reference authorization link unchanged → da183021…', async () => {
    const url = await ipernity(REF, { authorizeUrl: 'https://vector.test/apps/authorize' }).authorizeUrl({
      permissions: { network: 'read' },
    });
    if (client.name === 'axios') await axios.get(url);
    if (client.name === 'ky') await ky.get(url);
    if (client.name === 'got') await got(url);
    if (client.name === 'fetch') await fetch(url);
    expect(wire[0]!.query).toEqual([
      ['api_key', REF.apiKey],
      ['perm_network', 'read'],
      ['api_sig', 'da183021cd39461108770b822fcd9398'],
    ]);
  });

  it('GET with unicode, reserved characters and repeated keys is accepted by the emulator', async () => {
    const params: [string, string][] = [
      ['text', 'café ☕ 🙂'],
      ['tag', "a&b=c+d/e?f#g!*'()"],
      ['tag', 'Zürich'],
      ['empty', ''],
    ];
    const { data } = await client.send(ipernity(APP), API, {
      method: 'GET',
      path: 'test.echo/json?x=1%202',
      params,
    });
    const echoed = (data as { echo: { param: { name: string; value: string }[] } }).echo.param;
    const pairs = echoed.map((p) => [p.name, p.value]);
    expect(pairs).toEqual(expect.arrayContaining([['x', '1 2'], ...params, ['api_key', APP.apiKey]]));
    const sig = pairs.find((p) => p[0] === 'api_sig')![1];
    const expected = md5(
      pairs
        .filter((p) => p[0] !== 'api_sig')
        .sort((a, b) => Buffer.compare(Buffer.from(`${a[0]!}\0${a[1]}`), Buffer.from(`${b[0]!}\0${b[1]}`)))
        .map((p) => p[0]! + p[1])
        .join('') +
        'test.echo' +
        APP.secret,
    );
    expect(sig).toBe(expected);
  });

  it.each(['params', 'string', 'object'] as const)(
    'POST %s form with unicode, reserved characters and repeated keys is accepted',
    async (kind) => {
      if (kind === 'object' && client.name === 'ky') return; // ky has no plain-object form option
      const fields: [string, string][] = [
        ['text', 'naïve ☕ 🙂'],
        ['tag', "x&y=z+w/v?u#t!*'()%"],
        ['tag', 'Ünïcödé'],
        ['empty', ''],
      ];
      const form =
        kind === 'params'
          ? { kind, fields }
          : kind === 'string'
            ? { kind, text: new URLSearchParams(fields).toString() }
            : { kind, fields: Object.fromEntries(fields.slice(0, 1).concat(fields.slice(2))) };
      const { data } = await client.send(ipernity(APP), API, {
        method: 'POST',
        path: 'test.echo/json?q=%C3%A9',
        form,
      });
      const echo = (data as { echo: { method: string; param: { name: string; value: string }[] } }).echo;
      expect(echo.method).toBe('POST');
      const pairs = echo.param.map((p) => [p.name, p.value]);
      const sent = kind === 'object' ? fields.filter((f) => f[1] !== fields[1]![1]) : fields;
      expect(pairs).toEqual(expect.arrayContaining([['q', 'é'], ...sent, ['api_key', APP.apiKey]]));
      // Form requests carry the added params in the body: the query holds only what the caller put there.
      expect(pairs.filter((p) => p[0] === 'api_sig')).toHaveLength(1);
    },
  );

  it('POST form with a token: doc.tags.add lands in the emulator', async () => {
    const store = await authorized({ doc: 'write' });
    const keyword = `tag ${client.name} ✓ & co`;
    const { data } = await client.send(ipernity({ store }), API, {
      method: 'POST',
      path: 'doc.tags.add/json',
      form: {
        kind: 'params',
        fields: [
          ['doc_id', '1234'],
          ['keywords', keyword],
        ],
      },
    });
    expect(data).toMatchObject({ api: { status: 'ok' } });
    expect(emulator.doc('1234')!.tags).toContain(keyword);
  });

  it('wrong secret → IpernityInvalidSignatureError (105)', async () => {
    const call = client.send(ipernity({ apiKey: APP.apiKey, secret: 'not-the-secret' }), API, {
      method: 'GET',
      path: 'test.hello/json',
    });
    const error = await call.catch((e) => e);
    expect(error).toBeInstanceOf(IpernityInvalidSignatureError);
    expect(error).toMatchObject({ providerCode: '105', code: 'AUTHPLUG_IPERNITY_INVALID_SIGNATURE' });
    expect(error.message).not.toContain('not-the-secret');
  });

  it('xml format errors are typed too; alwaysSign: false against an always-sign key → 104', async () => {
    // Through each client's own instance: the shared helper asks got for a json response type.
    const auth = ipernity(APP, { alwaysSign: false });
    const send: Record<string, () => Promise<unknown>> = {
      axios: () => withAxios(axios.create({ baseURL: API }), auth).get('test.hello/xml'),
      ky: () =>
        withKy(ky.create({ baseUrl: API }), auth)
          .get('test.hello/xml')
          .text(),
      got: () =>
        withGot(got.extend({ prefixUrl: API }), auth)
          .get('test.hello/xml')
          .text(),
      fetch: () => withFetch(fetch, auth)(`${API}test.hello/xml`),
    };
    const error = (await send[client.name]!().catch((e: unknown) => e)) as IpernityMissingSignatureError;
    expect(error).toBeInstanceOf(IpernityMissingSignatureError);
    expect(error.providerCode).toBe('104');
    const { data } = await client.send(ipernity(UNSIGNED, { alwaysSign: false }), API, {
      method: 'GET',
      path: 'test.echo/json',
    });
    const names = (data as { echo: { param: { name: string }[] } }).echo.param.map((p) => p.name);
    expect(names).toEqual(['api_key']);
  });

  it('permission too low → IpernityPermissionError (106), token kept', async () => {
    const store = await authorized({ doc: 'read' });
    const error = await client
      .send(ipernity({ store }), API, {
        method: 'POST',
        path: 'doc.delete/json',
        form: { kind: 'params', fields: [['doc_id', '1234']] },
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(IpernityPermissionError);
    expect((await store.get('ipernity/default'))?.['authToken']).toBeTypeOf('string');
  });

  it('revoked token → IpernityInvalidTokenError, and the token is deleted from the store', async () => {
    const store = await authorized({ doc: 'read' });
    const token = (await store.get('ipernity/default'))!['authToken'] as string;
    const ok = await client.send(ipernity({ store }), API, {
      method: 'GET',
      path: 'doc.get/json',
      params: [['doc_id', '1234']],
    });
    expect(ok.data).toMatchObject({ doc: { doc_id: '1234' } });
    expect(emulator.revoke(token)).toBe(true);
    const error = await client
      .send(ipernity({ store }), API, { method: 'GET', path: 'doc.get/json', params: [['doc_id', '1234']] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(IpernityInvalidTokenError);
    expect(error.message).toMatch(/Authorize again/);
    expect(await store.get('ipernity/default')).toEqual({ apiKey: APP.apiKey, secret: APP.secret });
  });
});

describe('withAuth instances', () => {
  it('axios, ky and got instances from withAuth sign test.hello for the emulator', async () => {
    emulator = ipernityEmulator();
    const auth = ipernity(APP);
    const a = await withAxios(axios.create({ baseURL: API }), auth).get('test.hello/json');
    const k = await withKy(ky.create({ baseUrl: API }), auth)
      .get('test.hello/json')
      .json();
    const g = await withGot(got.extend({ prefixUrl: API }), auth)
      .get('test.hello/json')
      .json();
    for (const body of [a.data, k, g]) expect(body).toEqual({ hello: 'hello world!', api: { status: 'ok' } });
  });
});
