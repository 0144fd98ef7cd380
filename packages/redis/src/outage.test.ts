// Redis going away and coming back, on the same store and lock objects, with a password URL:
// typed errors that name host and port but never the password, nothing sent to the provider
// during the outage, and the same objects working again afterwards.
import { inspect } from 'node:util';
import { withAuth } from '@authplug/axios';
import {
  type RunningServer,
  SAFECREATIVE_PRIVATE_KEY,
  SAFECREATIVE_SHARED_KEY,
  safecreativeEmulator,
  serveFetch,
} from '@authplug/emulators';
import { safecreative } from '@authplug/safecreative';
import axios from 'axios';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RedisServer, startRedis } from '../test/redis-server.ts';
import { StoreUnavailableError } from './errors.ts';
import { redisNonceLock } from './nonce-lock.ts';
import { redisStore } from './store.ts';

const PASSWORD = 'pw-hush-7f3a9c';
const AUTH = { authKey: 'outage0authkey000000000001', authPrivateKey: 'outage0private00000000001' };
const GRANT = {
  sharedKey: SAFECREATIVE_SHARED_KEY,
  privateKey: SAFECREATIVE_PRIVATE_KEY,
  ...AUTH,
  level: 'ADD',
};
let server: RedisServer;
let api: RunningServer;
let reached = 0;
beforeAll(async () => {
  server = await startRedis({ password: PASSWORD });
  const emulator = safecreativeEmulator({
    authKeys: [{ authKey: AUTH.authKey, privateKey: AUTH.authPrivateKey, level: 'ADD' }],
  });
  api = await serveFetch((request) => {
    reached++;
    return emulator.fetch(request);
  });
});
afterAll(async () => {
  await api?.close();
  await server?.dispose();
});

/** Every way an error can be shown or serialized, including its cause chain. */
function shown(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [
    String(e),
    e.message,
    e.stack ?? '',
    inspect(e, { depth: 10, showHidden: true }),
    JSON.stringify(e),
    JSON.stringify(e.cause ?? null),
    inspect(e.cause, { depth: 10, showHidden: true }),
    JSON.stringify(Object.getOwnPropertyDescriptors(e)),
  ].join('\n');
}

const register = (client: ReturnType<typeof withAuth>, title: string) =>
  client.post('', new URLSearchParams({ component: 'work.register', title, format: 'json' }));

it('rejects with StoreUnavailableError during the outage, sends nothing, and recovers on the same objects', async () => {
  expect(server.url).toContain(PASSWORD); // the URL really carries the password
  const store = redisStore({ url: server.url }, { timeoutMs: 1_000 });
  const nonceLock = redisNonceLock({ url: server.url }, { timeoutMs: 1_000 });
  const auth = safecreative({ store, nonceLock, server: `${api.url}/v2/` });
  const client = withAuth(axios.create({ baseURL: auth.endpoint }), auth);
  try {
    await store.set('safecreative/default', GRANT);
    expect((await register(client, 'before')).data.workregistry.code).toBeTruthy();

    await server.stop();
    const sentBefore = reached;
    const failures: unknown[] = [];
    for (const call of [
      () => register(client, 'during'),
      () => store.get('safecreative/default'),
      () => store.set('a/b', { x: '1' }),
      () => store.update('a/b', () => ({ x: '2' })),
      () => store.list(),
      () => store.delete('a/b'),
      () => nonceLock.acquire(AUTH.authKey, { holdMs: 1_000 }),
    ]) {
      failures.push(
        await call().then(
          () => 'resolved',
          (error: unknown) => error,
        ),
      );
    }
    expect(reached).toBe(sentBefore); // nothing reached the provider
    for (const error of failures) {
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ code: 'AUTHPLUG_STORE_UNAVAILABLE', target: `127.0.0.1:${server.port}` });
      const text = shown(error);
      expect(text).toContain(`127.0.0.1:${server.port}`);
      expect(text).not.toContain(PASSWORD);
      for (const secret of [AUTH.authKey, AUTH.authPrivateKey, SAFECREATIVE_PRIVATE_KEY]) {
        expect(text).not.toContain(secret);
      }
    }

    // Redis is back (empty: it keeps nothing on disk here), on the same port.
    await server.start();
    for (let attempt = 0; ; attempt++) {
      try {
        await store.set('safecreative/default', GRANT);
        break;
      } catch (error) {
        expect(error).toBeInstanceOf(StoreUnavailableError);
        if (attempt > 200) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const after = await register(client, 'after');
    expect(after.data.workregistry.code).toBeTruthy();
    expect(await store.get('safecreative/default')).toEqual(GRANT);
  } finally {
    await Promise.all([store.close(), nonceLock.close()]);
  }
}, 60_000);

it('a wrong password is a StoreUnavailableError naming the reason, not the password', async () => {
  const wrong = server.url.replace(PASSWORD, 'not-the-pw-hush');
  const store = redisStore({ url: wrong });
  try {
    const error = await store.get('a/b').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).reason).toMatch(/^(WRONGPASS|NOAUTH|error)$/);
    expect(shown(error)).not.toContain('not-the-pw-hush');
    expect(shown(error)).not.toContain(PASSWORD);
    expect(inspect(store, { depth: 10, showHidden: true })).not.toContain('hush');
    expect(JSON.stringify(store)).not.toContain('hush');
  } finally {
    await store.close();
  }
});
