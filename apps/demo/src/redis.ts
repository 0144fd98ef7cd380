// --store redis: the grants in Redis (redisStore), sealed with encryptedStore. Without
// --redis-url the demo starts a private redis-server on a free loopback port, in a temp
// directory, and stops it when the run ends.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CredentialStore,
  encryptedStore,
  encryptionKeysFromEnv,
  generateEncryptionKey,
} from '@authplug/credentials';
import { redisStore } from '@authplug/redis';
import { ensureRedis } from '../../../scripts/ensure-redis.ts';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function privateServer(): Promise<{ url: string; stop: () => void }> {
  const binary = ensureRedis((line) => console.error(line));
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'authplug-demo-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The encrypted Redis store, what to print about it, and how to let go of it. */
export async function openRedisStore(
  url: string | undefined,
): Promise<{ store: CredentialStore; description: string; close: () => Promise<void> }> {
  const server = url ? undefined : await privateServer();
  const redis = redisStore({ url: url ?? server!.url }, { prefix: 'authplug:demo:' });
  // AUTHPLUG_ENCRYPTION_KEYS when set (any program can use the same convention); else a key
  // for this run only, which is enough for grants that live as long as the private server.
  const fromEnv = encryptionKeysFromEnv();
  const keys = fromEnv ?? { keys: { run: generateEncryptionKey() }, current: 'run' };
  return {
    store: encryptedStore(redis, keys),
    description:
      `Redis at ${redis.target}${server ? ' (a private redis-server for this run)' : ''}, keys authplug:demo:cred:*, ` +
      `secret fields sealed with AES-256-GCM (key "${keys.current}"${fromEnv ? ' from AUTHPLUG_ENCRYPTION_KEYS' : ', made for this run'})`,
    close: async () => {
      await redis.close();
      server?.stop();
    },
  };
}
