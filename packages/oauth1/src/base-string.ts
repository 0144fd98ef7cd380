import {
  baseOf,
  canonicalBaseUrl,
  compareCodePoints,
  type Param,
  percentEncode,
  sortParams,
} from '@authplug/core';

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
  return joinMerged(sortParams(encoded), []);
}

/** Joins two lists, each already in core's order, into one ordered `n=v&…` string. */
function joinMerged(a: readonly Param[], b: readonly Param[]): string {
  let out = '';
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let p: Param;
    if (j >= b.length) p = a[i++]!;
    else if (i >= a.length) p = b[j++]!;
    else {
      const x = a[i]!;
      const y = b[j]!;
      p = (compareCodePoints(x[0], y[0]) || compareCodePoints(x[1], y[1])) <= 0 ? a[i++]! : b[j++]!;
    }
    out += out === '' ? `${p[0]}=${p[1]}` : `&${p[0]}=${p[1]}`;
  }
  return out;
}

/**
 * The encoded base string URI of `url`, cached for the last URL base seen (a client mostly
 * signs calls to the same few endpoints).
 * @internal
 */
export function baseUriEncoder(): (url: string) => string {
  let lastRaw = '';
  let lastEncoded = '';
  return (url) => {
    const raw = baseOf(url);
    if (raw !== lastRaw) {
      lastEncoded = percentEncode(canonicalBaseUrl(raw, '@authplug/oauth1'));
      lastRaw = raw;
    }
    return lastEncoded;
  };
}

/**
 * The base string from already percent-encoded pairs, both lists already in core's order
 * (`sortParams`). Each value is encoded once and reused for the header.
 * @internal
 */
export function encodedBaseString(
  method: string,
  encodedUri: string,
  request: readonly Param[],
  oauth: readonly Param[],
): string {
  return `${method.toUpperCase()}&${encodedUri}&${percentEncode(joinMerged(request, oauth))}`;
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
