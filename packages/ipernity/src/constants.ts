/** Package name used as the prefix of every message. */
export const PKG = '@authplug/ipernity';
/** Provider name (strategy name, store key prefix). */
export const PROVIDER = 'ipernity';
/** The real API root; the method and format follow (`…/api/doc.tags.add/json`). */
export const IPERNITY_API_URL = 'https://api.ipernity.com/api/';
/** The real authorization page. */
export const IPERNITY_AUTHORIZE_URL = 'https://www.ipernity.com/apps/authorize';
