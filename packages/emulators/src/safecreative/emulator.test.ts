import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { pageForms } from '../page-forms.ts';
import { safecreativeEmulator } from './emulator.ts';
import { SAFECREATIVE_PRIVATE_KEY, SAFECREATIVE_SHARED_KEY, SAFECREATIVE_TEST_USER } from './keys.ts';

// The test signs by hand (node:crypto over the raw sorted pairs), independently of the emulator.
const sign = (privateKey: string, pairs: [string, string][]): [string, string][] => {
  const base = [...pairs]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return [...pairs, ['signature', createHash('sha1').update(`${privateKey}&${base}`).digest('hex')]];
};

const API = 'https://api.safecreative.org/v2/';
const get = async (emulator: ReturnType<typeof safecreativeEmulator>, pairs: [string, string][]) =>
  (await emulator.fetch(new Request(`${API}?${new URLSearchParams(pairs)}`))).text();
const post = async (emulator: ReturnType<typeof safecreativeEmulator>, pairs: [string, string][]) =>
  (
    await emulator.fetch(
      new Request(API, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(pairs),
      }),
    )
  ).text();

const xml = new XMLParser({ parseTagValue: false });
/** A leaf of the answer's root element, read with a real XML parser. */
const tag = (text: string, name: string): string | undefined => {
  const doc = xml.parse(text) as Record<string, Record<string, string> | string>;
  const root = Object.entries(doc).find(([k]) => k !== '?xml')?.[1];
  return typeof root === 'object' ? root[name] : undefined;
};

