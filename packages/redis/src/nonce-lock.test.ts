// redisNonceLock against a real redis-server: one holder at a time, waiters woken by the release
// (not by polling), leases of dead holders lapsing, and the authkey never written to Redis.
import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { worker } from '../test/processes.ts';
import { type RedisServer, startRedis } from '../test/redis-server.ts';
import { type RedisNonceLock, redisNonceLock } from './nonce-lock.ts';

let server: RedisServer;
let raw: ReturnType<typeof createClient>;
const locks: RedisNonceLock[] = [];
beforeAll(async () => {
  server = await startRedis();
  raw = createClient({ url: server.url });
  await raw.connect();
});
afterAll(async () => {
  for (const lock of locks) await lock.close();
  await raw?.close();
  await server?.dispose();
});
const lock = (options?: Parameters<typeof redisNonceLock>[1]): RedisNonceLock => {
  const made = redisNonceLock({ url: server.url }, options);
  locks.push(made);
  return made;
};
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
/** How many times Redis ran a command, from its own statistics. */
const calls = async (command: string): Promise<number> => {
  const info = await raw.info('commandstats');
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
};

it('keeps the lease under the authkey’s SHA-256 with a random token, and deletes it on release', async () => {
  const authKey = 'lease-layout-authkey-hush';
  const release = await lock().acquire(authKey, { holdMs: 30_000 });
  const key = `authplug:nonce:${sha256(authKey)}`;
  expect(await raw.keys('authplug:*')).toEqual([key]);
  const token = await raw.get(key);
  expect(token).toMatch(/^[0-9a-f]{32}$/);
  expect(token).not.toContain(authKey);
  const ttl = await raw.pTTL(key);
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(5_000); // leaseMs, renewed while held; not the 30 s hold
  await release();
  await release(); // twice is harmless
  expect(await raw.exists(key)).toBe(0);
});

it('serializes holders across connections, and wakes a waiter on release instead of polling', async () => {
  const authKey = 'wake-authkey-hush';
  // Long leases: a waiter that only woke when the lease lapsed would hit the test timeout.
  const [a, b] = [lock({ leaseMs: 60_000 }), lock({ leaseMs: 60_000 })];
  const releaseA = await a.acquire(authKey, { holdMs: 60_000 });
  const setsBefore = await calls('set');
  let bHolds = false;
  const bAcquired = b.acquire(authKey, { holdMs: 60_000 }).then((release) => {
    bHolds = true;
    return release;
  });
  // Let b try, fail and go to sleep on the channel.
  while ((await calls('set')) === setsBefore) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 200));
  expect(bHolds).toBe(false);
  await releaseA();
  const releaseB = await bAcquired;
  expect(bHolds).toBe(true);
  // b tried once, slept, and tried once more when woken: no polling in between.
  expect((await calls('set')) - setsBefore).toBe(2);
  await releaseB();
});

it('a release by someone who no longer holds the lease deletes nothing', async () => {
  const authKey = 'stale-release-authkey-hush';
  const key = `authplug:nonce:${sha256(authKey)}`;
  const releaseOld = await lock({ leaseMs: 100 }).acquire(authKey, { holdMs: 100 });
  // Its hold ends: the lease lapses and someone else takes it.
  while ((await raw.exists(key)) === 1) await new Promise((r) => setTimeout(r, 20));
  const releaseNew = await lock().acquire(authKey, { holdMs: 30_000 });
  const token = await raw.get(key);
  await releaseOld();
  expect(await raw.get(key)).toBe(token);
  await releaseNew();
  expect(await raw.exists(key)).toBe(0);
});

it('a lease whose holder was killed with SIGKILL lapses after leaseMs, and the next caller takes it', async () => {
  const authKey = 'killed-holder-authkey-hush';
  const key = `authplug:nonce:${sha256(authKey)}`;
  const holder = worker('hold', server.url, authKey, '1000');
  await holder.line('held');
  const token = await raw.get(key);
  expect(token).toMatch(/^[0-9a-f]{32}$/);
  holder.child.kill('SIGKILL');
  await holder.exit();
  // The dead holder's lease is still there (nobody released it) …
  expect(await raw.get(key)).toBe(token);
  // … and a waiter gets it once it lapses, though it asked for a 60 s hold.
  const release = await lock().acquire(authKey, { holdMs: 60_000 });
  expect(await raw.get(key)).not.toBe(token);
  await release();
}, 120_000);

it('an aborted wait rejects with the signal’s reason and leaves the holder alone', async () => {
  const authKey = 'abort-authkey-hush';
  const release = await lock().acquire(authKey, { holdMs: 30_000 });
  const controller = new AbortController();
  const waiting = lock().acquire(authKey, { holdMs: 30_000, signal: controller.signal });
  const reason = new Error('gave up');
  setTimeout(() => controller.abort(reason), 50);
  await expect(waiting).rejects.toBe(reason);
  expect(await raw.exists(`authplug:nonce:${sha256(authKey)}`)).toBe(1);
  await release();
});
