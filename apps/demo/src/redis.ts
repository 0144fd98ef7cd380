// --store redis: the grants in Redis (redisStore), sealed with encryptedStore. Without
// --redis-url the demo starts a private redis-server on a free loopback port, in a temp
// directory, and stops it when the run ends.
import {
  type CredentialStore,
  encryptedStore,
  encryptionKeysFromEnv,
  generateEncryptionKey,
} from '@authplug/credentials';
import { redisStore } from '@authplug/redis';
import { startRedis } from '../../../packages/redis/test/redis-server.ts';

/** The encrypted Redis store, what to print about it, and how to let go of it. */
export async function openRedisStore(
  url: string | undefined,
): Promise<{ store: CredentialStore; description: string; close: () => Promise<void> }> {
  // The same private server the @authplug/redis tests start (persistence off, temp directory).
  const server = url ? undefined : await startRedis({ log: (line) => console.error(line) });
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
      await server?.dispose();
    },
  };
}
