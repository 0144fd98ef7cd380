// `pnpm bench`: runs every bench/*.bench.ts in turn, each in its own process (so one bench's
// warm JIT or open sockets cannot colour the next), under the same Node and conditions.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
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
  });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
