/** Package name used as the prefix of every message. */
export const PKG = '@authplug/ipernity';
/** Provider name (strategy name, store key prefix). */
export const PROVIDER = 'ipernity';
/**
 * The real API root; the method and format follow (`…/api/doc.tags.add/json`).
 *
 * @example
 * ```ts
 * const api = withAuth(axios.create({ baseURL: IPERNITY_API_URL }), ipernity({ store }));
 * ```
 */
export const IPERNITY_API_URL = 'https://api.ipernity.com/api/';
/**
 * The real authorization page (the default `authorizeUrl`).
 *
 * @example
 * ```ts
 * ipernity({ store, authorizeUrl: IPERNITY_AUTHORIZE_URL });
 * ```
 */
export const IPERNITY_AUTHORIZE_URL = 'https://www.ipernity.com/apps/authorize';
