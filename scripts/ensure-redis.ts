// Makes sure Debian's redis-server is installed for the tests and benches of @authplug/redis, and
// prints its path. There is no systemd here: the tests start the binary themselves on a free
// loopback port. Installs with apt-get only when missing.
//
//   node scripts/ensure-redis.ts                      # installs when needed, prints the path
//   REDIS_SERVER_PATH=/opt/redis/redis-server node …  # use that binary instead (never installs)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where the tests look for redis-server: `REDIS_SERVER_PATH`, else Debian's `/usr/bin/redis-server`. */
export function redisServerPath(): string {
  return process.env['REDIS_SERVER_PATH'] || '/usr/bin/redis-server';
}

function run(command: string, args: string[], timeout: number): void {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `ensure-redis: \`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`}).\n${output}`,
    );
  }
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
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!hasApt) {
    throw new Error(
      'ensure-redis: redis-server is not installed and apt-get is not available to install it. ' +
        'Install Redis 7 (Debian/Ubuntu: `apt-get install -y redis-server`) or set REDIS_SERVER_PATH to a redis-server binary.',
    );
  }
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) {
    throw new Error(
      'ensure-redis: redis-server is not installed, and installing it needs root: run ' +
        '`sudo apt-get install -y redis-server` (or set REDIS_SERVER_PATH to a redis-server binary).',
    );
  }
  const apt = (args: string[], timeout: number) =>
    root ? run('apt-get', args, timeout) : run('sudo', ['-n', 'apt-get', ...args], timeout);
  log('ensure-redis: redis-server missing, installing it with apt-get (once, about 10 s)…');
  apt(['update'], 180_000);
  apt(['install', '-y', 'redis-server'], 300_000);
  if (!existsSync(path))
    throw new Error(`ensure-redis: apt-get installed redis-server but ${path} is still missing.`);
  log(`ensure-redis: installed ${path}`);
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureRedis());
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
