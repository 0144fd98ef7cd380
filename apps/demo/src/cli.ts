// `pnpm demo`: every provider through axios, ky and got, against the local emulators (or the
// real APIs with --real). Exit code 0 only when every combination was verified.

import {
  type Approver,
  CLIENTS,
  type ClientName,
  clickApprover,
  createProgress,
  personApprover,
} from '@authplug/cli/flows';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { PROVIDER_NAMES, PROVIDERS, type ProviderName } from './providers/index.ts';
import { renderReport } from './report.ts';
import { runDemo } from './run.ts';
import {
  defaultCredentialsPath,
  openStore,
  realPrerequisites,
  STORE_KINDS,
  type StoreKind,
} from './stores.ts';
import { parseWebPort, runWebDemo } from './web/main.ts';

interface CliOptions {
  provider?: ProviderName[];
  client?: ClientName[];
  store: StoreKind;
  credentials?: string;
  redisUrl?: string;
  interactive?: boolean;
  real?: boolean;
  wrongSecret?: ProviderName[];
  /** --web [port]: the web demo instead of the table run. */
  web?: true | number;
}

const program = new Command('pnpm demo')
  .description(
    'Signs requests with every authplug strategy (ipernity, Proofile, Historypin, Safe Creative) ' +
      'through axios, ky and got. By default against local emulators that verify every signature: ' +
      "each provider's authorization flow runs, the grants land in a credential store, then every " +
      'provider x client combination makes one signed call and the results come as a table.',
  )
  .addOption(new Option('--provider <names...>', 'providers to run (default: all)').choices(PROVIDER_NAMES))
  .addOption(new Option('--client <names...>', 'HTTP clients to use (default: all)').choices(CLIENTS))
  .addOption(
    new Option(
      '--store <kind>',
      'where keys and grants live: a 0600 JSON file, memory, AUTHPLUG_* env vars, or Redis (encrypted)',
    )
      .choices(STORE_KINDS)
      .default('file'),
  )
  .option(
    '--redis-url <url>',
    'the Redis of --store redis (default: a private redis-server started for the run)',
  )
  .option(
    '--credentials <file>',
    'the file of --store file (default: apps/demo/.demo/credentials.json, real-credentials.json with --real)',
  )
  .option('--interactive', 'print each authorization link and wait while you approve it in a browser')
  .option(
    '--real',
    'call the real APIs with your keys from the store or AUTHPLUG_* variables (never the default)',
  )
  .addOption(
    new Option(
      '--wrong-secret <names...>',
      "sign these providers' calls with a wrong secret, to see a refusal",
    ).choices(PROVIDER_NAMES),
  )
  .addHelpText(
    'after',
    `
Examples:
  pnpm demo                                   all 12 combinations against the emulators
  pnpm demo --provider proofile --client ky   one combination
  pnpm demo --interactive                     approve each flow yourself in a browser
  pnpm demo --wrong-secret historypin         see the emulator refuse a bad signature (exit 1)
  pnpm demo --web                             the web demo: each provider's web flow in your browser
  AUTHPLUG_HISTORYPIN_API_KEY=… AUTHPLUG_HISTORYPIN_API_SECRET=… \\
    pnpm demo --real --store env --provider historypin

Exit status: 0 when every combination is verified, 1 when one is not (or --real lacks keys).`,
  )
  .option(
    '--web [port]',
    'serve the web demo (src/web) on 127.0.0.1 instead: connect each provider in your browser',
    parseWebPort,
  )
  .showHelpAfterError()
  .parse();

const options = program.opts<CliOptions>();

// --web: the web demo (src/web/), served until Ctrl+C; the table run below does not happen.
if (options.web !== undefined) {
  await runWebDemo({ port: options.web === true ? 0 : options.web });
  process.exit(0);
}

const providers = PROVIDERS.filter((p) => !options.provider || options.provider.includes(p.name));
const clients = CLIENTS.filter((c) => !options.client || options.client.includes(c));
const real = Boolean(options.real);
const profile = 'default';
const { store, description, close } = await openStore(
  options.store,
  options.credentials ?? defaultCredentialsPath(real),
  options.redisUrl,
);

console.log(
  pc.bold(
    `authplug demo: ${providers.length} provider${providers.length === 1 ? '' : 's'} x ${clients.length} client${clients.length === 1 ? '' : 's'}, ${real ? pc.yellow('the REAL APIs') : 'local emulators'}`,
  ),
);
console.log(pc.dim(`credentials: ${description}`));
console.log();

if (real) {
  const problems = await realPrerequisites(providers, store, profile, Boolean(options.interactive));
  if (problems.length) {
    console.error(
      `${pc.red('--real needs keys it does not have; nothing was sent.')}\n\n${problems.map((p) => `  ${p}`).join('\n')}\n\n` +
        `Set the variables and use --store env, or put the fields in ${options.store === 'file' ? (options.credentials ?? defaultCredentialsPath(true)) : 'the store'}` +
        ' (--store file), or pick providers with --provider.',
    );
    await close?.();
    process.exit(1);
  }
}

const progress = createProgress();
const approver: Approver = options.interactive
  ? personApprover({ print: (text) => progress.print(text), pause: progress.pause, resume: progress.resume })
  : clickApprover();

const { outcomes } = await runDemo({
  providers,
  clients,
  store,
  profile,
  real,
  approver,
  progress,
  wrongSecret: options.wrongSecret ?? [],
});
await close?.();
console.log();
console.log(renderReport(providers, clients, outcomes, real));
console.log(pc.dim(`grants: ${description}`));
process.exitCode = outcomes.length > 0 && outcomes.every((o) => o.ok) ? 0 : 1;
