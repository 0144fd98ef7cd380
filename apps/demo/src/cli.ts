// `pnpm demo`: every provider through axios, ky and got against the local emulators.
import { memoryStore } from '@authplug/credentials';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { CLIENTS, type ClientName } from './clients.ts';
import { PROVIDERS } from './providers/index.ts';
import { runDemo } from './run.ts';

const program = new Command('authplug-demo')
  .description(
    'Signs real requests with every authplug strategy, through axios, ky and got, against local emulators.',
  )
  .addOption(new Option('--provider <names...>', 'providers to run').choices(PROVIDERS.map((p) => p.name)))
  .addOption(new Option('--client <names...>', 'clients to use').choices([...CLIENTS]))
  .parse();

const options = program.opts<{ provider?: string[]; client?: ClientName[] }>();
const providers = PROVIDERS.filter((p) => !options.provider || options.provider.includes(p.name));
const clients = options.client ?? [...CLIENTS];

const outcomes = await runDemo(providers, clients, memoryStore(), (line) => console.log(pc.dim(line)));
console.log();
for (const o of outcomes) {
  const mark = o.ok ? pc.green('✔') : pc.red('✘');
  console.log(`${mark} ${o.provider.padEnd(12)} ${o.client.padEnd(6)} ${o.ok ? o.detail : pc.red(o.detail)}`);
}
const failed = outcomes.filter((o) => !o.ok).length;
console.log(
  failed ? pc.red(`\n${failed} of ${outcomes.length} failed`) : pc.green(`\nall ${outcomes.length} verified`),
);
process.exitCode = failed ? 1 : 0;
