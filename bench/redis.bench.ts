// pnpm bench: @authplug/redis next to fileStore, in the same run, against a private redis-server
// (Debian's, on a free loopback port; installed on demand). Run from the repo root:
//   node --conditions=@authplug/source bench/redis.bench.ts   [BENCH_MS=3000 per case]
//
// - get and update ops/s from one process alone (sequential awaits);
// - 4 contending processes updating ONE shared key: their total updates/s, for redisStore's
//   compare-and-set script, for a WATCH/MULTI/EXEC update written here for comparison, and for
//   fileStore (whose every update takes the file lock and fsyncs);
// - Safe Creative work.register calls/s from 4 processes (2 callers each) on one authkey,
//   serialized by redisNonceLock vs by the default lease in a fileStore.
// Contended figures count what the workers did inside the window (read from the store / the
// emulator), after every worker reported ready, so process start-up is not charged.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withAuth } from '@authplug/axios';
import { type CredentialStore, fileStore } from '@authplug/credentials';
import {
  SAFECREATIVE_PRIVATE_KEY,
  SAFECREATIVE_SHARED_KEY,
  safecreativeEmulator,
  serveFetch,
} from '@authplug/emulators';
import { redisNonceLock, redisStore } from '@authplug/redis';
import { safecreative } from '@authplug/safecreative';
import axios from 'axios';
import { createClient } from 'redis';
import { startRedis } from '../packages/redis/test/redis-server.ts';
import { steadyOps } from './rounds.ts';

type Counter = { count: number };
const bump = (v: Counter | undefined): Counter => ({ count: (v?.count ?? 0) + 1 });
const MS = Number(process.env['BENCH_MS'] ?? 3_000);
const WORKERS = 4;
// Declared before the role dispatch below: `main()` runs from there, at module evaluation.
const measure = (run: () => Promise<unknown>): Promise<number> => steadyOps(run, MS);
const AUTH = { authKey: 'bench0redis00000000000001', authPrivateKey: 'bench0redisprivate0000001' };
const GRANT = {
  sharedKey: SAFECREATIVE_SHARED_KEY,
  privateKey: SAFECREATIVE_PRIVATE_KEY,
  ...AUTH,
  level: 'ADD',
};

const [, , role, kind, target, api] = process.argv;
if (role === '--update') {
  // A contender: update the shared counter until killed.
  if (kind === 'watch') {
    const client = createClient({ url: target! });
    await client.connect();
    process.stdout.write('ready\n');
    for (;;) {
      await client.watch('bench:cred:shared');
      const next = JSON.stringify(
        bump(JSON.parse((await client.get('bench:cred:shared')) ?? 'null') ?? undefined),
      );
      try {
        await client.multi().set('bench:cred:shared', next).exec();
      } catch {
        // WatchError: someone wrote in between; go round again.
      }
    }
  }
  const store: CredentialStore =
    kind === 'redis'
      ? redisStore({ url: target! }, { prefix: 'bench:' })
      : fileStore({ path: target!, lockTimeoutMs: 60_000 });
  await store.get('warm/up');
  process.stdout.write('ready\n');
  for (;;) await store.update<Counter>('shared', bump);
} else if (role === '--register') {
  const auth =
    kind === 'redis'
      ? safecreative({
          store: redisStore({ url: target! }),
          nonceLock: redisNonceLock({ url: target! }),
          server: api,
        })
      : safecreative({ store: fileStore({ path: target!, lockTimeoutMs: 60_000 }), server: api });
  const client = withAuth(
    axios.create({ baseURL: auth.endpoint, httpAgent: new Agent({ keepAlive: true }) }),
    auth,
  );
  const call = () =>
    client.post('', new URLSearchParams({ component: 'work.register', title: 't', format: 'json' }));
  await call();
  process.stdout.write('ready\n');
  const loop = async (): Promise<never> => {
    for (;;) await call();
  };
  await Promise.all([loop(), loop()]);
} else {
  await main();
}

