import {
  type AuthResponse,
  type AuthStrategy,
  addParams,
  type Digests,
  explainable,
  InvalidOptionError,
  mask,
  UnsignableRequestError,
} from '@authplug/core';
import { credentialSource, type StoreOptions } from '@authplug/credentials';
import { LASTFM_SIG, PKG, PROVIDER } from './constants.ts';
import { lastfmError } from './errors.ts';
import { parseLastfmResponse } from './response.ts';

/**
 * What the store holds under `lastfm/<profile>`: the application's key and shared secret and,
 * after {@link lastfmAuthFlow}, the user's session key and name.
 *
 * @example
 * ```ts
 * await store.set('lastfm/default', { apiKey: '…', secret: '…' } satisfies LastfmCredentials);
 * ```
 */
export interface LastfmCredentials {
  apiKey: string;
  secret: string;
  /** The user's session key (`sk`), from auth.getSession; it does not expire. */
  sessionKey?: string;
  /** The user's Last.fm name, saved with the session key. */
  username?: string;
}

/**
 * Literal credentials or `{ store, profile }` (read on every request), plus behaviour options.
 *
 * @example
 * ```ts
 * const literal: LastfmOptions = { apiKey, secret, sessionKey };
 * const stored: LastfmOptions = { store: fileStore(), profile: 'default' };
 * ```
 */
export type LastfmOptions = ({ apiKey: string; secret: string; sessionKey?: string } | StoreOptions) & {
  /** Digest implementation (default: core's node:crypto / WebCrypto pick). */
  digests?: Digests;
};

/**
 * Signs Last.fm API 2.0 calls: adds `api_key`, `sk` (when a session key is held; not on
 * `auth.*` calls) and `api_sig` = md5 of every parameter but `format` and `callback`, sorted by
 * name, as name + value, followed by the secret. Added parameters go where the request's own
 * are (the form body of a write method's POST, else the query). `inspect` turns Last.fm's error
 * answers (JSON or XML) into typed errors.
 *
 * @example
 * ```ts
 * import axios from 'axios';
 * import { withAuth } from '@authplug/axios';
 * import { LASTFM_API_URL, lastfm } from '@authplug/lastfm';
 *
 * const api = withAuth(axios.create({ baseURL: LASTFM_API_URL }), lastfm({ store: fileStore() }));
 * await api.post('', new URLSearchParams({ method: 'track.love', artist: 'Björk', track: 'Jóga' }));
 * ```
 */
export function lastfm(options: LastfmOptions): AuthStrategy {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError(
      PKG,
      'options',
      'must be `{ apiKey, secret, sessionKey? }` or `{ store, profile? }`.',
    );
  }
  const credentials = credentialSource<LastfmCredentials>(PKG, PROVIDER, options, {
    required: ['apiKey', 'secret'],
    optional: ['sessionKey'],
  });
  const { digests } = options;
  return {
    ...explainable(PROVIDER, async (request, _context, trace) => {
      const params = addParams(request);
      const method = params.own.find(([name]) => name === 'method')?.[1];
      if (!method) {
        throw new UnsignableRequestError(
          PKG,
          'the request has no `method` parameter, which names the Last.fm API method: add one, e.g. `method=track.love`.',
        );
      }
      const { apiKey, secret, sessionKey } = await credentials();
      params.add('api_key', apiKey);
      if (!method.startsWith('auth.')) params.add('sk', sessionKey);
      const all = params.all();
      const sig = await LASTFM_SIG.sign(all, secret, { digests });
      params.add(LASTFM_SIG.param, sig);
      trace?.({
        algorithm: LASTFM_SIG.algorithm,
        params: LASTFM_SIG.signed(all),
        base: mask(LASTFM_SIG.base(all, secret), secret, 'secret'),
        key: 'secret',
        signature: sig,
        placement: `${params.placement} ${LASTFM_SIG.param}`,
      });
      return params.signature();
    }),
    async inspect(response: AuthResponse): Promise<undefined> {
      const type = response.headers.get('content-type') ?? '';
      if (!/json|xml/i.test(type)) return undefined;
      const result = parseLastfmResponse(await response.text());
      if (!result || result.ok) return undefined;
      throw lastfmError({
        status: response.status,
        providerCode: result.code,
        providerMessage: result.message,
      });
    },
  };
}