describe('safecreativeEmulator', () => {
  it('answers ztime unsigned, in XML and JSON, with a Date header', async () => {
    const emulator = safecreativeEmulator({ now: () => 1_700_000_000_123 });
    const response = await emulator.fetch(new Request(`${API}?component=ztime`));
    expect(await response.text()).toContain('<ztime>1700000000123</ztime>');
    expect(response.headers.get('date')).toBe(new Date(1_700_000_000_123).toUTCString());
    expect(
      JSON.parse(
        await get(emulator, [
          ['component', 'ztime'],
          ['format', 'json'],
        ]),
      ),
    ).toEqual({
      ztime: '1700000000123',
    });
  });

  it('runs authkey.create → authkey.edit (Approve) → authkey.state → work.register with the nonce', async () => {
    const emulator = safecreativeEmulator();
    const now = () => String(Date.now());
    const created = await get(
      emulator,
      sign(SAFECREATIVE_PRIVATE_KEY, [
        ['component', 'authkey.create'],
        ['sharedkey', SAFECREATIVE_SHARED_KEY],
        ['ztime', now()],
      ]),
    );
    const authKey = tag(created, 'authkey')!;
    const authPrivate = tag(created, 'privatekey')!;
    expect(authKey).toMatch(/^[a-z0-9]{25}$/);

    const edit = `https://api.safecreative.org/api-ui/authkey.edit?${new URLSearchParams(
      sign(authPrivate, [
        ['authkey', authKey],
        ['level', 'ADD'],
        ['sharedkey', SAFECREATIVE_SHARED_KEY],
        ['ztime', now()],
      ]),
    )}`;
    const html = await (await emulator.fetch(new Request(edit))).text();
    const forms = pageForms(html);
    expect(forms.map((f) => f.label)).toEqual(['Approve', 'Deny']);
    const approve = forms[0]!;
    const answer = await emulator.fetch(
      new Request(new URL(approve.action, edit), {
        method: approve.method,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(approve.fields),
      }),
    );
    expect(await answer.text()).toContain('Authorization complete');

    const stateParams: [string, string][] = [
      ['component', 'authkey.state'],
      ['sharedkey', SAFECREATIVE_SHARED_KEY],
      ['authkey', authKey],
      ['ztime', now()],
    ];
    const state = await get(emulator, sign(SAFECREATIVE_PRIVATE_KEY, stateParams));
    expect(tag(state, 'authorized')).toBe('true');
    expect(tag(state, 'level')).toBe('ADD');
    expect(tag(state, 'usercode')).toBe(SAFECREATIVE_TEST_USER.usercode);
    const nonce = tag(state, 'noncekey')!;

    const register = (noncekey: string) =>
      post(
        emulator,
        sign(authPrivate, [
          ['component', 'work.register'],
          ['authkey', authKey],
          ['noncekey', noncekey],
          ['title', 'Été 1923 & co'],
          ['ztime', now()],
        ]),
      );
    expect(tag(await register(nonce), 'code')).toMatch(/^\d{13}$/);
    // The nonce rotated: the same one again is rejected as used.
    expect(tag(await register(nonce), 'errorId')).toBe('NonceKeyUsed');
    expect(emulator.nonces.consumed).toEqual([nonce]);
    expect(emulator.nonces.rejected).toEqual([nonce]);
    const next = tag(await get(emulator, sign(SAFECREATIVE_PRIVATE_KEY, stateParams)), 'noncekey');
    expect(next).not.toBe(nonce);
    expect(emulator.works()).toEqual([{ code: expect.any(String), title: 'Été 1923 & co' }]);
  });

  it('rejects a signature made with the wrong key, an old ztime and a missing level', async () => {
    const emulator = safecreativeEmulator({
      authKeys: [{ authKey: 'reader', privateKey: 'reader-private', level: 'GET' }],
    });
    const base: [string, string][] = [
      ['component', 'authkey.create'],
      ['sharedkey', SAFECREATIVE_SHARED_KEY],
    ];
    expect(tag(await get(emulator, sign('wrong', [...base, ['ztime', String(Date.now())]])), 'errorId')).toBe(
      'InvalidSignature',
    );
    expect(
      tag(
        await get(emulator, sign(SAFECREATIVE_PRIVATE_KEY, [...base, ['ztime', String(Date.now() - 3.6e6)]])),
        'errorId',
      ),
    ).toBe('InvalidTime');
    // authkey.state signed with the authkey's key instead of the application's.
    const state = sign('reader-private', [
      ['component', 'authkey.state'],
      ['sharedkey', SAFECREATIVE_SHARED_KEY],
      ['authkey', 'reader'],
      ['ztime', String(Date.now())],
    ]);
    expect(tag(await get(emulator, state), 'errorId')).toBe('InvalidSignature');
    const register = sign('reader-private', [
      ['component', 'work.register'],
      ['authkey', 'reader'],
      ['noncekey', 'x'],
      ['ztime', String(Date.now())],
    ]);
    expect(JSON.parse(await get(emulator, [...register, ['format', 'json']]))).toMatchObject({
      error: { errorId: 'InvalidSignature' },
    });
    const json = await get(emulator, sign('reader-private', [...register.slice(0, -1), ['format', 'json']]));
    expect(JSON.parse(json)).toMatchObject({ error: { errorId: 'InsufficientLevel' } });
  });

  it('denies: the authkey stays unauthorized and its calls fail with NotAuthorized', async () => {
    const emulator = safecreativeEmulator();
    const created = await get(
      emulator,
      sign(SAFECREATIVE_PRIVATE_KEY, [
        ['component', 'authkey.create'],
        ['sharedkey', SAFECREATIVE_SHARED_KEY],
        ['ztime', String(Date.now())],
      ]),
    );
    const authKey = tag(created, 'authkey')!;
    const authPrivate = tag(created, 'privatekey')!;
    const edit = `https://api.safecreative.org/api-ui/authkey.edit?${new URLSearchParams(
      sign(authPrivate, [
        ['authkey', authKey],
        ['level', 'GET'],
        ['sharedkey', SAFECREATIVE_SHARED_KEY],
        ['ztime', String(Date.now())],
      ]),
    )}`;
    const deny = pageForms(await (await emulator.fetch(new Request(edit))).text())[1]!;
    await emulator.fetch(
      new Request(new URL(deny.action, edit), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(deny.fields),
      }),
    );
    expect(emulator.authKey(authKey)).toEqual({ authorized: false, level: undefined, denied: true });
    const list = sign(authPrivate, [
      ['component', 'work.list'],
      ['authkey', authKey],
      ['ztime', String(Date.now())],
    ]);
    expect(tag(await get(emulator, list), 'errorId')).toBe('NotAuthorized');
  });

  it('lives under basePath: API, authkey.edit page (found as the flow finds it) and its form', async () => {
    const emulator = safecreativeEmulator({ basePath: '/safecreative' });
    const api = 'http://127.0.0.1/safecreative/v2/';
    const at = async (pairs: [string, string][]) =>
      (await emulator.fetch(new Request(`${api}?${new URLSearchParams(pairs)}`))).text();
    const ztime = String(Date.now());
    const created = await at(
      sign(SAFECREATIVE_PRIVATE_KEY, [
        ['component', 'authkey.create'],
        ['sharedkey', SAFECREATIVE_SHARED_KEY],
        ['ztime', ztime],
      ]),
    );
    const authKey = tag(created, 'authkey')!;
    const edit = new URL('../api-ui/authkey.edit', api);
    expect(edit.pathname).toBe('/safecreative/api-ui/authkey.edit');
    edit.search = new URLSearchParams(
      sign(tag(created, 'privatekey')!, [
        ['authkey', authKey],
        ['level', 'GET'],
        ['sharedkey', SAFECREATIVE_SHARED_KEY],
        ['ztime', ztime],
      ]),
    ).toString();
    const approve = pageForms(await (await emulator.fetch(new Request(edit))).text())[0]!;
    const target = new URL(approve.action, edit);
    expect(target.pathname).toBe('/safecreative/api-ui/authkey.edit');
    await emulator.fetch(
      new Request(target, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(approve.fields),
      }),
    );
    expect(emulator.authKey(authKey)).toMatchObject({ authorized: true, level: 'GET' });
    expect((await emulator.fetch(new Request('http://127.0.0.1/v2/?component=ztime'))).status).toBe(404);
  });
});
