import { HISTORYPIN_TEST_ACCOUNT, type HistorypinAccount } from './historypin/accounts.ts';
import { type HistorypinEmulator, historypinEmulator } from './historypin/emulator.ts';
import { escapeHtml, page } from './html.ts';
import {
  type IpernityEmulator,
  type IpernityEmulatorOptions,
  ipernityEmulator,
} from './ipernity/emulator.ts';
import {
  IPERNITY_TEST_APP,
  IPERNITY_TEST_USER,
  IPERNITY_UNSIGNED_APP,
  type IpernityTestApp,
} from './ipernity/keys.ts';
import {
  type OAuth1AccessToken,
  type OAuth1Consumer,
  PROOFILE_PING_TOKEN,
  PROOFILE_TEST_CONSUMER,
  PROOFILE_TEST_TOKEN,
  PROOFILE_TEST_USER,
} from './oauth1/accounts.ts';
import { type ProofileEmulatorOptions, proofileEmulator } from './oauth1/proofile.ts';
import type { OAuth1ProviderEmulator } from './oauth1/provider.ts';
import {
  type SafeCreativeEmulator,
  type SafeCreativeEmulatorOptions,
  safecreativeEmulator,
} from './safecreative/emulator.ts';
import {
  SAFECREATIVE_TEST_APP,
  SAFECREATIVE_TEST_USER,
  type SafeCreativeTestApp,
} from './safecreative/keys.ts';
import { serveFetch } from './server.ts';

/**
 * The four emulators, by provider name.
 *
 * @example
 * ```ts
 * const { ipernity }: Emulators = createEmulators();
 * ipernity.revoke(token);
 * ```
 */
export interface Emulators {
  readonly ipernity: IpernityEmulator;
  readonly proofile: OAuth1ProviderEmulator;
  readonly historypin: HistorypinEmulator;
  readonly safecreative: SafeCreativeEmulator;
}

/**
 * Options of {@link createEmulators} and {@link startEmulators}: each emulator's own options
 * (its `basePath` is set for you on the shared server).
 *
 * @example
 * ```ts
 * const options: EmulatorsOptions = { safecreative: { now: () => Date.now() + 60_000 } };
 * ```
 */
export interface EmulatorsOptions {
  readonly ipernity?: Omit<IpernityEmulatorOptions, 'basePath'>;
  readonly proofile?: Omit<ProofileEmulatorOptions, 'basePath'>;
  readonly historypin?: { readonly accounts?: readonly HistorypinAccount[] };
  readonly safecreative?: Omit<SafeCreativeEmulatorOptions, 'basePath'>;
}

/**
 * The path each emulator lives under on the {@link startEmulators} server.
 *
 * @example
 * ```ts
 * `${server.url}${EMULATOR_PATHS.ipernity}/api/`; // http://127.0.0.1:<port>/ipernity/api/
 * ```
 */
export const EMULATOR_PATHS: Readonly<Record<keyof Emulators, string>> = Object.freeze({
  ipernity: '/ipernity',
  proofile: '/proofile',
  historypin: '/historypin',
  safecreative: '/safecreative',
});

/**
 * Creates the four emulators, each at the root of its own paths (as on the provider's host),
 * or under `basePaths` (as {@link startEmulators} mounts them).
 *
 * @example
 * ```ts
 * const emulators = createEmulators();
 * setupServer(...handlers(emulators)); // from '@authplug/emulators/msw'
 * ```
 */
export function createEmulators(
  options: EmulatorsOptions = {},
  basePaths: Partial<Record<keyof Emulators, string>> = {},
): Emulators {
  return {
    ipernity: ipernityEmulator({ ...options.ipernity, basePath: basePaths.ipernity ?? '' }),
    proofile: proofileEmulator({ ...options.proofile, basePath: basePaths.proofile ?? '' }),
    historypin: historypinEmulator({ ...options.historypin, basePath: basePaths.historypin ?? '' }),
    safecreative: safecreativeEmulator({ ...options.safecreative, basePath: basePaths.safecreative ?? '' }),
  };
}

/**
 * Every URL a client, a strategy or a flow needs for the emulators on one server.
 *
 * @example
 * ```ts
 * const urls: EmulatorUrls = emulatorUrls('http://127.0.0.1:4010');
 * urls.ipernity.api; // 'http://127.0.0.1:4010/ipernity/api/'
 * ```
 */
