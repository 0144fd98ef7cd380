#!/usr/bin/env node
// `authplug`: log in to a provider, see and remove grants, send signed requests, explain a
// signature. Only commander loads up front; each command imports what it needs when it runs,
// so `authplug --help` stays fast.
import { Command, Option } from 'commander';

const PROVIDERS = 'ipernity, proofile, oauth1, safecreative, historypin';

const common = (command: Command): Command =>
  command
    .option('--profile <name>', 'which of the provider\'s profiles (default: "default")')
    .option(
      '--store <store>',
      'file (default), env, memory, a file path, or redis://… (needs @authplug/redis)',
    )
    .option('--emulator [url]', 'use the built-in emulators: started in-process, or the running ones at url');

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Runs a command: a typed error's message (never a secret) and a non-zero exit on failure. */
const run =
  <A extends unknown[]>(action: (...args: A) => Promise<unknown>) =>
  async (...args: A): Promise<void> => {
    try {
      const code = await action(...args);
      if (typeof code === 'number') process.exitCode = code;
    } catch (error) {
      const { report } = await import('./report.ts');
      process.exitCode = report(error);
    }
  };

const program = new Command('authplug')
  .description('Log in to signed APIs, see and remove grants, send signed requests, explain a signature.')
  .version('0.0.0', '-V, --version')
  .showHelpAfterError()
  .addHelpText(
    'after',
    `
Providers: ${PROVIDERS}

Examples:
  authplug login ipernity --perm doc=write          desktop flow in your browser, token saved
  authplug status --check                           every grant, secrets masked, each one checked
  authplug request ipernity auth.checkToken/json    one signed call, the body printed
  authplug explain historypin user/get_edit.json id=19 --expected '<what the provider printed>'
  authplug login historypin --emulator              try anything against the built-in emulators

Keys come from the store, then AUTHPLUG_* variables (e.g. AUTHPLUG_IPERNITY_API_KEY), then flags,
then a prompt. NO_COLOR turns colours off.`,
  );

common(
  program
    .command('login')
    .description('authorize authplug at a provider and save the grant (written once, at the end)')
    .argument('<provider>', PROVIDERS),
)
  .option('--no-browser', 'print the authorization link instead of opening a browser')
  .option('--perm <area=level,…>', 'ipernity permissions, e.g. doc=write,blog=read (default doc=read)')
  .option('--access <rights>', 'proofile rights, e.g. read_profile,read_connection')
  .addOption(
    new Option('--level <level>', 'safecreative authkey level (default GET)').choices([
      'GET',
      'ADD',
      'MANAGE',
    ]),
  )
  .option(
    '--api <name>',
    'oauth1: a named API from ~/.config/authplug/oauth1.json (its endpoints, apiUrl, verify)',
  )
  .option('--config <file>', 'oauth1: another file of named APIs')
  .option('--request-token-url <url>', 'oauth1: the request-token endpoint')
  .option('--authorize-url <url>', 'oauth1: the authorization page')
  .option('--access-token-url <url>', 'oauth1: the access-token endpoint')
  .option(
    '--base-url <url>',
    "where the provider's flow lives, e.g. Safe Creative's arena or a proxy (default: the real hosts)",
  )
  .option('--api-url <url>', 'the API root later requests go to (oauth1: required to check the grant)')
  .option('--verify <path>', 'a read-only path to check the grant with (default: one per provider)')
  .option('--oob', 'OAuth 1.0a: type the verifier the page shows instead of a loopback callback')
  .option('--timeout <seconds>', 'how long to wait for the approval (default 600)')
  .option('--api-key <value>', 'ipernity / historypin application key')
  .option('--secret <value>', 'ipernity application secret (prefer AUTHPLUG_IPERNITY_SECRET or the prompt)')
  .option('--api-secret <value>', 'historypin API secret')
  .option('--consumer-key <value>', 'proofile / oauth1 consumer key')
  .option('--consumer-secret <value>', 'proofile / oauth1 consumer secret')
  .option('--shared-key <value>', 'safecreative shared key')
  .option('--private-key <value>', 'safecreative private key')
  .addHelpText(
    'after',
    `
Examples:
  authplug login ipernity --perm doc=write,blog=read
  authplug login proofile --access read_profile
  authplug login oauth1 --request-token-url https://api.example/oauth/request_token \\
    --authorize-url https://api.example/oauth/authorize --access-token-url https://api.example/oauth/access_token \\
    --api-url https://api.example/1/ --verify account/verify_credentials.json
  authplug login oauth1 --api photos                   endpoints from ~/.config/authplug/oauth1.json
  authplug login safecreative --level ADD --profile work
  AUTHPLUG_HISTORYPIN_API_KEY=… AUTHPLUG_HISTORYPIN_API_SECRET=… authplug login historypin
  authplug login ipernity --emulator --no-browser     against the built-in emulators`,
  )
  .action(
    run(async (provider: string, options) => (await import('./commands/login.ts')).login(provider, options)),
  );

