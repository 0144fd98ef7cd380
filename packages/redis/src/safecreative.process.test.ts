// Safe Creative's nonce-consuming calls from several processes, serialized by redisNonceLock,
// with the grant in Redis, against the emulator over loopback: the emulator records every nonce
// key it accepted and every one it refused.
import {
  type RunningServer,
  SAFECREATIVE_PRIVATE_KEY,
  SAFECREATIVE_SHARED_KEY,
  safecreativeEmulator,
  serveFetch,
} from '@authplug/emulators';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { worker } from '../test/processes.ts';
import { type RedisServer, startRedis } from '../test/redis-server.ts';
import { redisStore } from './store.ts';

const AUTH = { authKey: 'redis0authkey0000000000001', authPrivateKey: 'redis0private000000000001' };
let server: RedisServer;
let api: RunningServer;
let emulator: ReturnType<typeof safecreativeEmulator>;
beforeAll(async () => {
  server = await startRedis();
  const store = redisStore({ url: server.url });
  await store.set('safecreative/default', {
    sharedKey: SAFECREATIVE_SHARED_KEY,
    privateKey: SAFECREATIVE_PRIVATE_KEY,
    ...AUTH,
    level: 'ADD',
  });
  await store.close();
});
afterAll(async () => {
  await api?.close();
  await server?.dispose();
});
const freshEmulator = async (): Promise<void> => {
  await api?.close();
  emulator = safecreativeEmulator({
    authKeys: [{ authKey: AUTH.authKey, privateKey: AUTH.authPrivateKey, level: 'ADD' }],
  });
  api = await serveFetch(emulator.fetch);
};

const register = (name: string, count: number) =>
  worker('register', server.url, `${api.url}/v2/`, name, String(count));

it('4 processes x 16 concurrent work.register: all succeed, no nonce key used twice', async () => {
  await freshEmulator();
  const workers = ['A', 'B', 'C', 'D'].map((name) => register(name, 16));
  expect(await Promise.all(workers.map((w) => w.exit()))).toEqual([0, 0, 0, 0]);
  const codes = workers.flatMap((w) => JSON.parse(w.lines.at(-1)!) as string[]);
  expect(codes).toHaveLength(64);
  expect(new Set(codes).size).toBe(64);
  expect(emulator.nonces.consumed).toHaveLength(64);
  expect(new Set(emulator.nonces.consumed).size).toBe(64);
  expect(emulator.nonces.rejected).toEqual([]);
}, 240_000);

it('a process killed with SIGKILL while holding the lease: the others carry on once it lapses', async () => {
  await freshEmulator();
  const holder = worker('hold', server.url, AUTH.authKey, '1500');
  await holder.line('held');
  holder.child.kill('SIGKILL');
  await holder.exit();
  const workers = ['E', 'F', 'G'].map((name) => register(name, 8));
  expect(await Promise.all(workers.map((w) => w.exit()))).toEqual([0, 0, 0]);
  const codes = workers.flatMap((w) => JSON.parse(w.lines.at(-1)!) as string[]);
  expect(new Set(codes).size).toBe(24);
  expect(emulator.nonces.consumed).toHaveLength(24);
  expect(new Set(emulator.nonces.consumed).size).toBe(24);
  expect(emulator.nonces.rejected).toEqual([]);
}, 240_000);
