import {
  addParams,
  apiSigScheme,
  type Digests,
  mask,
  type Param,
  type ParamAdditions,
  type Trace,
} from '@authplug/core';

/** ipernity's member of the sorted-concatenation family: method name, then secret, appended. */
const IPERNITY_SIG = apiSigScheme({ secret: 'last' });

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
  return IPERNITY_SIG.base(params, secret, method);
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
  digests?: Digests,
): Promise<string> {
  return IPERNITY_SIG.sign(params, secret, { appended: method, digests });
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
  digests?: Digests,
  trace?: Trace,
): Promise<Param[]> {
  const additions = addParams(params);
  await signParams(additions, method, credentials, sign, digests, trace);
  return [...additions.added];
}

/**
 * {@link addedParams} onto a request's {@link ParamAdditions}, so they land where the request's
 * own parameters are.
 *
 * @example
 * ```ts
 * const params = addParams(request);
 * await signParams(params, apiMethodOf(request.url), { apiKey, secret }, true);
 * return params.signature();
 * ```
 */
export async function signParams(
  params: ParamAdditions,
  method: string | undefined,
  credentials: { apiKey: string; secret: string; authToken?: string | undefined },
  sign: boolean,
  digests?: Digests,
  trace?: Trace,
): Promise<void> {
  params.add('api_key', credentials.apiKey);
  params.add('auth_token', credentials.authToken);
  if (!sign) {
    trace?.({ algorithm: 'none', params: [], base: '', key: '', signature: '', placement: 'unsigned' });
    return;
  }
  const all = params.all();
  const sig = await IPERNITY_SIG.sign(all, credentials.secret, { appended: method, digests });
  params.add(IPERNITY_SIG.param, sig);
  trace?.({
    algorithm: IPERNITY_SIG.algorithm,
    params: IPERNITY_SIG.signed(all),
    base: mask(signingString(all, method, credentials.secret), credentials.secret, 'secret'),
    key: 'secret',
    signature: sig,
    placement: IPERNITY_SIG.param,
  });
}
