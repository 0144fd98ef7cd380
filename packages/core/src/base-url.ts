import { InvalidRequestUrlError } from './errors.ts';

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443', ws: '80', wss: '443' };

/**
 * The canonical base URL of an absolute URL, as signature base strings need it (RFC 5849
 * 3.4.1.2): scheme and host in lower case, the scheme's default port dropped (any other port
 * kept), user info dropped, the path exactly as sent (`/` when empty), no query, no fragment.
 * Plain string slicing, no `new URL()`: the path is never re-encoded or normalized.
 *
 * @example
 * ```ts
 * canonicalBaseUrl('HTTP://Example.COM:80/r%20v/X?id=123#top'); // 'http://example.com/r%20v/X'
 * canonicalBaseUrl('https://www.example.net:8080/?q=1');         // 'https://www.example.net:8080/'
 * ```
 */
export function canonicalBaseUrl(url: string, pkg = '@authplug/core'): string {
  const sep = url.indexOf('://');
  if (sep <= 0) {
    throw new InvalidRequestUrlError(
      pkg,
      'the request URL must be absolute (scheme://host/path) to be signed.',
    );
  }
  const scheme = url.slice(0, sep).toLowerCase();
  const start = sep + 3;
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break;
    end++;
  }
  let authority = url.slice(start, end);
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  const bracket = authority.lastIndexOf(']');
  const colon = authority.lastIndexOf(':');
  let host = authority;
  let port = '';
  if (colon > bracket) {
    host = authority.slice(0, colon);
    port = authority.slice(colon + 1);
  }
  if (host === '')
    throw new InvalidRequestUrlError(pkg, 'the request URL has no host, so it cannot be signed.');
  host = host.toLowerCase();
  if (port !== '' && port !== DEFAULT_PORTS[scheme]) host = `${host}:${port}`;
  let pathEnd = end;
  while (pathEnd < url.length) {
    const c = url.charCodeAt(pathEnd);
    if (c === 63 || c === 35) break;
    pathEnd++;
  }
  const path = url.slice(end, pathEnd);
  return `${scheme}://${host}${path === '' ? '/' : path}`;
}