common(program.command('status').description('list every stored grant, secrets masked'))
  .option('--check', 'verify each grant with a read-only signed call')
  .option('--json', 'print the list as JSON')
  .addHelpText('after', '\nExamples:\n  authplug status\n  authplug status --check --json')
  .action(run(async (options) => (await import('./commands/status.ts')).status(options)));

common(program.command('logout').description('remove a stored grant').argument('<provider>', PROVIDERS))
  .addHelpText(
    'after',
    '\nExamples:\n  authplug logout ipernity\n  authplug logout safecreative --profile work',
  )
  .action(
    run(async (provider: string, options) =>
      (await import('./commands/logout.ts')).logout(provider, options),
    ),
  );

const requestLike = (command: Command): Command =>
  common(command)
    .argument('<provider>', PROVIDERS)
    .argument('[request...]', '[METHOD] <path|url> [name=value …]: name=value pairs go to the query')
    .option('-d, --data <name=value>', 'a form field (repeatable); makes the method POST', collect)
    .option('--json <json>', 'a JSON body; makes the method POST')
    .option('--base-url <url>', 'another API root (a proxy, an emulator)');

requestLike(program.command('request').description('send one signed request and print the answer'))
  .addOption(
    new Option('--client <client>', 'the HTTP client that sends it')
      .choices(['ky', 'axios', 'got'])
      .default('ky'),
  )
  .option('-i, --include', 'print the status line and headers too')
  .option('-v, --verbose', 'print the request as sent (signature visible, secrets never) on stderr')
  .addHelpText(
    'after',
    `
Exit status: 0 only for a 2xx answer with no provider error in it.

Examples:
  authplug request ipernity auth.checkToken/json
  authplug request ipernity doc.tags.add/json -d doc_id=1234 -d keywords=authplug
  authplug request proofile userid/4711/profile -i
  authplug request safecreative component=work.list format=json
  authplug request historypin user/get_edit.json id=19 -v --client got`,
  )
  .action(
    run(async (provider: string, words: string[], options) =>
      (await import('./commands/request.ts')).request(provider, words, options),
    ),
  );

requestLike(
  program
    .command('explain')
    .description('show what would be signed for a request, and why a signature differs'),
)
  .option(
    '--expected <string>',
    'what the provider printed (a base string or a signature): shows the first difference',
  )
  .option('--as-json', 'print the explanation as JSON')
  .addHelpText(
    'after',
    `
Exit status: 1 when --expected differs.

Examples:
  authplug explain historypin user/get_edit.json id=19
  authplug explain ipernity POST doc.tags.add/json -d doc_id=1234 -d keywords=easy
  authplug explain proofile ping --expected 'GET&http%3A%2F%2Fapi.proofile.org%2Foauth%2Fping&oauth_consumer_key%3D…'`,
  )
  .action(
    run(async (provider: string, words: string[], options) =>
      (await import('./commands/explain.ts')).explain(provider, words, options),
    ),
  );

await program.parseAsync();
