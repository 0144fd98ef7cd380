import { InvalidOptionError } from '@authplug/core';
import { StoreUnavailableError } from './errors.ts';

const PKG = '@authplug/redis';

/**
 * The part of a node-redis 6 client (`createClient()` from `redis`) that this package uses. Any
 * client of that package fits; pass your own to share its connection, TLS and ACL settings.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * const client: RedisClientLike = createClient({ url: process.env.REDIS_URL });
 * ```
 */
export interface RedisClientLike {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  /** Opens the connection (node-redis: `client.connect()`). */
  connect(): Promise<unknown>;
  /** Sends one raw command, e.g. `['SET', key, value, 'NX']`. */
  sendCommand(args: readonly string[]): Promise<unknown>;
  /** A second client with the same settings (the lock subscribes on it). */
  duplicate(): RedisClientLike;
  /** Listens to client events (`error`, `ready`, …). */
  on(event: string, listener: (arg: unknown) => void): unknown;
  /** Subscribes to a channel (the lock's release notices). */
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  /** Closes gracefully (node-redis 5+). */
  close?(): Promise<unknown>;
  /** Closes at once. */
  destroy?(): unknown;
}

/**
 * Where to reach Redis: a URL (`redis://[user:password@]host:port[/db]`, or `rediss://` for TLS)
 * that this package connects to and `close()` disconnects, or a node-redis client you own.
 *
 * @example
 * ```ts
 * const where: RedisConnectionOptions = { url: 'redis://app:s3cret@redis.internal:6379/0' };
 * ```
 */
export type RedisConnectionOptions =
  | { url: string; client?: undefined }
  | { client: RedisClientLike; url?: undefined };

/**
 * Timeouts shared by the store and the lock.
 *
 * @example
 * ```ts
 * const timing: RedisTimingOptions = { timeoutMs: 500 };
 * ```
 */
export interface RedisTimingOptions {
  /**
   * How long a command may take before `StoreUnavailableError`. Default 2 000 ms.
   */
  timeoutMs?: number;
  /**
   * How long the first command waits for the connection to open (a refused connection fails at
   * once). Default 10 000 ms: a busy host may take seconds to load the client and connect.
   */
  connectTimeoutMs?: number;
}

/** One Redis connection as the store and the lock see it. */
export interface Connection {
  /** `host:port`, for errors. */
  readonly target: string;
  command<T>(args: readonly string[], operation: string): Promise<T>;
  /** A second connection to the same server, for SUBSCRIBE. */
  duplicate(): Connection & { readonly client: RedisClientLike };
  close(): Promise<void>;
}

class TimeoutError extends Error {}

/** `host:port` of a URL, never its user or password. */
function targetOf(url: URL): string {
  return `${url.hostname || '127.0.0.1'}:${url.port || '6379'}`;
}

function clientTarget(client: RedisClientLike): string {
  const options = (client as { options?: { url?: string; socket?: { host?: string; port?: number } } })
    .options;
  if (options?.url) {
    try {
      return targetOf(new URL(options.url));
    } catch {
      // fall through to the socket options
    }
  }
  return `${options?.socket?.host ?? '127.0.0.1'}:${options?.socket?.port ?? 6379}`;
}

function reasonOf(error: unknown): string {
  // node-redis leaves `name` as 'Error': its classes are told apart by constructor.
  const e = error as { code?: unknown; message?: unknown } | undefined;
  const kind = (error as { constructor?: { name?: string } } | undefined)?.constructor?.name ?? '';
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  if (kind === 'ClientOfflineError' || kind === 'ClientClosedError') return 'offline';
  if (kind.endsWith('TimeoutError')) return 'timeout';
  if (kind === 'ErrorReply' || kind === 'SimpleError' || kind === 'BlobError') {
    const word = String(e?.message).split(' ')[0] ?? '';
    if (/^[A-Z]+$/.test(word)) return word;
  }
  return 'error';
}

