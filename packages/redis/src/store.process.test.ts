// redisStore across processes: 8 real child processes racing updates through one redis-server.
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { worker } from '../test/processes.ts';
import { type RedisServer, startRedis } from '../test/redis-server.ts';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedis();
});
afterAll(() => server?.dispose());

it('8 processes x 200 updates: the shared counter reaches exactly 1600 and every own key 200', async () => {
  const workers = Array.from({ length: 8 }, (_, i) =>
    worker('update', server.url, 'race:', String(i), '200'),
  );
  await Promise.all(workers.map((w) => w.line('ready')));
  for (const w of workers) w.child.stdin!.write('go\n');
  expect(await Promise.all(workers.map((w) => w.exit()))).toEqual(Array(8).fill(0));

  // Read back with a client of our own, not through the store under test.
  const raw = createClient({ url: server.url });
  await raw.connect();
  try {
    expect(JSON.parse((await raw.get('race:cred:shared/counter'))!)).toEqual({ count: 1600 });
    const own = await raw.keys('race:cred:worker/*');
    expect(own.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `race:cred:worker/${i}`));
    let sum = 0;
    for (const key of own) sum += (JSON.parse((await raw.get(key))!) as { count: number }).count;
    expect(sum).toBe(1600);
  } finally {
    await raw.close();
  }
}, 240_000);
