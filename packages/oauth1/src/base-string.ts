import { canonicalBaseUrl, type Param, percentEncode, sortParams } from '@authplug/core';

/**
 * Encodes and orders parameters as RFC 5849 3.4.1.3.2 wants: each name and value
 * percent-encoded, sorted by encoded name then encoded value, joined as `n=v&…`.
 * `params` are decoded pairs (as `collectParams` returns them) plus the `oauth_*` ones.
 *
 * @example
 * ```ts
 * normalizeParams([['b', 'x y'], ['a', '1']]); // 'a=1&b=x%20y'
 * ```
 */
export function normalizeParams(params: readonly Param[]): string {
  const encoded: Param[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    encoded[i] = [percentEncode(p[0]), percentEncode(p[1])];
  }
  // Encoded pairs are ASCII: core's code-point order is the byte order RFC 5849 asks for.
  const sorted = sortParams(encoded);
  let out = '';
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i]!;
    out += i === 0 ? `${p[0]}=${p[1]}` : `&${p[0]}=${p[1]}`;
  }
  return out;
}

/**
 * The signature base string (RFC 5849 3.4.1): upper-case method, the canonical base URL
 * (lower-case scheme and host, default port dropped, no query or fragment) and the normalized
 * parameters, each percent-encoded and joined by `&`. `params` must hold the query, the form
 * body's fields (form bodies only) and the `oauth_*` parameters, without `oauth_signature`
 * and `realm`.
 *
 * @example
 * ```ts
 * signatureBaseString('GET', 'http://Photos.example.net:80/photos?size=original', [
 *   ['size', 'original'], ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
 * ]);
 * // 'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&oauth_consumer_key%3Ddpf43f3p2l4k3l03%26size%3Doriginal'
 * ```
 */
export function signatureBaseString(method: string, url: string, params: readonly Param[]): string {
  return `${method.toUpperCase()}&${percentEncode(canonicalBaseUrl(url, '@authplug/oauth1'))}&${percentEncode(normalizeParams(params))}`;
}
