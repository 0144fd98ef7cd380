// redisStore against a real redis-server: the CredentialStore contract, the key layout, SCAN
// with many keys, and what a client of our own sees at rest.
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ContractAdapter, storeContract } from '../../credentials/test/contract-suite.ts';
import { type RedisServer, startRedis } from '../test/redis-server.ts';
import { type RedisStore, redisStore } from './store.ts';

let server: RedisServer;
const stores: RedisStore[] = [];
let n = 0;
beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  for (const store of stores) await store.close();
  await server?.dispose();
});

/** A store under a prefix of its own, so cases do not see each other's keys. */
const fresh = (): RedisStore => {
  const store = redisStore({ url: server.url }, { prefix: `t${n++}:` });
  stores.push(store);
  return store;
};

const adapters: ContractAdapter[] = [
  {
    name: 'redisStore',
    writable: true,
    make: async (seed) => {
      const store = fresh();
      for (const [key, value] of Object.entries(seed)) await store.set(key, value);
      return store;
    },
  },
];
storeContract(adapters);

it('keeps each credential as its JSON under <prefix>cred:<key>, readable by any Redis client', async () => {
  const store = redisStore({ url: server.url }, { prefix: 'layout:' });
  stores.push(store);
  await store.set('ipernity/default', { apiKey: 'k', user: { id: '42' } });
  const raw = createClient({ url: server.url });
  await raw.connect();
  try {
    expect(await raw.keys('layout:*')).toEqual(['layout:cred:ipernity/default']);
    expect(JSON.parse((await raw.get('layout:cred:ipernity/default'))!)).toEqual({
      apiKey: 'k',
      user: { id: '42' },
    });
    // Written by another client: the store reads it.
    await raw.set('layout:cred:oauth1/work', JSON.stringify({ consumerKey: 'c' }));
    expect(await store.get('oauth1/work')).toEqual({ consumerKey: 'c' });
  } finally {
    await raw.close();
  }
});

it('lists through SCAN across many keys, and treats glob characters in prefixes literally', async () => {
  const store = fresh();
  const keys = Array.from({ length: 2500 }, (_, i) => `bulk/${String(i).padStart(4, '0')}`);
  const raw = createClient({ url: server.url });
  await raw.connect();
  try {
    // One MSET rather than 2 500 round trips; the store reads them back as its own.
    const prefix = `t${n - 1}:cred:`;
    await raw.mSet(keys.map((k) => [prefix + k, '{"n":1}'] as [string, string]));
  } finally {
    await raw.close();
  }
  await store.set('star*/x', { a: 1 });
  await store.set('starry/x', { a: 1 });
  expect(await store.list('bulk/')).toEqual(keys);
  expect(await store.list('star*')).toEqual(['star*/x']);
  expect(await store.list('bulk/000')).toEqual(keys.slice(0, 10));
});

it('accepts a node-redis client the caller owns, and leaves it open on close()', async () => {
  const client = createClient({ url: server.url });
  await client.connect();
  const store = redisStore({ client }, { prefix: 'own:' });
  expect(store.target).toBe(`127.0.0.1:${server.port}`);
  await store.set('a/b', { x: '1' });
  await store.close();
  expect(client.isReady).toBe(true);
  expect(await client.get('own:cred:a/b')).toBe('{"x":"1"}');
  await client.close();
});
