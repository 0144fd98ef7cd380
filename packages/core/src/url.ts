import { InvalidRequestUrlError } from './errors.ts';
import { serializeParams } from './params.ts';
import type { Param } from './request.ts';

// Plain string slicing instead of `new URL()`: these run on every request, and the adapters
// already hand over a normalized absolute URL.

/**
 * The URL without query and fragment.
 *
 * @example
 * ```ts
 * baseOf('https://x.test/a/b?c=1#d'); // 'https://x.test/a/b'
 * ```
 */
export function baseOf(url: string): string {
  const end = endOfPath(url);
  return end === -1 ? url : url.slice(0, end);
}

/**
 * The raw query string (without `?`), or `''`.
 *
 * @example
 * ```ts
 * queryOf('https://x.test/a?b=1&c=%20#d'); // 'b=1&c=%20'
 * ```
 */
export function queryOf(url: string): string {
  const hash = url.indexOf('#');
  const q = url.indexOf('?');
  if (q === -1 || (hash !== -1 && hash < q)) return '';
  return hash === -1 ? url.slice(q + 1) : url.slice(q + 1, hash);
}

/**
 * The path of an absolute URL, still percent-encoded.
 *
 * @example
 * ```ts
 * pathOf('https://www.historypin.org/en/api/user/get.json?id=1'); // '/en/api/user/get.json'
 * ```
 */
export function pathOf(url: string): string {
  const base = baseOf(url);
  const scheme = base.indexOf('://');
  const slash = base.indexOf('/', scheme === -1 ? 0 : scheme + 3);
  return slash === -1 ? '/' : base.slice(slash);
}

/**
 * The decoded part of the path after the first `marker` segment (default `/api/`): the API
 * method or path for schemes that sign it (`user/get_edit.json`, `doc.tags.add/json`).
 * Throws `InvalidRequestUrlError` (`AUTHPLUG_INVALID_URL`) when the marker is missing, or when
 * that part holds a `%` that is not a valid escape (`100%/x`, `%zz`, `%2`) or escapes that are
 * not UTF-8 (`%C3%28`): the decoded path such a URL stands for is undefined.
 *
 * @example
 * ```ts
 * pathAfter('https://www.historypin.org/en/api/user/get_edit.json?id=19', '/api/', 'historypin');
 * // 'user/get_edit.json'
 * ```
 */
export function pathAfter(url: string, marker: string, pkg: string): string {
  const path = pathOf(url);
  const at = path.indexOf(marker);
  if (at === -1) {
    throw new InvalidRequestUrlError(
      pkg,
      `end the client's base URL with \`${marker}\`: the API path to sign follows it.`,
    );
  }
  const rest = path.slice(at + marker.length);
  if (rest.indexOf('%') === -1) return rest;
  try {
    return decodeURIComponent(rest);
  } catch {
    // The scheme signs the decoded path, and a malformed escape has no decoded form: the server
    // may reject it, keep it literally or decode it leniently, so no signature is sure to match.
    throw new InvalidRequestUrlError(pkg, malformedEscapeMessage(rest, marker));
  }
}

// Names the first escape that does not decode (never the rest of the URL, which may carry data).
// Kept short: every bundle that signs a path carries it.
function malformedEscapeMessage(path: string, marker: string): string {
  const bad = /%(?![\dA-Fa-f]{2})/.exec(path);
  return `cannot decode the path after \`${marker}\`: ${bad ? `\`${path.slice(bad.index, bad.index + 3)}\` is not a %XX escape` : 'its escapes are not UTF-8'}; encode its parts with encodeURIComponent (\`%\` is \`%25\`).`;
}

/**
 * Appends pairs to a URL's query (before any fragment), encoded with the canonical encoder.
 *
 * @example
 * ```ts
 * appendQuery('https://x.test/a?b=1#top', [['c', 'd e']]); // 'https://x.test/a?b=1&c=d%20e#top'
 * ```
 */
export function appendQuery(url: string, params: readonly Param[]): string {
  if (params.length === 0) return url;
  const hash = url.indexOf('#');
  const head = hash === -1 ? url : url.slice(0, hash);
  const tail = hash === -1 ? '' : url.slice(hash);
  const q = head.indexOf('?');
  const sep = q === -1 ? '?' : q === head.length - 1 || head.endsWith('&') ? '' : '&';
  return `${head}${sep}${serializeParams(params)}${tail}`;
}

function endOfPath(url: string): number {
  const q = url.indexOf('?');
  const h = url.indexOf('#');
  if (q === -1) return h;
  if (h === -1) return q;
  return Math.min(q, h);
}

/**
 * `new URL(url)` for strategies that need the parsed parts, with the typed error a caller can act
 * on instead of the platform's `TypeError` (a port over 65535, a bad host). The message never
 * holds the URL, which may carry user data.
 *
 * @example
 * ```ts
 * parseRequestUrl('https://example.com:99999/', '@authplug/httpsig'); // throws InvalidRequestUrlError
 * ```
 */
export function parseRequestUrl(url: string, pkg: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new InvalidRequestUrlError(
      pkg,
      'the request URL is not a valid absolute URL: check its scheme, host and port (at most 65535).',
    );
  }
}
