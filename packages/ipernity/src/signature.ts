import {
  type Digests,
  digests as defaultDigests,
  hasParam,
  mask,
  type Param,
  sortParams,
  type Trace,
} from '@authplug/core';

/**
 * The string ipernity hashes: every parameter as `name + value` (raw UTF-8 values, no
 * encoding), sorted by name (then value, for repeated names), concatenated, followed by the
 * API method name (omitted for the authorization link) and the secret. `api_sig` is left out.
 * Returned for debugging only: it ends with the secret, so never log it.
 *
 * @example
 * ```ts
 * signingString([['doc_id', '1234'], ['api_key', 'k']], 'doc.tags.add', 's');
 * // 'api_keykdoc_id1234doc.tags.adds'
 * ```
 */
export function signingString(params: readonly Param[], method: string | undefined, secret: string): string {
  let out = '';
  for (const [name, value] of sortParams(params)) {
    if (name === 'api_sig') continue;
    out += name + value;
  }
  return out + (method ?? '') + secret;
}

/**
 * ipernity's `api_sig`: lower-case hex MD5 of {@link signingString}.
 *
 * @example
 * ```ts
 * await apiSig(
 *   [['api_key', '6fa87ba500002712bd4eed6020f3bd72'], ['doc_id', '1234'], ['keywords', 'easy']],
 *   'doc.tags.add',
 *   'e9a599f0cf6ce193',
 * ); // 'a269b218feb341ef03bc093a0f2c8078'
 * ```
 */
export function apiSig(
  params: readonly Param[],
  method: string | undefined,
  secret: string,
  digests: Digests = defaultDigests,
): Promise<string> {
  return digests.hash('md5', signingString(params, method, secret), 'hex');
}

/**
 * The parameters ipernity adds to a call: `api_key`, `auth_token` (when given) and, when
 * `sign` is true, `api_sig` over `params` plus those. Names already in `params` are not added
 * twice. `method` is the API method (`undefined` for the authorization link).
 *
 * @example
 * ```ts
 * await addedParams([['doc_id', '1']], 'doc.get', { apiKey: 'k', secret: 's' }, true);
 * // [['api_key', 'k'], ['api_sig', '…']]
 * ```
 */
export async function addedParams(
  params: readonly Param[],
  method: string | undefined,
  credentials: { apiKey: string; secret: string; authToken?: string | undefined },
  sign: boolean,
  digests: Digests = defaultDigests,
  trace?: Trace,
): Promise<Param[]> {
  const added: Param[] = [];
  if (!hasParam(params, 'api_key')) added.push(['api_key', credentials.apiKey]);
  if (credentials.authToken && !hasParam(params, 'auth_token')) {
    added.push(['auth_token', credentials.authToken]);
  }
  if (!sign) {
    trace?.({ algorithm: 'none', params: [], base: '', key: '', signature: '', placement: 'unsigned' });
    return added;
  }
  // signingString leaves any `api_sig` already in `params` out.
  const all = params.concat(added);
  const sig = await apiSig(all, method, credentials.secret, digests);
  added.push(['api_sig', sig]);
  trace?.({
    algorithm: 'MD5',
    params: sortParams(all).filter(([name]) => name !== 'api_sig'),
    base: mask(signingString(all, method, credentials.secret), credentials.secret, 'secret'),
    key: 'secret',
    signature: sig,
    placement: 'api_sig',
  });
  return added;
}