export interface EmulatorUrls {
  readonly ipernity: {
    /** Where the emulator is mounted. */
    readonly base: string;
    /** `apiUrl` of the flows and the clients' base URL: `<base>/api/`. */
    readonly api: string;
    /** The authorization page (`authorizeUrl`): `<base>/apps/authorize`. */
    readonly authorize: string;
    /** `POST` with form field `token` revokes it. */
    readonly revoke: string;
  };
  readonly proofile: {
    /** `origin` of `proofileFlow` / `proofileEndpoints`. */
    readonly base: string;
    readonly requestToken: string;
    readonly authorize: string;
    readonly accessToken: string;
    /** Signed API calls: `<base>/oauth/` (`ping`, `userid/4711/profile`, …). */
    readonly api: string;
  };
  readonly historypin: {
    readonly base: string;
    /** The clients' base URL: `<base>/en/api/`. */
    readonly api: string;
  };
  readonly safecreative: {
    readonly base: string;
    /** `server` of `safecreative()` / `safecreativeAuthFlow()`: `<base>/v2/`. */
    readonly api: string;
    /** The authkey.edit page: `<base>/api-ui/authkey.edit`. */
    readonly edit: string;
  };
}

/**
 * The {@link EmulatorUrls} of a {@link startEmulators} server at `url`.
 *
 * @example
 * ```ts
 * proofileFlow({ store, callback: 'oob', origin: emulatorUrls(url).proofile.base });
 * ```
 */
export function emulatorUrls(url: string): EmulatorUrls {
  const origin = url.replace(/\/+$/, '');
  const at = (name: keyof Emulators) => `${origin}${EMULATOR_PATHS[name]}`;
  const ipernity = at('ipernity');
  const proofile = at('proofile');
  const historypin = at('historypin');
  const safecreative = at('safecreative');
  return {
    ipernity: {
      base: ipernity,
      api: `${ipernity}/api/`,
      authorize: `${ipernity}/apps/authorize`,
      revoke: `${ipernity}/emulator/revoke`,
    },
    proofile: {
      base: proofile,
      requestToken: `${proofile}/oauth/request_token`,
      authorize: `${proofile}/oauth/authorize`,
      accessToken: `${proofile}/oauth/access_token`,
      api: `${proofile}/oauth/`,
    },
    historypin: { base: historypin, api: `${historypin}/en/api/` },
    safecreative: {
      base: safecreative,
      api: `${safecreative}/v2/`,
      edit: `${safecreative}/api-ui/authkey.edit`,
    },
  };
}

/**
 * Every seeded application, key and user of the default emulators (made-up keys; Historypin's
 * is its documentation example). Never use them against the real services.
 *
 * @example
 * ```ts
 * ipernity({ apiKey: SEEDED_APPS.ipernity.app.apiKey, secret: SEEDED_APPS.ipernity.app.secret });
 * ```
 */
export const SEEDED_APPS: {
  readonly ipernity: {
    readonly app: IpernityTestApp;
    readonly unsignedApp: IpernityTestApp;
    readonly user: typeof IPERNITY_TEST_USER;
  };
  readonly proofile: {
    readonly consumer: Readonly<OAuth1Consumer>;
    readonly token: Readonly<OAuth1AccessToken>;
    readonly pingToken: Readonly<OAuth1AccessToken>;
    readonly user: typeof PROOFILE_TEST_USER;
  };
  readonly historypin: { readonly account: Readonly<HistorypinAccount> };
  readonly safecreative: { readonly app: SafeCreativeTestApp; readonly user: typeof SAFECREATIVE_TEST_USER };
} = Object.freeze({
  ipernity: { app: IPERNITY_TEST_APP, unsignedApp: IPERNITY_UNSIGNED_APP, user: IPERNITY_TEST_USER },
  proofile: {
    consumer: PROOFILE_TEST_CONSUMER,
    token: PROOFILE_TEST_TOKEN,
    pingToken: PROOFILE_PING_TOKEN,
    user: PROOFILE_TEST_USER,
  },
  historypin: { account: HISTORYPIN_TEST_ACCOUNT },
  safecreative: { app: SAFECREATIVE_TEST_APP, user: SAFECREATIVE_TEST_USER },
});

/**
 * The seeded applications and keys as text for a terminal (with each provider's URLs when
 * `urls` is given). Prints the made-up test secrets: that is what they are for.
 *
 * @example
 * ```ts
 * console.log(formatSeededApps(server.urls));
 * ```
 */
