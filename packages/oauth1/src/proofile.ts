import { InvalidOptionError, InvalidRequestUrlError, pathOf } from '@authplug/core';
import type { StoreOptions } from '@authplug/credentials';
import { type OAuth1Flow, type OAuth1FlowOptions, oauth1Flow } from './flow.ts';
import {
  createStrategy,
  type OAuth1Settings,
  type OAuth1Strategy,
  oauth1Credentials,
  resolveSettings,
} from './oauth1.ts';

const PKG = '@authplug/oauth1';

/**
 * Proofile's OAuth endpoints (the real host) and the base URL of signed API calls.
 *
 * @example
 * ```ts
 * const { requestTokenUrl, apiBaseUrl }: ProofileEndpoints = proofileEndpoints('http://127.0.0.1:8080');
 * ```
 */
export interface ProofileEndpoints {
  readonly origin: string;
  readonly requestTokenUrl: string;
  readonly authorizeUrl: string;
  readonly accessTokenUrl: string;
  /** Signed API calls live under `/oauth/`: `http://api.proofile.org/oauth/ping`. */
  readonly apiBaseUrl: string;
}

/**
 * Proofile's endpoints under `origin` (default the real `http://api.proofile.org`; pass an
 * emulator's loopback URL in tests).
 *
 * @example
 * ```ts
 * proofileEndpoints().apiBaseUrl; // 'http://api.proofile.org/oauth/'
 * ```
 */
export function proofileEndpoints(origin = 'http://api.proofile.org'): ProofileEndpoints {
  const base = origin.replace(/\/+$/, '');
  return {
    origin: base,
    requestTokenUrl: `${base}/oauth/request_token`,
    authorizeUrl: `${base}/oauth/authorize`,
    accessTokenUrl: `${base}/oauth/access_token`,
    apiBaseUrl: `${base}/oauth/`,
  };
}

/**
 * The real Proofile endpoints.
 *
 * @example
 * ```ts
 * withAuth(axios.create({ baseURL: PROOFILE.apiBaseUrl }), proofile({ store }));
 * ```
 */
export const PROOFILE: ProofileEndpoints = proofileEndpoints();

/**
 * The four Proofile access rights.
 *
 * @example
 * ```ts
 * const rights: ProofileRight[] = ['read_profile', 'write_connection'];
 * ```
 */
export type ProofileRight = 'read_connection' | 'write_connection' | 'read_profile' | 'write_profile';

/**
 * Every Proofile right, in the provider's order.
 *
 * @example
 * ```ts
 * proofileFlow({ store, callback: 'oob', requiredAccess: [...PROOFILE_RIGHTS] });
 * ```
 */
export const PROOFILE_RIGHTS: readonly ProofileRight[] = [
  'read_connection',
  'write_connection',
  'read_profile',
  'write_profile',
];

/**
 * Settings Proofile allows: HMAC-SHA1 only, provider name fixed to `proofile`.
 *
 * @example
 * ```ts
 * const settings: ProofileSettings = { placement: 'query' };
 * proofile({ store, ...settings });
 * ```
 */
export type ProofileSettings = Omit<OAuth1Settings, 'signatureMethod' | 'provider'> & {
  signatureMethod?: 'HMAC-SHA1';
};

/**
 * Options of {@link proofile}.
 *
 * @example
 * ```ts
 * const options: ProofileOptions = { consumerKey, consumerSecret, token, tokenSecret };
 * proofile(options);
 * ```
 */
export type ProofileOptions = ProofileSettings &
  ({ consumerKey: string; consumerSecret: string; token?: string; tokenSecret?: string } | StoreOptions);

function onlyHmacSha1(options: { signatureMethod?: unknown }): void {
  if (options.signatureMethod !== undefined && options.signatureMethod !== 'HMAC-SHA1') {
    throw new InvalidOptionError(
      PKG,
      'signatureMethod',
      'must be "HMAC-SHA1": Proofile accepts no other method.',
    );
  }
}

/**
 * The Proofile preset of {@link oauth1}: HMAC-SHA1, credentials under `proofile/<profile>`, and
 * a check that every signed call goes under an `/oauth/` path segment (Proofile's prefix for
 * OAuth-signed API calls), so a wrong base URL fails before sending. `ping` needs no access right.
 *
 * @example
 * ```ts
 * import ky from 'ky';
 * import { withAuth } from '@authplug/ky';
 * import { PROOFILE, proofile } from '@authplug/oauth1';
 *
 * const api = withAuth(ky.create({ prefix: PROOFILE.apiBaseUrl }), proofile({ store, profile: 'default' }));
 * await api.get('ping').json();
 * ```
 */
export function proofile(options: ProofileOptions): OAuth1Strategy {
  onlyHmacSha1(options);
  const settings = resolveSettings({ ...options, signatureMethod: 'HMAC-SHA1', provider: 'proofile' });
  const credentials = oauth1Credentials(options, 'proofile', 'HMAC-SHA1');
  return createStrategy(settings, credentials, (url) => {
    // Under a `/oauth/` segment: at the root on Proofile's host, or below a mount path
    // (a reverse proxy, the emulators' shared server at `/proofile/oauth/`).
    if (!pathOf(url).includes('/oauth/')) {
      throw new InvalidRequestUrlError(
        PKG,
        'Proofile only accepts OAuth-signed calls under /oauth/ (e.g. http://api.proofile.org/oauth/ping). ' +
          'Set the client base URL to PROOFILE.apiBaseUrl.',
      );
    }
  });
}

/**
 * Options of {@link proofileFlow}.
 *
 * @example
 * ```ts
 * const options: ProofileFlowOptions = { store, callback: 'oob', requiredAccess: ['read_profile'] };
 * proofileFlow(options);
 * ```
 */
