import { addParams, appendQuery, MissingOptionError, ProviderError, requireString } from '@authplug/core';
import { credentialKey, credentialSource, isStoreOptions, type StoreOptions } from '@authplug/credentials';
import { LASTFM_API_URL, LASTFM_AUTHORIZE_URL, LASTFM_SIG, PKG, PROVIDER } from './constants.ts';
import { lastfmError } from './errors.ts';
import type { LastfmCredentials } from './strategy.ts';

/**
 * Options of {@link lastfmAuthFlow}.
 *
 * @example
 * ```ts
 * const options: LastfmFlowOptions = { store: fileStore(), profile: 'default' };
 * ```
 */
export interface LastfmFlowOptions extends StoreOptions {
  /** The application's key; default: read from the store's profile. Saved with the session. */
  apiKey?: string;
  /** The application's shared secret; default: read from the store's profile. Saved with the session. */
  secret?: string;
  /** Injectable fetch (default: the global one). */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** The API root, default `https://ws.audioscrobbler.com/2.0/`. */
  apiUrl?: string;
  /** The authorization page, default `https://www.last.fm/api/auth/`. */
  authorizeUrl?: string;
}

/**
 * Last.fm's authentication as start/complete. Desktop: `start()` gets a token (auth.getToken)
 * and returns the link to open; after the user allowed access, `complete()` exchanges it
 * (auth.getSession) and saves the session key. Web: `start({ callbackUrl })` returns the link;
 * Last.fm sends the user back to `callbackUrl?token=…`; pass that token to `complete({ token })`.
 *
 * @example
 * ```ts
 * const flow = lastfmAuthFlow({ store: fileStore() });
 * const { url } = await flow.start();
 * console.log('Allow access at', url);
 * const { username } = await flow.complete(); // session key saved under lastfm/default
 * ```
 */
export interface LastfmAuthFlow {
  /** Desktop: gets a token and the link to open. Web (`callbackUrl`): the link only. */
  start(options?: { callbackUrl?: string }): Promise<{ url: string; token?: string }>;
  /** Exchanges the token (from `start()` or the callback) for a session key, saved to the store. */
  complete(options?: { token?: string }): Promise<{ username: string }>;
}

/**
 * Creates the flow; see {@link LastfmAuthFlow}.
 *
 * @example
 * ```ts
 * const flow = lastfmAuthFlow({ store: memoryStore(), apiKey, secret });
 * const { url, token } = await flow.start();
 * ```
 */
export function lastfmAuthFlow(options: LastfmFlowOptions): LastfmAuthFlow {
  if (typeof options !== 'object' || options === null || !isStoreOptions(options)) {
    throw new MissingOptionError(
      PKG,
      'store',
      'The flow saves the session key there (memoryStore, fileStore, …).',
    );
  }
  const literal = options.apiKey !== undefined || options.secret !== undefined;
  const app = credentialSource<LastfmCredentials>(
    PKG,
    PROVIDER,
    literal
      ? { apiKey: requireString(PKG, options, 'apiKey'), secret: requireString(PKG, options, 'secret') }
      : { store: options.store, profile: options.profile },
    { required: ['apiKey', 'secret'] },
  );
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const apiUrl = options.apiUrl ?? LASTFM_API_URL;
  const authorizeUrl = options.authorizeUrl ?? LASTFM_AUTHORIZE_URL;
  let started: string | undefined;

  async function call(method: string, params: [string, string][]): Promise<Record<string, unknown>> {
    const { apiKey, secret } = await app();
    const pairs = addParams([['method', method], ...params]);
    pairs.add('api_key', apiKey);
    pairs.add(LASTFM_SIG.param, await LASTFM_SIG.sign(pairs.all(), secret));
    pairs.add('format', 'json');
    const response = await fetchImpl(appendQuery(apiUrl, pairs.all()), {
      headers: { accept: 'application/json' },
    });
    const text = await response.text();
    let body: Record<string, unknown> | undefined;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = undefined;
    }
    if (!body || typeof body !== 'object') {
      throw new ProviderError(PKG, {
        status: response.status,
        hint: `${method} answered HTTP ${response.status} without a Last.fm response: check \`apiUrl\`.`,
      });
    }
    if (body['error'] !== undefined) {
      throw lastfmError({
        status: response.status,
        providerCode: String(body['error']),
        providerMessage: typeof body['message'] === 'string' ? body['message'] : '',
      });
    }
    return body;
  }

  return {
    async start({ callbackUrl } = {}) {
      const { apiKey } = await app();
      if (callbackUrl !== undefined) {
        started = undefined;
        return {
          url: appendQuery(authorizeUrl, [
            ['api_key', apiKey],
            ['cb', callbackUrl],
          ]),
        };
      }
      const { token } = await call('auth.getToken', []);
      if (typeof token !== 'string' || token === '') {
        throw new ProviderError(PKG, { hint: 'auth.getToken answered without a token.' });
      }
      started = token;
      return {
        url: appendQuery(authorizeUrl, [
          ['api_key', apiKey],
          ['token', token],
        ]),
        token,
      };
    },
    async complete({ token } = {}) {
      const use = token ?? started;
      if (!use) {
        throw new MissingOptionError(
          PKG,
          'token',
          'Call start() first, or pass the token Last.fm sent to your callback.',
        );
      }
      const { session } = (await call('auth.getSession', [['token', use]])) as {
        session?: { name?: unknown; key?: unknown };
      };
      if (typeof session?.key !== 'string' || typeof session.name !== 'string') {
        throw new ProviderError(PKG, { hint: 'auth.getSession answered without a session.' });
      }
      const { apiKey, secret } = await app();
      const { key, name } = session as { key: string; name: string };
      await options.store.update<Record<string, unknown>>(
        credentialKey(PROVIDER, options.profile),
        (current) => ({
          ...current,
          apiKey,
          secret,
          sessionKey: key,
          username: name,
        }),
      );
      started = undefined;
      return { username: name };
    },
  };
}
