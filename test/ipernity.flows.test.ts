import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type CredentialStore, fileStore, memoryStore } from '@authplug/credentials';
import {
  IPERNITY_TEST_APP as APP,
  clickButton,
  ipernityEmulator,
  IPERNITY_TEST_USER as USER,
} from '@authplug/emulators';
import {
  IpernityAuthorizationDeniedError,
  IpernityAuthorizationPendingError,
  IpernityInvalidSignatureError,
  ipernityDesktopFlow,
  ipernityWebFlow,
} from '@authplug/ipernity';
import { describe, expect, it } from 'vitest';
import { emulatorHarness } from './support/emulator-harness.ts';

// Both authorization flows end to end against the emulator: over msw (the real ipernity URLs)
// and over a real loopback server, with the token landing in a fileStore that a second process
// then uses.

const emulator = ipernityEmulator();
const harness = emulatorHarness(() => emulator);

const appKeys = () => memoryStore({ 'ipernity/default': { apiKey: APP.apiKey, secret: APP.secret } });

describe('desktop flow over msw (real ipernity URLs)', () => {
  it('start → approve → complete saves token, permissions and user to a fileStore', async () => {
    const store = fileStore({ path: join(harness.dir, 'msw.json') });
    await store.set('ipernity/work', { apiKey: APP.apiKey, secret: APP.secret });
    const flow = ipernityDesktopFlow({
      store,
      profile: 'work',
      permissions: { doc: 'write', network: 'read' },
    });
    const { url, frob } = await flow.start();
    const link = new URL(url);
    expect(link.origin + link.pathname).toBe('https://www.ipernity.com/apps/authorize');
    expect(link.searchParams.get('frob')).toBe(frob);
    expect((await clickButton(url, 'Approve')).status).toBe(200);
    const grant = await flow.complete();
    expect(grant).toEqual({
      user: { userId: USER.userId, username: USER.username, realname: USER.realname },
      permissions: { doc: 'write', blog: 'none', network: 'read', user: 'none' },
    });
    const saved = await store.get('ipernity/work');
    expect(saved).toMatchObject({ apiKey: APP.apiKey, secret: APP.secret, ...grant });
    expect(emulator.token(saved!['authToken'] as string)?.revoked).toBe(false);
  });

  it('frob not yet approved → IpernityAuthorizationPendingError; complete works after approval', async () => {
    const flow = ipernityDesktopFlow({ store: appKeys(), permissions: { doc: 'read' } });
    const { url } = await flow.start();
    const pending = await flow.complete().catch((e: unknown) => e);
    expect(pending).toBeInstanceOf(IpernityAuthorizationPendingError);
    expect(pending).toMatchObject({ code: 'AUTHPLUG_IPERNITY_AUTHORIZATION_PENDING', providerCode: '2' });
    await clickButton(url, 'Approve');
    expect((await flow.complete()).permissions.doc).toBe('read');
  });

  it('denied authorization → IpernityAuthorizationDeniedError, nothing saved', async () => {
    const store = appKeys();
    const flow = ipernityDesktopFlow({ store, permissions: { doc: 'read' } });
    const { url } = await flow.start();
    await clickButton(url, 'Deny');
    await expect(flow.complete()).rejects.toBeInstanceOf(IpernityAuthorizationDeniedError);
    expect(await store.get('ipernity/default')).toEqual({ apiKey: APP.apiKey, secret: APP.secret });
  });

  it('wrong secret → IpernityInvalidSignatureError from auth.getFrob; missing keys → typed errors', async () => {
    const wrong = ipernityDesktopFlow({
      store: memoryStore(),
      apiKey: APP.apiKey,
      secret: 'wrong',
      permissions: { doc: 'read' },
    });
    await expect(wrong.start()).rejects.toBeInstanceOf(IpernityInvalidSignatureError);
    const noSecret = ipernityDesktopFlow({
      store: memoryStore({ 'ipernity/default': { apiKey: APP.apiKey } }),
      permissions: { doc: 'read' },
    });
    await expect(noSecret.start()).rejects.toMatchObject({
      code: 'AUTHPLUG_INVALID_CREDENTIALS',
      field: 'secret',
    });
    expect(() => ipernityDesktopFlow({ permissions: { doc: 'read' } } as never)).toThrow(/option `store`/);
    expect(() =>
      ipernityDesktopFlow({ store: memoryStore(), permissions: { doc: 'read' }, apiKey: APP.apiKey }),
    ).toThrow(/option `secret`/);
    expect(() =>
      ipernityDesktopFlow({ store: memoryStore(), permissions: { docs: 'read' } as never }),
    ).toThrow(/permissions\.docs/);
    await expect(
      ipernityDesktopFlow({ store: appKeys(), permissions: { doc: 'read' } }).complete(),
    ).rejects.toMatchObject({
      code: 'AUTHPLUG_FLOW_NOT_STARTED',
    });
  });
});