/** A node-redis client made from a URL: fails fast while Redis is away, reconnects on its own. */
async function createOwnedClient(url: string, timeoutMs: number): Promise<RedisClientLike> {
  let redis: typeof import('redis');
  try {
    redis = await import('redis');
  } catch {
    throw new InvalidOptionError(
      PKG,
      'url',
      'needs the `redis` package (node-redis 6): install it next to @authplug/redis, or pass `client`.',
    );
  }
  return redis.createClient({
    url,
    // Queued commands would wait for Redis forever; a signing call must fail instead.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: timeoutMs,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1_000),
    },
  }) as unknown as RedisClientLike;
}

/**
 * Opens (lazily) the connection the options describe. The URL is parsed here once, and only its
 * host and port are kept outside the client.
 */
export function connect(options: RedisConnectionOptions, timing: RedisTimingOptions = {}): Connection {
  const timeoutMs = timing.timeoutMs ?? 2_000;
  const connectTimeoutMs = timing.connectTimeoutMs ?? 10_000;
  let target: string;
  let make: () => Promise<RedisClientLike>;
  let owned: boolean;
  if (options.client) {
    const client = options.client;
    target = clientTarget(client);
    make = async () => client;
    owned = false;
  } else {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new InvalidOptionError(PKG, 'url', 'must be a redis:// or rediss:// URL.');
    }
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
      throw new InvalidOptionError(PKG, 'url', 'must be a redis:// or rediss:// URL.');
    }
    target = targetOf(parsed);
    const url = options.url;
    make = () => createOwnedClient(url, connectTimeoutMs);
    owned = true;
  }
  return open(target, make, owned, timeoutMs, connectTimeoutMs);
}

function open(
  target: string,
  make: () => Promise<RedisClientLike>,
  owned: boolean,
  timeoutMs: number,
  connectTimeoutMs: number,
): Connection & { readonly client: RedisClientLike } {
  let client: RedisClientLike | undefined;
  let starting: Promise<RedisClientLike> | undefined;
  // Set while the client reports errors and is not ready: calls then fail at once instead of
  // each waiting `timeoutMs` for a server that is known to be away.
  let down: string | undefined;
  let closed = false;
  const waiters = new Set<() => void>();

  const start = (): Promise<RedisClientLike> => {
    starting ??= make().then((c) => {
      client = c;
      c.on('error', (error: unknown) => {
        if (c.isReady) return;
        down = reasonOf(error);
        for (const wake of waiters) wake();
      });
      c.on('ready', () => {
        down = undefined;
        for (const wake of waiters) wake();
      });
      // A client that keeps reconnecting never settles connect(): readiness comes from 'ready'.
      if (!c.isOpen) c.connect().catch(() => undefined);
      return c;
    });
    return starting;
  };

  const ready = async (operation: string): Promise<RedisClientLike> => {
    if (closed) throw new StoreUnavailableError(target, operation, 'closed');
    const c = await start();
    if (c.isReady) return c;
    if (down) throw new StoreUnavailableError(target, operation, down);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, connectTimeoutMs);
      function done() {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      }
      waiters.add(done);
    });
    if (!c.isReady) throw new StoreUnavailableError(target, operation, down ?? 'timeout');
    return c;
  };

  return {
    target,
    get client(): RedisClientLike {
      if (!client) throw new Error('connection not started');
      return client;
    },
    async command<T>(args: readonly string[], operation: string): Promise<T> {
      const c = await ready(operation);
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        return (await Promise.race([
          c.sendCommand(args),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new TimeoutError()), timeoutMs);
          }),
        ])) as T;
      } catch (error) {
        throw new StoreUnavailableError(target, operation, reasonOf(error));
      } finally {
        clearTimeout(timer);
      }
    },
    duplicate() {
      return open(target, async () => (await start()).duplicate(), true, timeoutMs, connectTimeoutMs);
    },
    async close() {
      closed = true;
      if (!owned || !starting) return;
      const c = await starting;
      if (c.close && c.isOpen) await c.close().catch(() => c.destroy?.());
      else c.destroy?.();
    },
  };
}
