import { percentEncode, UNRESERVED } from './encode.ts';
import { UnreadableBodyError } from './errors.ts';
import type { AuthRequest, Param } from './request.ts';
import { queryOf } from './url.ts';

/**
 * Parses a query string or form body (without `?`) into ordered, decoded pairs, keeping
 * repeated names and empty values exactly as the WHATWG `URLSearchParams` parser does.
 *
 * @example
 * ```ts
 * parseParams('a=1&b=x+y&a='); // [['a', '1'], ['b', 'x y'], ['a', '']]
 * ```
 */
export function parseParams(encoded: string): Param[] {
  return splitParams(encoded, decodeComponent);
}

// The WHATWG form parser, by hand: `&`-separated pairs, empty ones skipped, split at the first
// `=`, each part mapped by `take`. A quarter of a signature's cost went to the platform's parser
// (a URLSearchParams object, its iterator and per-character decoding) in a CPU profile of the
// Historypin, ipernity and Safe Creative strategies. params.test.ts compares it with
// URLSearchParams on arbitrary input.
function splitParams(encoded: string, take: (part: string) => string): Param[] {
  const params: Param[] = [];
  for (const pair of encoded.split('&')) {
    const eq = pair.indexOf('=');
    if (pair) params.push(eq === -1 ? [take(pair), ''] : [take(pair.slice(0, eq)), take(pair.slice(eq + 1))]);
  }
  return params;
}

// One part, decoded as the WHATWG form parser does: `+` is a space, `%XX` escapes are UTF-8
// bytes; a stray `%` or escapes that are not UTF-8 get the platform's lenient decoding.
function decodeComponent(part: string): string {
  if (UNRESERVED.test(part)) return part;
  try {
    return decodeURIComponent(part.replaceAll('+', ' ').toWellFormed());
  } catch {
    return new URLSearchParams(`=${part}`).get('')!;
  }
}

/**
 * The request parameters every scheme here signs: the URL's query parameters followed by the
 * form body's fields (only for `application/x-www-form-urlencoded` bodies), in order, repeats kept.
 * Throws {@link UnreadableBodyError} when the body is a stream that may hold form fields.
 *
 * @example
 * ```ts
 * collectParams({ method: 'POST', url: 'https://x.test/api?a=1', headers, body: { kind: 'form', fields: [['b', '2']] } });
 * // [['a', '1'], ['b', '2']]
 * ```
 */
export function collectParams(request: AuthRequest): Param[] {
  return withFormFields(request, parseParams(queryOf(request.url)), (field) => field);
}

/**
 * {@link collectParams} with each name and value encoded by {@link percentEncode}: what OAuth 1.0a
 * sorts and signs. A query name or value made of unreserved characters only is taken as it is
 * in the URL (decoding and encoding it again gives it back unchanged): most are, and skipping the
 * round trip is a twentieth of an OAuth signature's cost (bench/oauth1.bench.ts).
 *
 * @example
 * ```ts
 * collectEncodedParams({ method: 'GET', url: 'https://x.test/?b=x+y&a=%7E', headers, body: { kind: 'none' } });
 * // [['b', 'x%20y'], ['a', '~']]
 * ```
 */
export function collectEncodedParams(request: AuthRequest): Param[] {
  return withFormFields(request, splitParams(queryOf(request.url), encodeComponent), ([name, value]) => [
    percentEncode(name),
    percentEncode(value),
  ]);
}

// Decoding and encoding an unreserved part again gives it back unchanged.
const encodeComponent = (part: string): string =>
  UNRESERVED.test(part) ? part : percentEncode(decodeComponent(part));

function withFormFields(request: AuthRequest, params: Param[], take: (field: Param) => Param): Param[] {
  const { body } = request;
  if (body.kind === 'form') {
    for (const field of body.fields) params.push(take(field));
  } else if (body.kind === 'opaque' && body.stream && mayBeForm(body.contentType)) {
    throw new UnreadableBodyError();
  }
  return params;
}

function mayBeForm(contentType: string | undefined): boolean {
  return contentType === undefined || isFormContentType(contentType);
}

/**
 * True for `application/x-www-form-urlencoded`, whatever its case or parameters.
 *
 * @example
 * ```ts
 * isFormContentType('Application/X-WWW-Form-Urlencoded; charset=utf-8'); // true
 * isFormContentType('multipart/form-data; boundary=x');                  // false
 * ```
 */
export function isFormContentType(contentType: string | null | undefined): boolean {
  return (
    typeof contentType === 'string' &&
    contentType.trimStart().slice(0, 33).toLowerCase() === 'application/x-www-form-urlencoded'
  );
}

/**
 * Serializes pairs as `name=value&…` with {@link percentEncode}: for URLs and form bodies alike.
 *
 * @example
 * ```ts
 * serializeParams([['a', '1'], ['b', 'x y&z']]); // 'a=1&b=x%20y%26z'
 * ```
 */
export function serializeParams(params: readonly Param[]): string {
  let out = '';
  for (const [name, value] of params) {
    out += `${out ? '&' : ''}${percentEncode(name)}=${percentEncode(value)}`;
  }
  return out;
}

/**
 * Orders by name, then by value, comparing Unicode code points: the byte order of the UTF-8
 * strings, which is what the providers' PHP/Python/Java sorts produce. Returns a new array.
 *
 * @example
 * ```ts
 * sortParams([['b', '1'], ['a', '2'], ['a', '1']]); // [['a', '1'], ['a', '2'], ['b', '1']]
 * ```
 */
export function sortParams(params: readonly Param[]): Param[] {
  return params.toSorted((a, b) => compareCodePoints(a[0], b[0]) || compareCodePoints(a[1], b[1]));
}

/**
 * `a` vs `b` in code-point (UTF-8 byte) order; differs from `<` only around surrogate pairs.
 *
 * @example
 * ```ts
 * compareCodePoints('\uFFFF', '😀') < 0; // true, although '\uFFFF' > '😀' in UTF-16 order
 * ```
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

// UTF-16 puts surrogates (astral code points) below U+E000–U+FFFF; code points don't, so
// surrogates move above the BMP.
const rank = (unit: number): number => ((unit & 0xf800) === 0xd800 ? unit + 0x10000 : unit);

/**
 * True when a parameter of that name is present.
 *
 * @example
 * ```ts
 * hasParam([['api_key', 'k']], 'api_key'); // true
 * ```
 */
export function hasParam(params: readonly Param[], name: string): boolean {
  return params.some((p) => p[0] === name);
}
