// `pnpm demo --store redis --redis-url …` as a separate process against a redis-server of the
// test's own: all 12 combinations pass with the grants in Redis, sealed, and Redis's own GET of
// each grant shows none of the secrets the store hands back.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { encryptedStore } from '@authplug/credentials';
import { redisStore } from '@authplug/redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RedisServer, startRedis } from '../../../packages/redis/test/redis-server.ts';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
let server: RedisServer;
beforeAll(async () => {
  server = await startRedis();
});
afterAll(() => server?.dispose());

it('--store redis: 12 of 12 verified, grants in Redis with every secret sealed', async () => {
  const key = randomBytes(32).toString('base64');
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const name of Object.keys(env)) if (name.startsWith('AUTHPLUG_')) delete env[name];
  env['AUTHPLUG_ENCRYPTION_KEYS'] = `demo1:${key}`;
  const child = spawn(
    process.execPath,
    ['--conditions=@authplug/source', cli, '--store', 'redis', '--redis-url', server.url],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout).toContain('all 12 verified');
  expect(stdout).toMatch(
    new RegExp(`grants: Redis at 127\\.0\\.0\\.1:${server.port}, keys authplug:demo:cred:\\*`),
  );
  expect(stdout).toContain('key "demo1" from AUTHPLUG_ENCRYPTION_KEYS');

  const inner = redisStore({ url: server.url }, { prefix: 'authplug:demo:' });
  const store = encryptedStore(inner, {
    keys: { demo1: key },
    current: 'demo1',
  });
  const raw = createClient({ url: server.url });
  await raw.connect();
  try {
    const names = ['historypin/default', 'ipernity/default', 'proofile/default', 'safecreative/default'];
    expect((await store.list()).filter((k) => names.includes(k))).toEqual(names);
    const secrets = [
      (await store.get('ipernity/default'))?.['authToken'] as string,
      (await store.get('proofile/default'))?.['tokenSecret'] as string,
      (await store.get('historypin/default'))?.['apiSecret'] as string,
      (await store.get('safecreative/default'))?.['authPrivateKey'] as string,
    ];
    for (const name of names) {
      const text = (await raw.get(`authplug:demo:cred:${name}`))!;
      expect(JSON.parse(text)).toHaveProperty('$sealed.kid', 'demo1');
      for (const secret of secrets) {
        expect(secret).toMatch(/.{8}/);
        expect(text).not.toContain(secret);
        expect(stdout).not.toContain(secret);
      }
    }
  } finally {
    await raw.close();
    await inner.close();
  }
}, 240_000);
