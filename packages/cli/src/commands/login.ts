// `authplug login <provider>`: the provider's flow against a staging copy of the entry (in
// memory), a read-only signed call to prove the grant, then one atomic write to the store. A
// denial, a timeout, Ctrl-C or a failed check leaves the store exactly as it was.
import { type CredentialValue, credentialKey, memoryStore } from '@authplug/credentials';
import pc from 'picocolors';
import { browserApprover } from '../approver.ts';
import { type CommonOptions, maskSecrets, openContext } from '../context.ts';
import { LoginAbortedError, UsageError } from '../errors.ts';
import { codeOf } from '../flows/approve.ts';
import { createProgress } from '../flows/progress.ts';
import { resolveKeys } from '../keys.ts';
import { type CliProvider, providerOf } from '../providers.ts';
import { signedCall } from './call.ts';

export interface LoginOptions extends CommonOptions {
  browser?: boolean;
  perm?: string;
  access?: string;
  level?: string;
  requestTokenUrl?: string;
  authorizeUrl?: string;
  accessTokenUrl?: string;
  apiUrl?: string;
  baseUrl?: string;
  verify?: string;
  oob?: boolean;
  /** oauth1: a named entry of the oauth1.json config file. */
  api?: string;
  config?: string;
  timeout?: string;
  /** Key flags (`--api-key` …), by field name. */
  [field: string]: unknown;
}

const PENDING = new Set([
  'AUTHPLUG_IPERNITY_AUTHORIZATION_PENDING',
  'AUTHPLUG_SAFECREATIVE_NOT_AUTHORIZED_YET',
]);
const DENIED = /DENIED|REFUSED|UNAUTHORIZED_AUTHKEY/;

/** `doc=write,blog=read` → `{ doc: 'write', blog: 'read' }`. */
function parsePairs(text: string, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [name, value] = part.split('=');
    if (!name || !value)
      throw new UsageError(`${flag} takes name=value pairs separated by commas (got "${part}").`);
    out[name.trim()] = value.trim();
  }
  return out;
}

