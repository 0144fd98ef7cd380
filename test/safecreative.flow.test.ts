import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { withAuth as withAxios } from '@authplug/axios';
import { type CredentialStore, fileStore, memoryStore } from '@authplug/credentials';
import {
  clickButton,
  SAFECREATIVE_PRIVATE_KEY,
  SAFECREATIVE_SHARED_KEY,
  SAFECREATIVE_TEST_USER,
  safecreativeEmulator,
} from '@authplug/emulators';
import { withAuth as withKy } from '@authplug/ky';
import {
  AuthorizationPendingError,
  InsufficientLevelError,
  InvalidSignatureError,
  safecreative,
  safecreativeAuthFlow,
} from '@authplug/safecreative';
import axios from 'axios';
import ky from 'ky';
import { describe, expect, it } from 'vitest';
import { emulatorHarness } from './support/emulator-harness.ts';

// The authkey flow end to end against the emulator: over msw (the real Safe Creative URLs) and
// over a real loopback server. The user's click is an HTTP POST of the edit page's form.

const emulator = safecreativeEmulator();
const harness = emulatorHarness(() => emulator);

const APP = { sharedKey: SAFECREATIVE_SHARED_KEY, privateKey: SAFECREATIVE_PRIVATE_KEY };
const appKeys = (): CredentialStore => memoryStore({ 'safecreative/default': { ...APP } });

/** Opens the authkey.edit page and presses a button, as the user would; the answer page's text. */
const click = async (url: string, label: 'Approve' | 'Deny'): Promise<string> =>
  (await clickButton(url, label)).text();

