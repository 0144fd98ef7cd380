import { type HeaderReader, hash, keyedHmac } from '@authplug/core';
import { canonicalHeaderValue, canonicalPath, canonicalQuery, type PathRule } from './canonical.ts';
import type { Resolved } from './credentials.ts';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * `YYYYMMDD'T'HHMMSS'Z'`, the form of `X-Amz-Date`.
 *
 * @example
 * ```ts
 * amzDate(Date.UTC(2015, 7, 30, 12, 36)); // '20150830T123600Z'
 * ```
 */
export function amzDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** The parts of one signature, shared by header signing, presigning and `explain`. */
export interface Signed {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signedHeaders: string;
  readonly scope: string;
  readonly signature: string;
}

/** What a request contributes to its signature, once the strategy has resolved everything. */
export interface ToSign {
  readonly method: string;
  readonly url: string;
  /** Lower-case name → value as sent; canonicalized here. */
  readonly headers: ReadonlyMap<string, string>;
  readonly payloadHash: string;
  readonly date: string;
  readonly credentials: Resolved;
}

/**
 * The SigV4 signer of one region and service: canonical request → string to sign → HMAC with
 * the derived key. The derived key depends only on the secret and the day, so it is kept until
 * either changes: four of the five HMACs a signature needs are skipped on every later request.
 */
export function signer(
  region: string,
  service: string,
  pathRule: PathRule,
): (input: ToSign) => Promise<Signed> {
  let cached: { id: string; key: Promise<Uint8Array> } | undefined;
  const signingKey = (secret: string, day: string): Promise<Uint8Array> => {
    const id = `${day}\n${secret}`;
    if (cached?.id !== id) {
      const key = (async () => {
        const kDate = await keyedHmac('sha256', `AWS4${secret}`, day);
        const kRegion = await keyedHmac('sha256', kDate, region);
        const kService = await keyedHmac('sha256', kRegion, service);
        return keyedHmac('sha256', kService, 'aws4_request');
      })();
      cached = { id, key };
    }
    return cached.key;
  };

  return async ({ method, url, headers, payloadHash, date, credentials }) => {
    const names = [...headers.keys()].sort();
    let canonicalHeaders = '';
    for (const name of names) canonicalHeaders += `${name}:${canonicalHeaderValue(headers.get(name)!)}\n`;
    const signedHeaders = names.join(';');
    const canonicalRequest = `${method}\n${canonicalPath(pathOfUrl(url), pathRule)}\n${canonicalQuery(url)}\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
    const day = date.slice(0, 8);
    const scope = `${day}/${region}/${service}/aws4_request`;
    const stringToSign = `${ALGORITHM}\n${date}\n${scope}\n${await hash('sha256', canonicalRequest)}`;
    const key = await signingKey(credentials.secretAccessKey, day);
    const signature = await keyedHmac('sha256', key, stringToSign, 'hex');
    return { canonicalRequest, stringToSign, signedHeaders, scope, signature };
  };
}

// The path exactly as in the URL string (core's pathOf would do, but this also keeps a raw
// space or other character a hand-built URL may carry: the test suite sends such paths).
function pathOfUrl(url: string): string {
  const scheme = url.indexOf('://');
  const start = url.indexOf('/', scheme === -1 ? 0 : scheme + 3);
  if (start === -1) return '/';
  let end = url.length;
  const q = url.indexOf('?', start);
  if (q !== -1) end = q;
  const h = url.indexOf('#', start);
  if (h !== -1 && h < end) end = h;
  return url.slice(start, end);
}

/**
 * The `Host` a client sends for `url`: the authority without user info, lower-cased, without
 * the scheme's default port.
 *
 * @example
 * ```ts
 * hostOf('https://Bucket.s3.amazonaws.com:443/key'); // 'bucket.s3.amazonaws.com'
 * ```
 */
export function hostOf(url: string, headers?: HeaderReader): string {
  const given = headers?.get('host');
  if (given) return given;
  const scheme = url.indexOf('://');
  const start = scheme + 3;
  let end = start;
  while (end < url.length && url[end] !== '/' && url[end] !== '?' && url[end] !== '#') end++;
  let host = url.slice(start, end);
  const at = host.lastIndexOf('@');
  if (at !== -1) host = host.slice(at + 1);
  host = host.toLowerCase();
  const protocol = url.slice(0, scheme).toLowerCase();
  if ((protocol === 'https' && host.endsWith(':443')) || (protocol === 'http' && host.endsWith(':80'))) {
    host = host.slice(0, host.lastIndexOf(':'));
  }
  return host;
}
