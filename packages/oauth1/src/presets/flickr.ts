import { InvalidOptionError } from '@authplug/core';
import type { StoreOptions } from '@authplug/credentials';
import { type OAuth1Flow, type OAuth1FlowOptions, oauth1Flow } from '../flow.ts';
import {
  createStrategy,
  type OAuth1Settings,
  type OAuth1Strategy,
  oauth1Credentials,
  resolveSettings,
} from '../oauth1.ts';
import { onlyValue, trimOrigin } from './fixed.ts';

const PKG = '@authplug/oauth1';

/**
 * Flickr's OAuth endpoints (under `/services/oauth/`) and API URLs.
 *
 * @example
 * ```ts
 * const { requestTokenUrl, restUrl }: FlickrEndpoints = flickrEndpoints('http://127.0.0.1:8080');
 * ```
 */
export interface FlickrEndpoints {
  readonly requestTokenUrl: string;
  /** The page where the user grants `perms`. */
  readonly authorizeUrl: string;
  readonly accessTokenUrl: string;
  /** The REST endpoint: every method is `?method=flickr.…`. */
  readonly restUrl: string;
}

/**
 * Flickr's endpoints: the real hosts (`www.flickr.com` for OAuth, `api.flickr.com` for REST
 * calls) by default, or everything under `origin` (an emulator's loopback URL in tests).
 *
 * @example
 * ```ts
 * flickrEndpoints().accessTokenUrl; // 'https://www.flickr.com/services/oauth/access_token'
 * ```
 */
export function flickrEndpoints(origin?: string): FlickrEndpoints {
  const www = origin === undefined ? 'https://www.flickr.com' : trimOrigin(origin);
  const api = origin === undefined ? 'https://api.flickr.com' : www;
  return {
    requestTokenUrl: `${www}/services/oauth/request_token`,
    authorizeUrl: `${www}/services/oauth/authorize`,
    accessTokenUrl: `${www}/services/oauth/access_token`,
    restUrl: `${api}/services/rest`,
  };
}

/**
 * The real Flickr endpoints.
 *
 * @example
 * ```ts
 * await api.get(FLICKR.restUrl, { params: { method: 'flickr.test.login', format: 'json', nojsoncallback: '1' } });
 * ```
 */
export const FLICKR: FlickrEndpoints = flickrEndpoints();

/**
 * Settings Flickr allows: HMAC-SHA1 only (Flickr's documented method), provider name `flickr`.
 * Placement defaults to `query`, as every example in Flickr's documentation sends it.
 *
 * @example
 * ```ts
 * const settings: FlickrSettings = { placement: 'header' };
 * flickr({ store, ...settings });
 * ```
 */
export type FlickrSettings = Omit<OAuth1Settings, 'signatureMethod' | 'provider'> & {
  signatureMethod?: 'HMAC-SHA1';
};

/**
 * Options of {@link flickr}: the app's key and secret (Flickr's "Key" and "Secret") and the
 * user's OAuth token and secret, or a `{ store, profile }`.
 *
 * @example
 * ```ts
 * const options: FlickrOptions = { consumerKey, consumerSecret, token, tokenSecret };
 * flickr(options);
 * ```
 */
export type FlickrOptions = FlickrSettings &
  ({ consumerKey: string; consumerSecret: string; token?: string; tokenSecret?: string } | StoreOptions);

/**
 * The Flickr preset of {@link oauth1}: HMAC-SHA1, the `oauth_*` parameters in the query by
 * default (as Flickr documents; `header` and `form` work too), credentials under
 * `flickr/<profile>`. Without a token it signs calls that only need the app's key.
 *
 * @example
 * ```ts
 * import ky from 'ky';
 * import { withAuth } from '@authplug/ky';
 * import { FLICKR, flickr } from '@authplug/oauth1';
 *
 * const api = withAuth(ky, flickr({ store, profile: 'me' }));
 * await api.get(FLICKR.restUrl, {
 *   searchParams: { method: 'flickr.test.login', format: 'json', nojsoncallback: '1' },
 * }).json();
 * ```
 */
export function flickr(options: FlickrOptions): OAuth1Strategy {
  onlyValue(options, 'signatureMethod', 'HMAC-SHA1', 'Flickr');
  const settings = resolveSettings({ ...options, signatureMethod: 'HMAC-SHA1', provider: 'flickr' }, 'query');
  return createStrategy(settings, oauth1Credentials(options, 'flickr', 'HMAC-SHA1'));
}

/**
 * What the user is asked to allow (`perms`): `write` includes `read`, `delete` includes `write`.
 *
 * @example
 * ```ts
 * flickrFlow({ store, callback, perms: 'write' });
 * ```
 */
export type FlickrPerms = 'read' | 'write' | 'delete';

const PERMS: readonly FlickrPerms[] = ['read', 'write', 'delete'];

/**
 * Options of {@link flickrFlow}.
 *
 * @example
 * ```ts
 * const options: FlickrFlowOptions = { consumerKey, consumerSecret, store, callback: 'oob', perms: 'write' };
 * flickrFlow(options);
 * ```
 */
export type FlickrFlowOptions = Omit<
  OAuth1FlowOptions,
  | 'signatureMethod'
  | 'provider'
  | 'requestTokenUrl'
  | 'authorizeUrl'
  | 'accessTokenUrl'
  | 'privateKey'
  | 'tokenMethod'
> & {
  signatureMethod?: 'HMAC-SHA1';
  /** `perms` on the authorize page. Default `read`, the least. */
  perms?: FlickrPerms;
  /** Default the real hosts; an emulator's URL in tests. */
  origin?: string;
};

/**
 * The Flickr preset of {@link oauth1Flow}: `GET /services/oauth/request_token`, the user at
 * `/services/oauth/authorize?perms=…`, `GET /services/oauth/access_token`, signed with the
 * `oauth_*` parameters in the query as Flickr's "User Authentication" page shows them. Saves
 * the token under `flickr/<profile>`, with Flickr's `user_nsid`, `username` and `fullname` in
 * `grant.params`; {@link flickr}`({ store, profile })` finds it.
 *
 * @example
 * ```ts
 * const flow = flickrFlow({ consumerKey, consumerSecret, store, callback: 'https://app.example/flickr', perms: 'write' });
 * const { url } = await flow.start();
 * const grant = await flow.complete(callbackParams(request.url));
 * grant.params.user_nsid; // '21207597@N07'
 * ```
 */
export function flickrFlow(options: FlickrFlowOptions): OAuth1Flow {
  onlyValue(options, 'signatureMethod', 'HMAC-SHA1', 'Flickr');
  const { perms = 'read', origin, ...rest } = options;
  if (!PERMS.includes(perms)) {
    throw new InvalidOptionError(PKG, 'perms', `must be one of ${PERMS.join(', ')}.`);
  }
  const endpoints = flickrEndpoints(origin);
  return oauth1Flow({
    ...rest,
    placement: rest.placement ?? 'query',
    signatureMethod: 'HMAC-SHA1',
    provider: 'flickr',
    tokenMethod: 'GET',
    requestTokenUrl: endpoints.requestTokenUrl,
    authorizeUrl: endpoints.authorizeUrl,
    accessTokenUrl: endpoints.accessTokenUrl,
    authorizeParams: { ...options.authorizeParams, perms },
  });
}