describe('authkey flow over msw (real Safe Creative URLs)', () => {
  it('start → approve → complete saves authkey, private key, level and usercode; then a work is registered', async () => {
    const store = fileStore({ path: join(harness.dir, 'msw.json') });
    await store.set('safecreative/default', { ...APP });
    const flow = safecreativeAuthFlow({ store, level: 'ADD' });
    const { url, authKey } = await flow.start();
    expect(url.startsWith('https://api.safecreative.org/api-ui/authkey.edit?')).toBe(true);
    const saved = (await store.get('safecreative/default'))!;
    expect(saved).toMatchObject({ ...APP, authKey, authPrivateKey: expect.any(String) });

    // The link is signed with the authkey's private key (node:crypto here, independently).
    const pairs = [...new URL(url).searchParams].filter(([n]) => n !== 'signature');
    const base = pairs
      .map(([n, v]) => `${n}=${v}`)
      .sort()
      .join('&');
    expect(new URL(url).searchParams.get('signature')).toBe(
      createHash('sha1').update(`${saved['authPrivateKey']}&${base}`).digest('hex'),
    );
    expect(Object.fromEntries(pairs)).toMatchObject({
      authkey: authKey,
      level: 'ADD',
      sharedkey: APP.sharedKey,
    });

    await expect(flow.complete()).rejects.toBeInstanceOf(AuthorizationPendingError);
    expect(await click(url, 'Approve')).toContain('Authorization complete');
    const result = await flow.complete();
    expect(result).toEqual({ authKey, level: 'ADD', usercode: SAFECREATIVE_TEST_USER.usercode });
    expect(await store.get('safecreative/default')).toMatchObject({
      level: 'ADD',
      usercode: result.usercode,
    });

    const auth = safecreative({ store });
    const api = withAxios(axios.create({ baseURL: auth.endpoint }), auth);
    const { data } = await api.post(
      '',
      new URLSearchParams({ component: 'work.register', title: 'Flow work' }),
    );
    expect(String(data)).toContain('<workregistry>');
    expect(emulator.works().map((w) => w.title)).toContain('Flow work');
  });

  it('waitForAuthorization polls until the user approves', async () => {
    const flow = safecreativeAuthFlow({ store: appKeys(), level: 'GET' });
    const { url } = await flow.start();
    const waiting = flow.waitForAuthorization({ intervalMs: 20, signal: AbortSignal.timeout(5_000) });
    await new Promise((r) => setTimeout(r, 60));
    await click(url, 'Approve');
    await expect(waiting).resolves.toMatchObject({ level: 'GET' });
  });

  it('denied authorization: complete() keeps rejecting, waitForAuthorization stops on its signal', async () => {
    const store = appKeys();
    const flow = safecreativeAuthFlow({ store, level: 'MANAGE' });
    const { url, authKey } = await flow.start();
    expect(await click(url, 'Deny')).toContain('Authorization denied');
    expect(emulator.authKey(authKey)).toMatchObject({ authorized: false, denied: true });
    const error = await flow.complete().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationPendingError);
    expect(error).toMatchObject({ code: 'AUTHPLUG_SAFECREATIVE_NOT_AUTHORIZED_YET' });
    await expect(
      flow.waitForAuthorization({ intervalMs: 10, signal: AbortSignal.timeout(80) }),
    ).rejects.toThrow();
    expect(await store.get('safecreative/default')).not.toHaveProperty('level');
  });

  it('a level too low for the call → InsufficientLevelError after a GET authorization', async () => {
    const store = appKeys();
    const flow = safecreativeAuthFlow({ store, level: 'GET' });
    await click((await flow.start()).url, 'Approve');
    await flow.complete();
    const auth = safecreative({ store });
    const api = withAxios(axios.create({ baseURL: auth.endpoint }), auth);
    await expect(
      api.post('', new URLSearchParams({ component: 'work.register', title: 'x' })),
    ).rejects.toBeInstanceOf(InsufficientLevelError);
  });

  it('a client clock an hour behind is corrected once on authkey.create; a wrong application key is typed', async () => {
    const flow = safecreativeAuthFlow({
      store: appKeys(),
      level: 'GET',
      clock: () => Date.now() - 3_600_000,
    });
    await expect(flow.start()).resolves.toMatchObject({ url: expect.stringContaining('authkey.edit') });
    const bad = safecreativeAuthFlow({
      store: memoryStore({ 'safecreative/default': { ...APP, privateKey: 'wrong-private-key' } }),
      level: 'GET',
    });
    const error = await bad.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSignatureError);
    expect((error as Error).message).not.toContain('wrong-private-key');
  });

  it('names what is missing: no app keys, no start(), a bad level', async () => {
    await expect(safecreativeAuthFlow({ store: memoryStore(), level: 'GET' }).start()).rejects.toMatchObject({
      code: 'AUTHPLUG_CREDENTIALS_NOT_FOUND',
    });
    await expect(safecreativeAuthFlow({ store: appKeys(), level: 'GET' }).complete()).rejects.toMatchObject({
      code: 'AUTHPLUG_SAFECREATIVE_NOT_STARTED',
    });
    expect(() => safecreativeAuthFlow({ store: appKeys(), level: 'ALL' as never })).toThrow(/`level`/);
  });
});

describe('authkey flow over a loopback server', () => {
  it('start → approve → complete, then ky registers a work through the strategy', async () => {
    const server = `${harness.url}/v2/`;
    const store = fileStore({ path: join(harness.dir, 'loopback.json') });
    await store.set('safecreative/default', { ...APP });
    const flow = safecreativeAuthFlow({ store, level: 'MANAGE', server });
    const { url } = await flow.start();
    expect(url.startsWith(`${harness.url}/api-ui/authkey.edit?`)).toBe(true);
    expect(await click(url, 'Approve')).toContain('Authorization complete');
    await expect(flow.complete()).resolves.toMatchObject({ level: 'MANAGE' });

    const auth = safecreative({ store, server });
    const api = withKy(ky.create({ baseUrl: auth.endpoint }), auth);
    const body = await api
      .post('', {
        body: new URLSearchParams({ component: 'work.register', title: 'Loopback', format: 'json' }),
      })
      .json<{ workregistry: { code: string } }>();
    const deleted = await api
      .post('', {
        body: new URLSearchParams({ component: 'work.delete', code: body.workregistry.code, format: 'json' }),
      })
      .json();
    expect(deleted).toEqual({ restvalueresponse: { state: 'ready' } });
  });
});
