import {
  AuthplugError,
  appendQuery,
  MissingOptionError,
  type Param,
  ProviderError,
  requireString,
} from '@authplug/core';
import { credentialKey, credentialSource, isStoreOptions, type StoreOptions } from '@authplug/credentials';
import { IPERNITY_API_URL, PKG, PROVIDER } from './constants.ts';
import type { IpernityCredentials, IpernityUser } from './credentials.ts';
import { ipernityError } from './errors.ts';
import {
  grantedPermissions,
  type IpernityGrantedPermissions,
  type IpernityPermissions,
  permissionParams,
} from './permissions.ts';
import { parseIpernityResponse } from './response.ts';
import { addedParams } from './signature.ts';
import { ipernity } from './strategy.ts';

/**
 * Options of {@link ipernityDesktopFlow} and {@link ipernityWebFlow}.
 *
 * @example
 * ```ts
 * const options: IpernityFlowOptions = { store: fileStore(), profile: 'default', permissions: { doc: 'write' } };
 * ```
 */
export interface IpernityFlowOptions extends StoreOptions {
  /** What to ask the user for, e.g. `{ doc: 'write', network: 'read' }`. */
  permissions: IpernityPermissions;
  /** The application's key; default: read from the store's profile. Saved with the grant. */
  apiKey?: string;
  /** The application's secret; default: read from the store's profile. Saved with the grant. */
  secret?: string;
  /** Injectable fetch (default: the global one). */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** API root, default `https://api.ipernity.com/api/`. */
  apiUrl?: string;
  /** Authorization page, default `https://www.ipernity.com/apps/authorize`. */
  authorizeUrl?: string;
}

/**
 * What a completed flow returns (and saves to the store with the token).
 *
 * @example
 * ```ts
 * const { user, permissions }: IpernityGrant = await flow.complete();
 * ```
 */
export interface IpernityGrant {
  user: IpernityUser;
  permissions: IpernityGrantedPermissions;
}

/**
 * The desktop flow: `start()` gets a frob and the link, `complete()` exchanges the frob.
 *
 * @example
 * ```ts
 * const flow: IpernityDesktopFlow = ipernityDesktopFlow({ store, permissions: { doc: 'read' } });
 * ```
 */
export interface IpernityDesktopFlow {
  /** Gets a frob (auth.getFrob) and the authorization link to open. */
  start(): Promise<{ url: string; frob: string }>;
  /** Exchanges the frob from `start()` (or the one passed, e.g. after a restart) for a token. */
  complete(options?: { frob?: string }): Promise<IpernityGrant>;
}

/**
 * The web flow: `start()` returns the link; the provider calls back with `?frob=…`.
 *
 * @example
 * ```ts
 * const flow: IpernityWebFlow = ipernityWebFlow({ store, permissions: { doc: 'read' } });
 * ```
 */
export interface IpernityWebFlow {
  /** The authorization link; the provider calls back with `?frob=…`. */
  start(): Promise<{ url: string }>;
  /** Exchanges the frob from the callback for a token, saved to the store. */
  complete(options: { frob: string }): Promise<IpernityGrant>;
}

interface Flow {
  link(frob?: string): Promise<string>;
  call(method: string, params: Param[]): Promise<Record<string, unknown>>;
  save(data: Record<string, unknown>): Promise<IpernityGrant>;
}

