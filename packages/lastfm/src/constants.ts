import { type ApiSigScheme, apiSigScheme } from '@authplug/core';

/** Package name used as the prefix of every message. */
export const PKG = '@authplug/lastfm';
/** Provider name (strategy name, store key prefix). */
export const PROVIDER = 'lastfm';

/**
 * The real API root: every method is a `method` parameter on this one URL.
 *
 * @example
 * ```ts
 * const api = withAuth(axios.create({ baseURL: LASTFM_API_URL }), lastfm({ store }));
 * ```
 */
export const LASTFM_API_URL = 'https://ws.audioscrobbler.com/2.0/';

/**
 * The real authorization page (the flow's default `authorizeUrl`).
 *
 * @example
 * ```ts
 * lastfmAuthFlow({ store, authorizeUrl: LASTFM_AUTHORIZE_URL });
 * ```
 */
export const LASTFM_AUTHORIZE_URL = 'https://www.last.fm/api/auth/';

/**
 * Last.fm's member of the sorted-concatenation family: md5 of the name+value pairs sorted by
 * name, `format` and `callback` left out, followed by the secret.
 *
 * @example
 * ```ts
 * LASTFM_SIG.base([['method', 'auth.getToken'], ['api_key', 'k'], ['format', 'json']], 's');
 * // 'api_keykmethodauth.getTokens'
 * ```
 */
export const LASTFM_SIG: ApiSigScheme = apiSigScheme({ skip: ['format', 'callback'], secret: 'last' });
