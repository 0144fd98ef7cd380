// How long `authplug --help` takes to start and exit: 20 runs (BENCH_RUNS), median and spread, from source
// (as the tests and `pnpm demo` run it) and from the built bin when `pnpm build` has made it.
// The CLI loads only commander up front; every command imports its clients, providers and
// emulators when it runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median } from './rounds.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const source = fileURLToPath(new URL('../packages/cli/src/bin.ts', import.meta.url));
const built = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));

function measure(label: string, args: string[]): void {
  const times: number[] = [];
  spawnSync(process.execPath, args, { stdio: 'ignore' }); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`${label}: exit ${result.status}`);
  }
  console.log(
    `${label.padEnd(34)} median ${median(times).toFixed(0)} ms  (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${RUNS} runs)`,
  );
}

measure('node -e 0 (Node alone)', ['-e', '0']);
measure('authplug --help (source)', ['--conditions=@authplug/source', source, '--help']);
if (existsSync(built)) measure('authplug --help (built dist/bin.js)', [built, '--help']);
else console.log('authplug --help (built): run `pnpm build` first to measure the published bin');
