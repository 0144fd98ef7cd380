// encryptedStore over redisStore: the CredentialStore contract, and Redis's own GET and DUMP of
// the values holding no secret.
import { randomBytes } from 'node:crypto';
import { encryptedStore } from '@authplug/credentials';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ContractAdapter, SECRETS, SEED, storeContract } from '../../credentials/test/contract-suite.ts';
import { type RedisServer, startRedis } from '../test/redis-server.ts';
import { type RedisStore, redisStore } from './store.ts';

const KEY = randomBytes(32).toString('base64');
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
const inner = (prefix = `e${n++}:`): RedisStore => {
  const store = redisStore({ url: server.url }, { prefix });
  stores.push(store);
  return store;
};

const adapters: ContractAdapter[] = [
  {
    name: 'encryptedStore(redisStore)',
    writable: true,
    make: async (seed) => {
      const store = encryptedStore(inner(), { keys: { k1: KEY }, current: 'k1' });
      for (const [key, value] of Object.entries(seed)) await store.set(key, value);
      return store;
    },
  },
];
storeContract(adapters);

it('Redis GET and DUMP of every encrypted value hold no secret', async () => {
  const store = encryptedStore(inner('rest:'), { keys: { k1: KEY }, current: 'k1' });
  for (const [key, value] of Object.entries(SEED)) await store.set(key, value);
  await store.update('ipernity/default', (v) => ({ ...v, authToken: 'ip-token-hush-2' }));
  const raw = createClient({ url: server.url, RESP: 3 });
  await raw.connect();
  try {
    const keys = await raw.keys('rest:*');
    expect(keys.sort()).toEqual(
      Object.keys(SEED)
        .map((k) => `rest:cred:${k}`)
        .sort(),
    );
    for (const key of keys) {
      const text = (await raw.get(key))!;
      const dump = (await raw.withTypeMapping({ [3]: Buffer } as never).dump(key)) as unknown as Buffer;
      expect(JSON.parse(text)).toHaveProperty('$sealed');
      for (const secret of [...SECRETS, 'ip-token-hush-2']) {
        expect(text).not.toContain(secret);
        expect(dump.toString('latin1')).not.toContain(secret);
      }
    }
  } finally {
    await raw.close();
  }
  expect(await store.get('ipernity/default')).toMatchObject({ authToken: 'ip-token-hush-2' });
  // The control: without encryptedStore, the same read shows the secret.
  const plain = inner('plain:');
  await plain.set('oauth1/work', SEED['oauth1/work']!);
  const control = createClient({ url: server.url });
  await control.connect();
  expect(await control.get('plain:cred:oauth1/work')).toContain('ts-hush-1');
  await control.close();
});
