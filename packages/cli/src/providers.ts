// What the CLI knows about each provider: its application keys, its grant, where its API is
// (for real and on the emulators), a read-only call that proves a grant works, and how to build
// its strategy over a store. Provider packages are imported when a command needs them, so
// `authplug --help` loads none.
import type { AuthStrategy } from '@authplug/core';
import type { CredentialStore, CredentialValue } from '@authplug/credentials';
import type { EmulatorUrls } from '@authplug/emulators';
import { UsageError } from './errors.ts';

/**
 * The providers `authplug` knows, as typed on the command line.
 *
 * @example
 * ```ts
 * PROVIDER_NAMES.includes('ipernity'); // true
 * ```
 */
export const PROVIDER_NAMES = ['ipernity', 'proofile', 'oauth1', 'safecreative', 'historypin'] as const;
/**
 * One of {@link PROVIDER_NAMES}.
 *
 * @example
 * ```ts
 * const name: ProviderName = 'safecreative';
 * ```
 */
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/**
 * A signed call: method, path under the API root, query (GET) or form (POST) fields.
 *
 * @example
 * ```ts
 * const call: Call = { method: 'GET', path: 'user.get/json', params: {} };
 * ```
 */
export interface Call {
  method: string;
  path: string;
  params: Record<string, string>;
}

/**
 * What the CLI knows of one provider: its keys, its API root, its strategy over a store, and
 * how to prove and name a grant. The CLI's commands are written against this, never per provider.
 *
 * @example
 * ```ts
 * const strategy = await PROVIDERS.historypin.strategy(store, 'default', PROVIDERS.historypin.apiUrl!);
 * ```
 */
export interface CliProvider {
  readonly name: ProviderName;
  /** One line for --help. */
  readonly about: string;
  /** The application's keys: asked for at login. */
  readonly keys: readonly string[];
  /** The field a finished login leaves (none: the key pair is the grant). */
  readonly grantField?: string;
  /** The real API root; undefined when the user must give one (generic OAuth 1.0a). */
  readonly apiUrl?: string;
  /** The API root under a `--base-url` (the provider's layout, as the emulators mirror it). */
  readonly apiPath: string;
  /** The API root on the emulators. */
  emulatorApi(urls: EmulatorUrls): string;
  /** The application keys the emulators know. */
  emulatorKeys(): Promise<Record<string, string>>;
  /** The strategy over `store`'s `<name>/<profile>` entry, for an API at `api`. */
  strategy(store: CredentialStore, profile: string, api: string): Promise<AuthStrategy>;
  /** A read-only call that proves the grant, when the provider has one. */
  readonly verify?: Call;
  /** Who the grant belongs to, from the verify call's answer or the stored entry. */
  who(body: unknown, entry: CredentialValue | undefined): string | undefined;
}

const seeded = async () => (await import('@authplug/emulators')).SEEDED_APPS;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * Every provider the CLI knows, by name.
 *
 * @example
 * ```ts
 * console.log(PROVIDERS.ipernity.keys); // ['apiKey', 'secret']
 * ```
 */
export const PROVIDERS: Readonly<Record<ProviderName, CliProvider>> = {
  ipernity: {
    name: 'ipernity',
    apiPath: 'api/',
    about: 'desktop flow (frob, approve, token); MD5 api_sig',
    keys: ['apiKey', 'secret'],
    grantField: 'authToken',
    apiUrl: 'https://api.ipernity.com/api/',
    emulatorApi: (urls) => urls.ipernity.api,
    emulatorKeys: async () => {
      const { apiKey, secret } = (await seeded()).ipernity.app;
      return { apiKey, secret };
    },
    strategy: async (store, profile) => (await import('@authplug/ipernity')).ipernity({ store, profile }),
    verify: { method: 'GET', path: 'auth.checkToken/json', params: {} },
    who: (body, entry) =>
      str((body as { auth?: { user?: { username?: unknown } } })?.auth?.user?.username) ??
      str((entry?.['user'] as { username?: unknown } | undefined)?.username),
  },
  proofile: {
    name: 'proofile',
    apiPath: 'oauth/',
    about: 'OAuth 1.0a three-legged, HMAC-SHA1 (the Proofile preset)',
    keys: ['consumerKey', 'consumerSecret'],
    grantField: 'token',
    apiUrl: 'http://api.proofile.org/oauth/',
    emulatorApi: (urls) => urls.proofile.api,
    emulatorKeys: async () => ({ ...(await seeded()).proofile.consumer }),
    strategy: async (store, profile) => (await import('@authplug/oauth1')).proofile({ store, profile }),
    verify: { method: 'GET', path: 'ping', params: {} },
    who: (body, entry) =>
      str((body as { userid?: unknown })?.userid) ??
      str((entry?.['params'] as { userid?: unknown } | undefined)?.userid),
  },
  oauth1: {
    name: 'oauth1',
    apiPath: 'oauth/',
    about: 'any OAuth 1.0a API (--request-token-url, --authorize-url, --access-token-url), HMAC-SHA1',
    keys: ['consumerKey', 'consumerSecret'],
    grantField: 'token',
    emulatorApi: (urls) => urls.proofile.api,
    emulatorKeys: async () => ({ ...(await seeded()).proofile.consumer }),
    strategy: async (store, profile) =>
      (await import('@authplug/oauth1')).oauth1({ store, profile, provider: 'oauth1' }),
    who: (body) => str((body as { userid?: unknown })?.userid),
  },
  safecreative: {
    name: 'safecreative',
    apiPath: 'v2/',
    about: 'authkey flow (create, approve, state); SHA-1 with ztime and nonce',
    keys: ['sharedKey', 'privateKey'],
    grantField: 'authKey',
    apiUrl: 'https://api.safecreative.org/v2/',
    emulatorApi: (urls) => urls.safecreative.api,
    emulatorKeys: async () => {
      const { sharedKey, privateKey } = (await seeded()).safecreative.app;
      return { sharedKey, privateKey };
    },
    strategy: async (store, profile, api) =>
      (await import('@authplug/safecreative')).safecreative({ store, profile, server: api }),
    verify: { method: 'GET', path: '', params: { component: 'work.list', format: 'json' } },
    who: (_body, entry) => str(entry?.['usercode']),
  },
  historypin: {
    name: 'historypin',
    apiPath: 'en/api/',
    about: 'no flow: the key pair signs every call (HMAC-SHA256 api_token)',
    keys: ['apiKey', 'apiSecret'],
    apiUrl: 'https://www.historypin.org/en/api/',
    emulatorApi: (urls) => urls.historypin.api,
    emulatorKeys: async () => {
      const { apiKey, apiSecret } = (await seeded()).historypin.account;
      return { apiKey, apiSecret };
    },
    strategy: async (store, profile) => (await import('@authplug/historypin')).historypin({ store, profile }),
    verify: { method: 'GET', path: 'user/get_edit.json', params: { id: '19' } },
    who: (body) => str((body as { user?: unknown })?.user),
  },
};

/**
 * The provider of that name, or a {@link UsageError} listing the known ones.
 *
 * @example
 * ```ts
 * providerOf('ipernity').keys; // ['apiKey', 'secret']
 * ```
 */
export function providerOf(name: string): CliProvider {
  if (!(PROVIDER_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`unknown provider "${name}". Choose one of ${PROVIDER_NAMES.join(', ')}.`);
  }
  return PROVIDERS[name as ProviderName];
}