function createFlow(options: IpernityFlowOptions): Flow {
  if (typeof options !== 'object' || options === null || !isStoreOptions(options)) {
    throw new MissingOptionError(PKG, 'store', 'The flow saves the token there (memoryStore, fileStore, …).');
  }
  permissionParams(options.permissions);
  const literal = options.apiKey !== undefined || options.secret !== undefined;
  const appOptions = literal
    ? { apiKey: requireString(PKG, options, 'apiKey'), secret: requireString(PKG, options, 'secret') }
    : { store: options.store, profile: options.profile };
  const app = credentialSource<IpernityCredentials>(PKG, PROVIDER, appOptions, {
    required: ['apiKey', 'secret'],
  });
  const strategy = ipernity(
    options.authorizeUrl ? { ...appOptions, authorizeUrl: options.authorizeUrl } : appOptions,
  );
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const apiUrl = (options.apiUrl ?? IPERNITY_API_URL).replace(/\/?$/, '/');
  const key = credentialKey(PROVIDER, options.profile);

  return {
    link: (frob) => strategy.authorizeUrl({ permissions: options.permissions, ...(frob ? { frob } : {}) }),
    async call(method, params) {
      const { apiKey, secret } = await app();
      const added = await addedParams(params, method, { apiKey, secret }, true);
      const response = await fetchImpl(appendQuery(`${apiUrl}${method}/json`, [...params, ...added]), {
        headers: { accept: 'application/json' },
      });
      const result = await parseIpernityResponse(await response.text());
      if (!result) {
        throw new ProviderError(PKG, {
          status: response.status,
          hint: `${method} answered HTTP ${response.status} without an ipernity response: check \`apiUrl\`.`,
        });
      }
      if (!result.ok) {
        throw ipernityError({
          status: response.status,
          providerCode: result.code,
          providerMessage: result.message,
          authCall: true,
        });
      }
      return result.data;
    },
    async save(data) {
      const auth = (data['auth'] ?? {}) as Record<string, unknown>;
      const token = auth['token'];
      const rawUser = (auth['user'] ?? {}) as Record<string, unknown>;
      if (typeof token !== 'string' || token === '') {
        throw new ProviderError(PKG, { hint: 'auth.getToken answered without a token.' });
      }
      const user: IpernityUser = {
        userId: String(rawUser['user_id'] ?? ''),
        username: String(rawUser['username'] ?? ''),
        ...(rawUser['realname'] !== undefined ? { realname: String(rawUser['realname']) } : {}),
      };
      const permissions = grantedPermissions(auth['permissions']);
      const { apiKey, secret } = await app();
      await options.store.update<IpernityCredentials>(key, (current) => ({
        ...current,
        apiKey,
        secret,
        authToken: token,
        permissions,
        user,
      }));
      return { user, permissions };
    },
  };
}

/**
 * The desktop authorization flow (no callback URL). `start()` calls auth.getFrob (signed) and
 * returns the signed authorization link with that frob; once the user approved in a browser,
 * `complete()` calls auth.getToken and saves the token, the granted permissions and the user to
 * the store under `ipernity/<profile>` (where `ipernity({ store, profile })` reads them).
 *
 * @example
 * ```ts
 * const flow = ipernityDesktopFlow({ store, profile: 'default', permissions: { doc: 'write' } });
 * const { url } = await flow.start();
 * console.log(`Open ${url}, approve, then press Enter`);
 * const { user, permissions } = await flow.complete();
 * ```
 */
export function ipernityDesktopFlow(options: IpernityFlowOptions): IpernityDesktopFlow {
  const flow = createFlow(options);
  let started: string | undefined;
  return {
    async start() {
      const data = await flow.call('auth.getFrob', []);
      const frob = (data['auth'] as Record<string, unknown> | undefined)?.['frob'];
      if (typeof frob !== 'string' || frob === '') {
        throw new ProviderError(PKG, { hint: 'auth.getFrob answered without a frob.' });
      }
      started = frob;
      return { url: await flow.link(frob), frob };
    },
    async complete(completeOptions = {}) {
      const frob = completeOptions.frob ?? started;
      if (!frob) {
        throw new AuthplugError(
          'AUTHPLUG_FLOW_NOT_STARTED',
          `${PKG}: complete() needs a frob: call start() first, or pass complete({ frob }).`,
        );
      }
      return flow.save(await flow.call('auth.getToken', [['frob', frob]]));
    },
  };
}

/**
 * The web authorization flow. `start()` returns the signed link (no frob); ipernity sends the
 * user back to the application's callback URL with `?frob=…`, which `complete({ frob })`
 * exchanges for a token (auth.getToken), saved to the store like the desktop flow does.
 *
 * @example
 * ```ts
 * const flow = ipernityWebFlow({ store, permissions: { doc: 'read' } });
 * app.get('/login', async (c) => c.redirect((await flow.start()).url));
 * app.get('/callback', async (c) => c.json(await flow.complete({ frob: c.req.query('frob')! })));
 * ```
 */
export function ipernityWebFlow(options: IpernityFlowOptions): IpernityWebFlow {
  const flow = createFlow(options);
  return {
    async start() {
      return { url: await flow.link() };
    },
    async complete(completeOptions) {
      const frob = requireString(
        PKG,
        completeOptions,
        'frob',
        'Pass the `frob` query parameter of the callback URL.',
      );
      return flow.save(await flow.call('auth.getToken', [['frob', frob]]));
    },
  };
}