export function formatSeededApps(urls?: EmulatorUrls): string {
  const { ipernity, proofile, historypin, safecreative } = SEEDED_APPS;
  const lines: string[] = [];
  const section = (title: string, rows: [string, string | undefined][]) => {
    lines.push(title);
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) if (v !== undefined) lines.push(`  ${k.padEnd(width)}  ${v}`);
    lines.push('');
  };
  section('ipernity (api_sig, MD5; desktop and web frob flows)', [
    ['api', urls?.ipernity.api],
    ['authorize page', urls?.ipernity.authorize],
    ['revoke (POST token=…)', urls?.ipernity.revoke],
    ['apiKey', ipernity.app.apiKey],
    ['secret', ipernity.app.secret],
    ['web callback', ipernity.app.callbackUrl],
    ['unsigned-key apiKey', ipernity.unsignedApp.apiKey],
    ['unsigned-key secret', ipernity.unsignedApp.secret],
    ['member', `${ipernity.user.username} (user_id ${ipernity.user.userId})`],
  ]);
  section('Proofile (OAuth 1.0a, HMAC-SHA1; three-legged)', [
    ['request token', urls?.proofile.requestToken],
    ['authorize page', urls?.proofile.authorize],
    ['access token', urls?.proofile.accessToken],
    ['api', urls?.proofile.api],
    ['consumerKey', proofile.consumer.consumerKey],
    ['consumerSecret', proofile.consumer.consumerSecret],
    ['token (all rights)', proofile.token.token],
    ['tokenSecret', proofile.token.tokenSecret],
    ['token (ping only)', proofile.pingToken.token],
    ['tokenSecret', proofile.pingToken.tokenSecret],
    ['user', `${proofile.user.nickname} (userid ${proofile.user.userId})`],
  ]);
  section('Historypin (api_token, HMAC-SHA256; no flow)', [
    ['api', urls?.historypin.api],
    ['apiKey', historypin.account.apiKey],
    ['apiSecret', historypin.account.apiSecret],
  ]);
  section('Safe Creative (SHA-1 signature, ztime, nonce keys; authkey flow)', [
    ['api (server)', urls?.safecreative.api],
    ['authkey.edit page', urls?.safecreative.edit],
    ['sharedKey', safecreative.app.sharedKey],
    ['privateKey', safecreative.app.privateKey],
    ['user', `${safecreative.user.name} (usercode ${safecreative.user.usercode})`],
  ]);
  return lines.join('\n').trimEnd();
}

/**
 * The {@link startEmulators} server.
 *
 * @example
 * ```ts
 * const { url, urls, emulators, apps, close }: RunningEmulators = await startEmulators();
 * ```
 */
export interface RunningEmulators {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Each provider's endpoints on this server. */
  readonly urls: EmulatorUrls;
  /** The four emulator instances (revoke tokens, inspect state). */
  readonly emulators: Emulators;
  /** The seeded applications and keys ({@link SEEDED_APPS}). */
  readonly apps: typeof SEEDED_APPS;
  /** Stops the server and closes open connections. */
  close(): Promise<void>;
}

function indexPage(urls: EmulatorUrls): Response {
  const rows = Object.entries(urls)
    .map(
      ([name, endpoints]) =>
        `<h2>${escapeHtml(name)}</h2><ul>${Object.entries(endpoints as Record<string, string>)
          .map(([k, v]) => `<li>${escapeHtml(k)}: <code>${escapeHtml(v)}</code></li>`)
          .join('')}</ul>`,
    )
    .join('');
  return page('authplug emulators', `${rows}<pre>${escapeHtml(formatSeededApps())}</pre>`);
}

/**
 * Serves ipernity, Proofile, Historypin and Safe Creative from ONE loopback server, each under
 * its own path ({@link EMULATOR_PATHS}): `/ipernity`, `/proofile`, `/historypin`, `/safecreative`,
 * each with its authorization page. `GET /` lists the endpoints and seeded keys.
 *
 * @example
 * ```ts
 * const server = await startEmulators();
 * const api = withAuth(axios.create({ baseURL: server.urls.historypin.api }), historypin({
 *   apiKey: server.apps.historypin.account.apiKey, apiSecret: server.apps.historypin.account.apiSecret }));
 * await api.get('user/get_edit.json', { params: { id: 19 } });
 * await server.close();
 * ```
 */
export async function startEmulators(
  options: { port?: number; host?: string } & EmulatorsOptions = {},
): Promise<RunningEmulators> {
  const { port = 0, host = '127.0.0.1', ...each } = options;
  const emulators = createEmulators(each, EMULATOR_PATHS);
  const mounted = (Object.keys(EMULATOR_PATHS) as (keyof Emulators)[]).map(
    (name) => [EMULATOR_PATHS[name], emulators[name]] as const,
  );
  let urls: EmulatorUrls | undefined;
  const server = await serveFetch(
    (request) => {
      const path = new URL(request.url).pathname;
      for (const [prefix, emulator] of mounted) {
        if (path === prefix || path.startsWith(`${prefix}/`)) return emulator.fetch(request);
      }
      if (path === '/' && urls) return indexPage(urls);
      return Response.json(
        { error: 'not_found', message: `Emulators live under ${Object.values(EMULATOR_PATHS).join(', ')}.` },
        { status: 404 },
      );
    },
    { port, host },
  );
  urls = emulatorUrls(server.url);
  return { url: server.url, port: server.port, urls, emulators, apps: SEEDED_APPS, close: server.close };
}