function workers(args: string[]): Promise<ChildProcess[]> {
  const self = fileURLToPath(import.meta.url);
  const children = Array.from({ length: WORKERS }, () =>
    spawn(process.execPath, [...process.execArgv, self, ...args], { stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  return Promise.all(
    children.map((c) => new Promise<ChildProcess>((resolve) => c.stdout!.once('data', () => resolve(c)))),
  );
}

/** Runs `count` over a window while the workers run; returns the workers' operations per second. */
async function window(children: ChildProcess[], count: () => Promise<number>): Promise<number> {
  const before = await count();
  const start = performance.now();
  await new Promise((r) => setTimeout(r, MS));
  const after = await count();
  const elapsed = performance.now() - start;
  for (const c of children) c.kill('SIGKILL');
  return ((after - before) * 1000) / elapsed;
}

async function main(): Promise<void> {
  const server = await startRedis();
  const dir = mkdtempSync(join(tmpdir(), 'authplug-bench-redis-'));
  const results: { case: string; 'ops/s': number }[] = [];
  let handover = '';
  const add = (name: string, ops: number) => results.push({ case: name, 'ops/s': Math.round(ops) });
  try {
    const redis = redisStore({ url: server.url }, { prefix: 'bench:' });
    const file = fileStore({ path: join(dir, 'alone.json') });
    for (const [name, store] of [
      ['redisStore', redis],
      ['fileStore', file],
    ] as const) {
      await store.set('oauth1/default', GRANT);
      add(`${name} get (alone)`, await measure(() => store.get('oauth1/default')));
      add(`${name} update (alone)`, await measure(() => store.update<Counter>('bench/alone', bump)));
    }

    const shared = async (store: CredentialStore) => (await store.get<Counter>('shared'))?.count ?? 0;
    add(
      `redisStore update, ${WORKERS} processes on one key (CAS script)`,
      await window(await workers(['--update', 'redis', server.url]), () => shared(redis)),
    );
    await redis.delete('shared');
    add(
      `  WATCH/MULTI/EXEC update, ${WORKERS} processes on one key`,
      await window(await workers(['--update', 'watch', server.url]), () => shared(redis)),
    );
    const contended = join(dir, 'contended.json');
    const contendedStore = fileStore({ path: contended });
    add(
      `fileStore update, ${WORKERS} processes on one key`,
      await window(await workers(['--update', 'file', contended]), () => shared(contendedStore)),
    );

    for (const kind of ['redis', 'file'] as const) {
      const emulator = safecreativeEmulator({
        authKeys: [{ authKey: AUTH.authKey, privateKey: AUTH.authPrivateKey, level: 'ADD' }],
      });
      const loopback = await serveFetch(emulator.fetch);
      const target = kind === 'redis' ? server.url : join(dir, 'safecreative.json');
      const store = kind === 'redis' ? redisStore({ url: server.url }) : fileStore({ path: target });
      await store.set('safecreative/default', GRANT);
      const children = await workers(['--register', kind, target, `${loopback.url}/v2/`]);
      add(
        `Safe Creative work.register, ${WORKERS} processes, ${kind === 'redis' ? 'redisNonceLock' : 'file lease (default)'}`,
        await window(children, async () => emulator.nonces.consumed.length),
      );
      if (emulator.nonces.rejected.length > 0) throw new Error(`${kind}: the emulator refused a nonce`);
      await loopback.close();
      if (kind === 'redis') await (store as ReturnType<typeof redisStore>).close();
    }
    await redis.close();

    // Hand-over: A releases while B waits; the time from A's release call to B holding.
    const [a, b] = [redisNonceLock({ url: server.url }), redisNonceLock({ url: server.url })];
    const gaps: number[] = [];
    for (let i = 0; i < 200; i++) {
      const releaseA = await a.acquire('bench-handover', { holdMs: 10_000 });
      const bHolds = b.acquire('bench-handover', { holdMs: 10_000 });
      await new Promise((r) => setTimeout(r, 2)); // B has tried and is waiting
      const start = performance.now();
      await releaseA();
      const releaseB = await bHolds;
      gaps.push(performance.now() - start);
      await releaseB();
    }
    await Promise.all([a.close(), b.close()]);
    gaps.sort((x, y) => x - y);
    handover = `redisNonceLock hand-over (release → waiter holds), 200 times: median ${gaps[100]!.toFixed(2)} ms, p90 ${gaps[180]!.toFixed(2)} ms`;
  } finally {
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `@authplug/redis (Node ${process.version}, ${process.platform}, redis-server 7, ${MS} ms per case)`,
  );
  console.table(results);
  console.log(handover);
}
