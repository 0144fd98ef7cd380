import { type Digests, digests as defaultDigests, type Param, sortParams } from '@authplug/core';

/** The parameter that carries the signature: never part of what is signed. */
export const SIGNATURE_PARAM = 'signature';

/**
 * The string Safe Creative signs: the private key, `&`, then every `key=value` pair (raw,
 * not URL-encoded; `signature` left out) sorted by name then value and joined with `&`.
 * It starts with the private key: never log it.
 *
 * @example
 * ```ts
 * signatureBase('pk', [['ztime', '1'], ['component', 'authkey.create']]);
 * // 'pk&component=authkey.create&ztime=1'
 * ```
 */
export function signatureBase(privateKey: string, params: readonly Param[]): string {
  let out = privateKey;
  for (const [name, value] of sortParams(params)) {
    if (name !== SIGNATURE_PARAM) out += `&${name}=${value}`;
  }
  return out;
}

/**
 * `sha1(signatureBase(privateKey, params))` as lower-case hex.
 *
 * @example
 * ```ts
 * await safecreativeSignature('pk', [['component', 'ztime']]); // sha1('pk&component=ztime')
 * ```
 */
export function safecreativeSignature(
  privateKey: string,
  params: readonly Param[],
  digests: Digests = defaultDigests,
): Promise<string> {
  return digests.hash('sha1', signatureBase(privateKey, params), 'hex');
}
