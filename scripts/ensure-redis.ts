// Makes sure Debian's redis-server is installed for the tests and benches of @authplug/redis, and
// prints its path. There is no systemd here: the tests start the binary themselves on a free
// loopback port. Installs with apt-get only when missing.
//
//   node scripts/ensure-redis.ts                      # installs when needed, prints the path
//   REDIS_SERVER_PATH=/opt/redis/redis-server node …  # use that binary instead (never installs)
import { existsSync } from 'node:fs';
import { aptInstall, runAsScript } from './apt-install.ts';

/** Where the tests look for redis-server: `REDIS_SERVER_PATH`, else Debian's `/usr/bin/redis-server`. */
export function redisServerPath(): string {
  return process.env['REDIS_SERVER_PATH'] || '/usr/bin/redis-server';
}

/**
 * Returns the redis-server binary's path, installing Debian's `redis-server` package first
 * (apt-get update + install, about 10 s) when it is missing. Throws a message saying what to do
 * on a machine without apt-get or without root.
 */
export function ensureRedis(log: (line: string) => void = console.log): string {
  const path = redisServerPath();
  if (existsSync(path)) return path;
  if (process.env['REDIS_SERVER_PATH']) {
    throw new Error(
      `ensure-redis: REDIS_SERVER_PATH=${path} does not exist. Point it at a redis-server binary.`,
    );
  }
  aptInstall(
    {
      tool: 'ensure-redis',
      pkg: 'redis-server',
      took: 'about 10 s',
      alternative: 'Or set REDIS_SERVER_PATH to a redis-server binary.',
    },
    log,
  );
  if (!existsSync(path))
    throw new Error(`ensure-redis: apt-get installed redis-server but ${path} is still missing.`);
  log(`ensure-redis: installed ${path}`);
  return path;
}

runAsScript(import.meta.url, () => ensureRedis());
