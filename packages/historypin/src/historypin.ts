import {
  type AuthStrategy,
  collectParams,
  type Digests,
  hmac as defaultHmac,
  explainable,
  hasParam,
  type Param,
  pathAfter,
  sortParams,
} from '@authplug/core';
import { credentialSource, type StoreOptions } from '@authplug/credentials';

const PKG = '@authplug/historypin';

/**
 * What a Historypin profile holds in a credential store (and the literal options).
 *
 * @example
 * ```ts
 * await store.set('historypin/default', { apiKey: '…64 hex…', apiSecret: '…32 hex…' });
 * ```
 */
export interface HistorypinCredentials {
  /** The account's 64-character API key. */
  apiKey: string;
  /** The account's 32-character shared secret. Only ever used as the HMAC key. */
  apiSecret: string;
  [field: string]: unknown;
}

/**
 * Literal credentials, or `{ store, profile }` to read them from a credential store on every
 * request; `digests` swaps the digest implementation.
 *
 * @example
 * ```ts
 * const literal: HistorypinOptions = { apiKey, apiSecret };
 * const stored: HistorypinOptions = { store: fileStore(), profile: 'default' };
 * ```
 */
export type HistorypinOptions = (Pick<HistorypinCredentials, 'apiKey' | 'apiSecret'> | StoreOptions) & {
  /** Digest implementation; defaults to node:crypto where present, else WebCrypto. */
  digests?: Digests;
};

/**
 * Historypin's HMAC-SHA256 `api_token` signing. Adds `api_key` (when the request has none) and
 * `api_token` to the query. The token covers every query and form parameter plus
 * `api_path=<path after /api/>`, each as `key=value`, sorted by key then value, joined with `&`.
 * The API path is taken from the URL, so any base URL ending in `/api/` works (the real one, a
 * proxy, an emulator).
 *
 * @example
 * ```ts
 * import ky from 'ky';
 * import { withAuth } from '@authplug/ky';
 * import { historypin } from '@authplug/historypin';
 *
 * const api = withAuth(ky.create({ baseUrl: 'https://www.historypin.org/en/api/' }),
 *   historypin({ apiKey: process.env.HP_KEY!, apiSecret: process.env.HP_SECRET! }));
 * await api.get('user/get_edit.json', { searchParams: { id: 19 } }).json();
 * ```
 */
export function historypin(options: HistorypinOptions): AuthStrategy {
  const credentials = credentialSource<HistorypinCredentials>(PKG, 'historypin', options, {
    required: ['apiKey', 'apiSecret'],
  });
  const hmac = options.digests?.hmac ?? defaultHmac;
  return explainable('historypin', async (request, _context, trace) => {
    const apiPath = pathAfter(request.url, '/api/', PKG);
    const params = collectParams(request);
    const { apiKey, apiSecret } = await credentials();
    // Always the query (Historypin reads its own parameters there), written out rather than
    // through core's addParams: this strategy is the size budget's reference bundle.
    const query: Param[] = [];
    if (!hasParam(params, 'api_key')) {
      query.push(['api_key', apiKey]);
      params.push(['api_key', apiKey]);
    }
    params.push(['api_path', apiPath]);
    const base = tokenBase(params);
    const token = await hmac('sha256', apiSecret, base);
    query.push(['api_token', token]);
    // The secret is only the HMAC key: the base holds none.
    trace?.({
      algorithm: 'HMAC-SHA256',
      params: sortParams(params),
      base,
      key: 'apiSecret',
      signature: token,
      placement: 'query api_token',
    });
    return { query };
  });
}

/**
 * The string Historypin's `api_token` is the HMAC of: raw (not URL-encoded) `key=value` pairs,
 * sorted, joined with `&`.
 *
 * @example
 * ```ts
 * tokenBase([['id', '19'], ['api_path', 'user/get_edit.json']]); // 'api_path=user/get_edit.json&id=19'
 * ```
 */
export function tokenBase(params: readonly Param[]): string {
  let out = '';
  for (const [name, value] of sortParams(params)) out += `${out ? '&' : ''}${name}=${value}`;
  return out;
}