export async function login(name: string, given: LoginOptions): Promise<void> {
  const provider = providerOf(name);
  let options = given;
  if (given.api !== undefined) {
    if (provider.name !== 'oauth1')
      throw new UsageError('--api names an OAuth 1.0a API: use it with `login oauth1`.');
    const { readOAuth1Api } = await import('../oauth1-config.ts');
    // Flags win over the file; the entry's name is the default profile.
    options = { profile: given.api, ...(await readOAuth1Api(given.api, given.config)), ...defined(given) };
  }
  const timeoutMs = options.timeout === undefined ? undefined : Number(options.timeout) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs > 0))
    throw new UsageError('--timeout takes a number of seconds.');
  const context = await openContext(options);
  const progress = createProgress(process.stderr);
  const key = credentialKey(provider.name, context.profile);
  // Ctrl-C: nothing has been written (the flow runs against a memory copy); say so and stop.
  const interrupted = () => {
    process.stderr.write(`\n${new LoginAbortedError(provider.name, 'was interrupted').message}\n`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  try {
    const stored = await context.store.get(key);
    const keys = context.emulators
      ? await provider.emulatorKeys()
      : await resolveKeys(
          provider.name,
          context.profile,
          provider.keys,
          stored,
          options as Record<string, string>,
        );
    const stage = memoryStore();
    // The previous grant's date goes: a fresh one is set below unless the flow records its own.
    const { obtainedAt: _previous, ...kept } = stored ?? {};
    await stage.set(key, { ...kept, ...keys });
    const approver = browserApprover({
      progress,
      browser: options.browser !== false,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
    const origin = flowOrigin(provider, options, context.emulators);
    const api = options.apiUrl ?? (origin ? `${origin}/${provider.apiPath}` : provider.apiUrl);
    const step = progress.step(`${provider.name}: ${provider.about}`);
    let summary: string;
    try {
      summary = await runFlow(provider, options, origin, stage, context.profile, approver, (line) =>
        step.text(line),
      );
      step.succeed(summary);
    } catch (error) {
      step.fail(`${provider.name}: login failed`);
      throw aborted(provider.name, error);
    }
    const entry: CredentialValue = { ...(await stage.get(key)) };
    entry['obtainedAt'] ??= new Date().toISOString();
    if (api) entry['apiUrl'] = api;
    await stage.set(key, entry);

    let who: string | undefined;
    const verify =
      options.verify !== undefined ? { method: 'GET', path: options.verify, params: {} } : provider.verify;
    if (verify && api) {
      const check = progress.step(`${provider.name}: checking the grant with a read-only call`);
      const strategy = await provider.strategy(stage, context.profile, api);
      const answer = await signedCall(provider.name, 'ky', strategy, {
        method: verify.method,
        url: new URL(verify.path, api).toString(),
        query: Object.entries(verify.params),
      }).catch((error: unknown) => {
        check.fail(`${provider.name}: the grant did not pass the check`);
        throw error;
      });
      who = provider.who(answer.json, entry);
      check.succeed(
        `${provider.name}: ${verify.method} ${verify.path || verify.params['component']} answered ${answer.status}`,
      );
    } else {
      who = provider.who(undefined, entry);
    }
    // The one write: the whole entry at once, under the store's lock.
    await context.store.update(key, () => entry);
    const as = who ? ` as ${pc.bold(who)}` : '';
    process.stdout.write(
      maskSecrets(
        `${pc.green('✔')} Logged in to ${provider.name}${as} (${key}, ${context.storeDescription})\n`,
        entry,
      ),
    );
  } catch (error) {
    // Ctrl-C at a prompt arrives as the prompt library's error, not as SIGINT.
    if ((error as Error)?.name === 'ExitPromptError') interrupted();
    throw error;
  } finally {
    process.removeListener('SIGINT', interrupted);
    await context.close();
  }
}

function aborted(provider: string, error: unknown): unknown {
  const code = codeOf(error) ?? '';
  if (PENDING.has(code)) return new LoginAbortedError(provider, 'timed out before the access was approved');
  if (DENIED.test(code)) return new LoginAbortedError(provider, `was denied (${(error as Error).message})`);
  return error;
}

/** Where the provider's flow lives: `--base-url`, the emulators' mount, or (undefined) the real hosts. */
function flowOrigin(
  provider: CliProvider,
  options: LoginOptions,
  emulators: import('@authplug/emulators').EmulatorUrls | undefined,
): string | undefined {
  if (options.baseUrl) return options.baseUrl.replace(/\/+$/, '');
  if (!emulators) return undefined;
  return emulators[provider.name === 'oauth1' ? 'proofile' : provider.name].base;
}

async function runFlow(
  provider: CliProvider,
  options: LoginOptions,
  origin: string | undefined,
  store: import('@authplug/credentials').CredentialStore,
  profile: string,
  approver: import('../flows/approve.ts').Approver,
  log: (line: string) => void,
): Promise<string> {
  const common = { profile, approver, log, seed: false };
  const flows = await import('../flows/index.ts');
  switch (provider.name) {
    case 'historypin':
      return `${provider.name}: no flow; the key pair signs every call`;
    case 'ipernity': {
      const permissions = options.perm ? parsePairs(options.perm, '--perm') : { doc: 'read' };
      const { summary } = await flows.setupIpernity(origin ?? 'https://api.ipernity.com', store, {
        ...common,
        permissions: permissions as never,
        // The real service splits API and authorization page across two hosts.
        ...(origin
          ? {}
          : {
              apiUrl: 'https://api.ipernity.com/api/',
              authorizeUrl: 'https://www.ipernity.com/apps/authorize',
            }),
      });
      return `ipernity: ${summary}`;
    }
    case 'safecreative': {
      const level = (options.level ?? 'GET').toUpperCase();
      if (!['GET', 'ADD', 'MANAGE'].includes(level)) throw new UsageError('--level is GET, ADD or MANAGE.');
      const { summary } = await flows.setupSafeCreative(origin ?? 'https://api.safecreative.org', store, {
        ...common,
        level: level as 'GET',
      });
      return `safecreative: ${summary}`;
    }
    case 'proofile':
    case 'oauth1': {
      const callback = options.oob ? 'oob' : await flows.loopbackCallback();
      try {
        if (provider.name === 'proofile') {
          const access = options.access
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean);
          const { summary } = await flows.setupProofile(origin ?? 'http://api.proofile.org', store, {
            ...common,
            callback,
            ...(access ? { requiredAccess: access as never } : {}),
          });
          return `proofile: ${summary}`;
        }
        // Without endpoint flags, the OAuth 1.0a layout of the emulators (`<origin>/oauth/…`).
        const at = (path: string) => (origin ? `${origin}/oauth/${path}` : undefined);
        const endpoints = {
          requestTokenUrl: need(options.requestTokenUrl ?? at('request_token'), '--request-token-url'),
          authorizeUrl: need(options.authorizeUrl ?? at('authorize'), '--authorize-url'),
          accessTokenUrl: need(options.accessTokenUrl ?? at('access_token'), '--access-token-url'),
        };
        const { summary } = await flows.setupOAuth1(store, { ...common, ...endpoints, callback });
        return `oauth1: ${summary}`;
      } finally {
        if (typeof callback === 'object') callback.close();
      }
    }
  }
}

const defined = (o: LoginOptions): LoginOptions =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as LoginOptions;

const need = (value: string | undefined, flag: string): string => {
  if (!value) throw new UsageError(`oauth1 needs ${flag} (and the two other endpoint URLs) to log in.`);
  return value;
};
