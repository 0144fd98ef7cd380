// A child process for the multi-process tests (run with --conditions=@authplug/source).
//   update <redisUrl> <prefix> <id> <count>: waits for "go" on stdin, then `count` times updates
//     its own key `worker/<id>` and the shared `shared/counter`, each +1.
//   register <redisUrl> <apiUrl> <name> <count>: `count` concurrent Safe Creative work.register
//     calls through axios, with the grant in Redis and redisNonceLock; prints the works' codes.
//   hold <redisUrl> <authKey> <leaseMs>: takes the authkey's nonce lease, prints "held", and
//     waits to be killed.
import { withAuth } from '@authplug/axios';
import { safecreative } from '@authplug/safecreative';
import axios from 'axios';
import { redisNonceLock } from '../src/nonce-lock.ts';
import { redisStore } from '../src/store.ts';

const [mode, url, a, b, c] = process.argv.slice(2) as [string, string, string, string, string];
type Counter = { count: number };

if (mode === 'update') {
  const store = redisStore({ url }, { prefix: a });
  await store.get('warm/up'); // connect before the race starts
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  for (let i = 0; i < Number(c); i++) {
    await store.update<Counter>(`worker/${b}`, (v) => ({ count: (v?.count ?? 0) + 1 }));
    await store.update<Counter>('shared/counter', (v) => ({ count: (v?.count ?? 0) + 1 }));
  }
  await store.close();
  process.stdout.write('done\n');
  process.stdin.destroy();
} else if (mode === 'register') {
  const store = redisStore({ url });
  const nonceLock = redisNonceLock({ url });
  const auth = safecreative({ store, nonceLock, server: a });
  const api = withAuth(axios.create({ baseURL: auth.endpoint }), auth);
  const calls = Array.from({ length: Number(c) }, (_, i) =>
    api.post('', new URLSearchParams({ component: 'work.register', title: `${b} ${i}`, format: 'json' })),
  );
  const codes = (await Promise.all(calls)).map((r) => r.data.workregistry.code as string);
  await Promise.all([store.close(), nonceLock.close()]);
  process.stdout.write(`${JSON.stringify(codes)}\n`);
} else if (mode === 'hold') {
  const lock = redisNonceLock({ url }, { leaseMs: Number(b) });
  await lock.acquire(a, { holdMs: 60_000 });
  process.stdout.write('held\n');
  await new Promise(() => undefined);
}
