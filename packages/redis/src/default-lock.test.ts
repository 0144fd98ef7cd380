// Without a nonceLock option, Safe Creative leases the authkey through the store's `update`:
// on redisStore that default is correct too (it polls, where redisNonceLock is woken).
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
import { redisStore } from './store.ts';

const AUTH = { authKey: 'default0authkey00000000001', authPrivateKey: 'default0private0000000001' };
const emulator = safecreativeEmulator({
  authKeys: [{ authKey: AUTH.authKey, privateKey: AUTH.authPrivateKey, level: 'ADD' }],
});
let server: RedisServer;
let api: RunningServer;
beforeAll(async () => {
  server = await startRedis();
  api = await serveFetch(emulator.fetch);
});
afterAll(async () => {
  await api?.close();
  await server?.dispose();
});

it('two instances on one redisStore, default lease: 2 x 8 concurrent registrations, no nonce twice', async () => {
  const stores = [redisStore({ url: server.url }), redisStore({ url: server.url })];
  try {
    await stores[0]!.set('safecreative/default', {
      sharedKey: SAFECREATIVE_SHARED_KEY,
      privateKey: SAFECREATIVE_PRIVATE_KEY,
      ...AUTH,
      level: 'ADD',
    });
    const calls = stores.flatMap((store) => {
      const auth = safecreative({ store, server: `${api.url}/v2/` });
      const client = withAuth(axios.create({ baseURL: auth.endpoint }), auth);
      return Array.from({ length: 8 }, (_, i) =>
        client.post('', new URLSearchParams({ component: 'work.register', title: `t${i}`, format: 'json' })),
      );
    });
    expect(await Promise.all(calls)).toHaveLength(16);
    expect(new Set(emulator.nonces.consumed).size).toBe(16);
    expect(emulator.nonces.rejected).toEqual([]);
    // The lease is given back.
    expect(await stores[0]!.list('safecreative-nonce/')).toEqual([]);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
}, 60_000);
