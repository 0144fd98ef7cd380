import { type Param, parseParams, percentEncode, queryOf } from '@authplug/core';

/**
 * How the path enters the canonical request. `generic`: dot segments and empty segments removed,
 * then each segment of the path as sent is encoded once more (every AWS service but S3, which is
 * why their canonical paths look double-encoded). `s3`: no normalization, each segment encoded
 * exactly once (`%20` stays `%20`; a character the client left raw, such as `!`, becomes `%21`).
 *
 * @example
 * ```ts
 * canonicalPath('/a/./b//c%20d', 'generic'); // '/a/b/c%2520d'
 * canonicalPath('/a/./b//c%20d', 's3');      // '/a/./b//c%20d'
 * ```
 */
export type PathRule = 'generic' | 's3';

// A path made of unreserved characters and single slashes, with no dot segment, is its own
// canonical form under both rules: the common case costs one regex test.
const PLAIN_PATH = /^(?:\/[A-Za-z0-9\-_~]+(?:\.[A-Za-z0-9\-_~]+)*)*\/?$/;

/**
 * The canonical URI of a path as sent (still percent-encoded), under `rule`.
 *
 * @example
 * ```ts
 * canonicalPath('/example/..', 'generic'); // '/'
 * ```
 */
export function canonicalPath(path: string, rule: PathRule): string {
  if (path === '') return '/';
  if (PLAIN_PATH.test(path)) return path;
  if (rule === 's3') return path.split('/').map(encodeOnce).join('/');
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(percentEncode(segment));
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.join('/')}${trailing}`;
}

// S3 compares against the strict encoding of the decoded key: a path the client encoded strictly
// is unchanged, one it left partly raw (WHATWG URLs keep `!$'()*,;=@:` raw) is completed.
function encodeOnce(segment: string): string {
  try {
    return percentEncode(decodeURIComponent(segment));
  } catch {
    return segment; // malformed `%` sequence: sent as is, signed as is
  }
}

/**
 * The canonical query string: every pair of the URL's query encoded (RFC 3986), sorted by
 * name then value, joined with `&`; `X-Amz-Signature` is left out.
 *
 * @example
 * ```ts
 * canonicalQuery('https://x.amazonaws.com/?b=2&a=x%20y&a'); // 'a=&a=x%20y&b=2'
 * ```
 */
export function canonicalQuery(url: string): string {
  const query = queryOf(url);
  if (query === '') return '';
  return canonicalPairs(parseParams(query));
}

/**
 * {@link canonicalQuery} over decoded pairs.
 *
 * @example
 * ```ts
 * canonicalPairs([['b', '2'], ['a', 'x y']]); // 'a=x%20y&b=2'
 * ```
 */
export function canonicalPairs(params: readonly Param[]): string {
  const encoded: [string, string][] = [];
  for (const [name, value] of params) {
    if (name !== 'X-Amz-Signature') encoded.push([percentEncode(name), percentEncode(value)]);
  }
  // Encoded strings are ASCII, so `<` is byte order, which is what AWS sorts by.
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let out = '';
  for (const [name, value] of encoded) out += `${out ? '&' : ''}${name}=${value}`;
  return out;
}

/**
 * A header value as it enters the canonical request: line breaks and runs of spaces or tabs
 * become one space, and the value is trimmed.
 *
 * @example
 * ```ts
 * canonicalHeaderValue('  value1\n  value2  '); // 'value1 value2'
 * ```
 */
export function canonicalHeaderValue(value: string): string {
  return value.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
}