describe('web flow over msw', () => {
  it('start → link without frob → approve redirects to the callback → complete({ frob })', async () => {
    const store = appKeys();
    const flow = ipernityWebFlow({ store, permissions: { network: 'write' } });
    const { url } = await flow.start();
    expect(new URL(url).searchParams.has('frob')).toBe(false);
    const answer = await clickButton(url, 'Approve');
    expect(answer.status).toBe(302);
    const callback = new URL(answer.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(APP.callbackUrl);
    const grant = await flow.complete({ frob: callback.searchParams.get('frob')! });
    expect(grant.permissions.network).toBe('write');
    expect((await store.get('ipernity/default'))?.['authToken']).toBeTypeOf('string');
    await expect(flow.complete({} as never)).rejects.toMatchObject({ code: 'AUTHPLUG_MISSING_OPTION' });
  });
});

describe('web flow over a loopback server', () => {
  it('approve redirects with a frob that complete() exchanges over real sockets', async () => {
    const store = appKeys();
    const flow = ipernityWebFlow({
      store,
      permissions: { user: 'read', blog: 'write' },
      apiUrl: `${harness.url}/api`,
      authorizeUrl: `${harness.url}/apps/authorize`,
    });
    const { url } = await flow.start();
    const answer = await clickButton(url, 'Approve');
    expect(answer.status).toBe(302);
    const frob = new URL(answer.headers.get('location')!).searchParams.get('frob')!;
    const grant = await flow.complete({ frob });
    expect(grant.permissions).toEqual({ doc: 'none', blog: 'write', network: 'none', user: 'read' });
    await expect(flow.complete({ frob: 'nope' })).rejects.toBeInstanceOf(IpernityAuthorizationDeniedError);
  });
});

describe('desktop flow over a loopback server, then a second process', () => {
  it('the token lands in a fileStore and a child process signs calls with it', async () => {
    const path = join(harness.dir, 'loopback.json');
    const store: CredentialStore = fileStore({ path });
    const flow = ipernityDesktopFlow({
      store,
      apiKey: APP.apiKey,
      secret: APP.secret,
      permissions: { doc: 'delete' },
      apiUrl: `${harness.url}/api/`,
      authorizeUrl: `${harness.url}/apps/authorize`,
    });
    const { url } = await flow.start();
    expect(url.startsWith(`${harness.url}/apps/authorize?`)).toBe(true);
    expect((await clickButton(url, 'Approve')).status).toBe(200);
    await flow.complete();
    const token = (await store.get('ipernity/default'))!['authToken'] as string;

    // A fresh process: nothing but the file path and the server URL.
    const script = `
      import axios from 'axios';
      import { withAuth } from '@authplug/axios';
      import { fileStore } from '@authplug/credentials';
      import { ipernity } from '@authplug/ipernity';
      const [path, base] = process.argv.slice(-2);
      const api = withAuth(axios.create({ baseURL: base }), ipernity({ store: fileStore({ path }) }));
      const check = await api.get('auth.checkToken/json');
      const doc = await api.get('doc.get/json', { params: { doc_id: '1234' } });
      console.log(JSON.stringify({ check: check.data, doc: doc.data }));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=@authplug/source', '--input-type=module', '-e', script, path, `${harness.url}/api/`],
      { cwd: import.meta.dirname, timeout: 20_000 },
    );
    const out = JSON.parse(stdout);
    expect(out.check.auth).toMatchObject({ token, user: { username: USER.username } });
    expect(out.doc.doc.doc_id).toBe('1234');
  });
});