export type ProofileFlowOptions = Omit<
  OAuth1FlowOptions,
  | 'signatureMethod'
  | 'provider'
  | 'requestTokenUrl'
  | 'authorizeUrl'
  | 'accessTokenUrl'
  | 'extraParams'
  | 'privateKey'
> & {
  signatureMethod?: 'HMAC-SHA1';
  /** Rights to ask for (`required_access`); without it the user picks. */
  requiredAccess?: readonly ProofileRight[];
  /** Default `http://api.proofile.org`; an emulator's URL in tests. */
  origin?: string;
};

/**
 * The Proofile preset of {@link oauth1Flow}: the three endpoints, HMAC-SHA1, and
 * `required_access` (space-separated, signed) from `requiredAccess`. Saves the grant under
 * `proofile/<profile>`, where {@link proofile}`({ store, profile })` finds it.
 *
 * @example
 * ```ts
 * const flow = proofileFlow({ consumerKey, consumerSecret, store, callback: 'oob',
 *   requiredAccess: ['read_profile', 'read_connection'] });
 * const { url } = await flow.start();
 * await flow.complete({ oauthToken, oauthVerifier });
 * ```
 */
export function proofileFlow(options: ProofileFlowOptions): OAuth1Flow {
  onlyHmacSha1(options);
  const rights = options.requiredAccess;
  if (rights !== undefined) {
    if (!Array.isArray(rights) || rights.length === 0 || rights.some((r) => !PROOFILE_RIGHTS.includes(r))) {
      throw new InvalidOptionError(
        PKG,
        'requiredAccess',
        `must be a non-empty list of ${PROOFILE_RIGHTS.join(', ')}.`,
      );
    }
  }
  const endpoints = proofileEndpoints(options.origin);
  const { requiredAccess: _r, origin: _o, ...rest } = options;
  return oauth1Flow({
    ...rest,
    signatureMethod: 'HMAC-SHA1',
    provider: 'proofile',
    requestTokenUrl: endpoints.requestTokenUrl,
    authorizeUrl: endpoints.authorizeUrl,
    accessTokenUrl: endpoints.accessTokenUrl,
    extraParams: rights ? { required_access: [...new Set(rights)].join(' ') } : undefined,
  });
}

/**
 * Who may see a piece of Proofile data (`export_u`).
 *
 * @example
 * ```ts
 * proofileVisibility({ export_u: 1, export_m: 0 }).audience; // 'friends'
 * ```
 */
export type ProofileAudience = 'self' | 'friends' | 'members' | 'everybody';

/**
 * A Proofile item's visibility settings.
 *
 * @example
 * ```ts
 * const v: ProofileVisibility = proofileVisibility(await api.get('userid/4711/profile').json());
 * if (v.machineExport) exportVCard();
 * ```
 */
export interface ProofileVisibility {
  /** `export_u`: 0 self, 1 friends, 2 logged-in users, 3 everybody. */
  readonly exportU: 0 | 1 | 2 | 3;
  /** `export_m`: 1 when machine-readable export (FOAF, vCard, …) is allowed. */
  readonly exportM: 0 | 1;
  readonly audience: ProofileAudience;
  readonly machineExport: boolean;
  /** False when the data carried no (valid) setting: the most private values are assumed. */
  readonly declared: boolean;
}

const AUDIENCES: readonly ProofileAudience[] = ['self', 'friends', 'members', 'everybody'];

/**
 * Reads `export_u` / `export_m` from a Proofile response (a parsed JSON object, a JSON string
 * or a form-encoded string). Missing or invalid settings read as the most private
 * (`self`, no export), so a consumer never shows more than the user allowed.
 *
 * @example
 * ```ts
 * const data = await api.get('userid/42/profile').json();
 * const v = proofileVisibility(data);
 * if (mayShow(v, 'member')) render(data);
 * if (v.machineExport) writeVCard(data);
 * ```
 */
export function proofileVisibility(data: unknown): ProofileVisibility {
  const source = toRecord(data);
  const u = toInt(source?.['export_u']);
  const m = toInt(source?.['export_m']);
  const validU = u !== undefined && u >= 0 && u <= 3;
  const validM = m === 0 || m === 1;
  const exportU = (validU ? u : 0) as 0 | 1 | 2 | 3;
  const exportM = (validM ? m : 0) as 0 | 1;
  return {
    exportU,
    exportM,
    audience: AUDIENCES[exportU]!,
    machineExport: exportM === 1,
    declared: validU && validM,
  };
}

/**
 * Whether `viewer` may see data with `visibility`: `self` sees everything, a `friend` what is
 * for friends or wider, a logged-in `member` what is for members or everybody, `anyone` only
 * what is for everybody.
 *
 * @example
 * ```ts
 * mayShow(proofileVisibility({ export_u: 2, export_m: 0 }), 'anyone'); // false
 * ```
 */
export function mayShow(
  visibility: ProofileVisibility,
  viewer: 'self' | 'friend' | 'member' | 'anyone',
): boolean {
  const needed = { self: 0, friend: 1, member: 2, anyone: 3 }[viewer];
  return visibility.exportU >= needed;
}

function toRecord(data: unknown): Record<string, unknown> | undefined {
  if (typeof data === 'string') {
    const text = data.trim();
    if (text.startsWith('{')) {
      try {
        return toRecord(JSON.parse(text));
      } catch {
        return undefined;
      }
    }
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (data instanceof URLSearchParams) return Object.fromEntries(data);
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
}

function toInt(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  return Number.isInteger(n) ? n : undefined;
}
