// pnpm bench: @authplug/credentials. fileStore get and update ops/s, alone and with 4 contending
// processes (each updating its own key in the same file, through the same lock), and memoryStore
// for reference. Run from the repo root:
//   node --conditions=@authplug/source bench/credentials.bench.ts   [BENCH_MS=2000 per case]
// Each case is a plain sequential `await` loop timed with performance.now() after a warm-up.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CredentialStore, fileStore, memoryStore } from '@authplug/credentials';
import { steadyOps } from './rounds.ts';

type Counter = { count: number };
const bump = (v: Counter | undefined): Counter => ({ count: (v?.count ?? 0) + 1 });

if (process.argv[2] === '--contend') {
  // A contender: update its own key until killed.
  const store = fileStore({ path: process.argv[3]!, lockTimeoutMs: 60_000 });
  const key = `bench/contender-${process.argv[4]}`;
  process.stdout.write('ready\n');
  for (;;) await store.update<Counter>(key, bump);
}

const MS = Number(process.env['BENCH_MS'] ?? 2_000);
const CONTENDERS = 4;
const VALUE = {
  consumerKey: 'dpf43f3p2l4k3l03',
  consumerSecret: 'kd94hf93k423kf44',
  token: 'nnch734d00sl2jdk',
  tokenSecret: 'pfkkdhi9sl3r4s00',
  user: { id: '42', name: 'Ada' },
  obtainedAt: 1_700_000_000,
};

const measure = (run: () => Promise<unknown>): Promise<number> => steadyOps(run, MS);

async function storeCases(name: string, store: CredentialStore): Promise<Record<string, number>> {
  await store.set('oauth1/default', VALUE);
  return {
    [`${name} get`]: await measure(() => store.get('oauth1/default')),
    [`${name} update`]: await measure(() => store.update<Counter>('bench/counter', bump)),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'authplug-bench-'));
const file = join(dir, 'credentials.json');
const results: { case: string; 'ops/s': number }[] = [];
const add = (r: Record<string, number>) => {
  for (const [name, ops] of Object.entries(r)) results.push({ case: name, 'ops/s': Math.round(ops) });
};
try {
  add(await storeCases('memoryStore', memoryStore()));
  add(await storeCases('fileStore (alone)', fileStore({ path: file })));

  const self = fileURLToPath(import.meta.url);
  const children = Array.from({ length: CONTENDERS }, (_, i) =>
    spawn(process.execPath, [...process.execArgv, self, '--contend', file, String(i)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  await Promise.all(children.map((c) => new Promise((resolve) => c.stdout!.once('data', resolve))));
  const contended = (): number => {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Counter | undefined>;
    return Array.from({ length: CONTENDERS }, (_, i) => data[`bench/contender-${i}`]?.count ?? 0).reduce(
      (a, b) => a + b,
    );
  };
  const store = fileStore({ path: file });
  const label = `fileStore (+${CONTENDERS} contending processes)`;
  let mark = contended();
  let started = performance.now();
  add({ [`${label} get`]: await measure(() => store.get('oauth1/default')) });
  const during = (what: string) => {
    const now = contended();
    const ops = ((now - mark) * 1000) / (performance.now() - started);
    results.push({
      case: `  the ${CONTENDERS} contenders' updates during ${what} (sum)`,
      'ops/s': Math.round(ops),
    });
    mark = now;
    started = performance.now();
  };
  during('get');
  add({ [`${label} update`]: await measure(() => store.update<Counter>('bench/counter', bump)) });
  during('update');
  for (const c of children) c.kill('SIGKILL');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `@authplug/credentials (Node ${process.version}, ${process.platform}, ${MS} ms per case, file in ${tmpdir()})`,
);
console.table(results);
