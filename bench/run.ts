// `pnpm bench`: runs every bench/*.bench.ts in turn, each in its own process (so one bench's
// warm JIT or open sockets cannot colour the next), under the same Node and conditions.
//
//   pnpm bench [name…]       # all benches, or those whose file name contains a name
//   pnpm bench:smoke         # each bench once with tiny counts: checks they run, measures nothing
//
// `pnpm test` ends with the smoke run: nothing else runs the benches, and a bench that no longer
// runs (as redis.bench.ts once did, after a refactor) would otherwise go unnoticed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const SMOKE = {
  BENCH_REQUESTS: '40',
  BENCH_WARMUP: '10',
  BENCH_ROUNDS: '3',
  BENCH_ROUND_MS: '10',
  BENCH_MS: '100',
  BENCH_RUNS: '2',
};
const smoke = process.argv.includes('--smoke');
const only = process.argv.slice(2).filter((arg) => arg !== '--smoke');
const dir = new URL('.', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort((a, b) => (a === 'overhead.bench.ts' ? -1 : b === 'overhead.bench.ts' ? 1 : a.localeCompare(b)));
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}\n`);
  const result = spawnSync(process.execPath, ['--conditions=@authplug/source', new URL(file, dir).pathname], {
    stdio: 'inherit',
    env: smoke ? { ...process.env, ...SMOKE } : process.env,
  });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
