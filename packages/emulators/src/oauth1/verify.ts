import { createHash, createHmac, timingSafeEqual, verify } from 'node:crypto';

// OAuth 1.0a signature verification as a server does it, independently of @authplug/core:
// URLSearchParams for query and form, the base string built here, node:crypto to check.

/**
 * The signature methods the emulator can verify.
 *
 * @example
 * ```ts
 * proofileEmulator({ signatureMethods: ['HMAC-SHA1', 'RSA-SHA1'] satisfies OAuth1Method[] });
 * ```
 */
export type OAuth1Method = 'HMAC-SHA1' | 'HMAC-SHA256' | 'PLAINTEXT' | 'RSA-SHA1';

/**
 * Strict RFC 3986 encoding (RFC 5849 3.6).
 *
 * @example
 * ```ts
 * rfc3986("a b!"); // 'a%20b%21'
 * ```
 */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Decoded `Authorization: OAuth …` parameters (realm included), or undefined without that header.
 *
 * @example
 * ```ts
 * authorizationParams('OAuth realm="x", oauth_nonce="a%20b"'); // [['realm', 'x'], ['oauth_nonce', 'a b']]
 * ```
 */
export function authorizationParams(header: string | null): [string, string][] | undefined {
  if (!header || !/^oauth\s/i.test(header)) return undefined;
  const out: [string, string][] = [];
  for (const m of header.slice(6).matchAll(/([A-Za-z0-9_.~%-]+)\s*=\s*"([^"]*)"/g)) {
    out.push([decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)]);
  }
  return out;
}

/**
 * RFC 5849 3.4.1: `METHOD&enc(base URI)&enc(sorted encoded pairs)`.
 *
 * @example
 * ```ts
 * baseString('GET', 'http://Example.com:80/p?b=2', [['b', '2']]); // 'GET&http%3A%2F%2Fexample.com%2Fp&b%3D2'
 * ```
 */
export function baseString(
  method: string,
  url: string,
  params: readonly (readonly [string, string])[],
): string {
  const u = new URL(url); // lower-cases scheme and host, drops default ports
  const pairs = params
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `${method.toUpperCase()}&${rfc3986(`${u.protocol}//${u.host}${u.pathname}`)}&${rfc3986(pairs)}`;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * True when `signature` is the `method` signature of `base` with the given secrets or public key.
 *
 * @example
 * ```ts
 * checkSignature('HMAC-SHA1', base, signature, { consumerSecret: 's', tokenSecret: '' }); // true / false
 * ```
 */
export function checkSignature(
  method: OAuth1Method,
  base: string,
  signature: string,
  secrets: { consumerSecret: string; tokenSecret: string; publicKey?: string | undefined },
): boolean {
  const key = `${rfc3986(secrets.consumerSecret)}&${rfc3986(secrets.tokenSecret)}`;
  switch (method) {
    case 'PLAINTEXT':
      return sameBytes(Buffer.from(key), Buffer.from(signature));
    case 'HMAC-SHA1':
    case 'HMAC-SHA256': {
      const expected = createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', key)
        .update(base)
        .digest();
      return sameBytes(expected, Buffer.from(signature, 'base64'));
    }
    case 'RSA-SHA1':
      if (!secrets.publicKey) return false;
      try {
        return verify('RSA-SHA1', Buffer.from(base), secrets.publicKey, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
  }
}

/**
 * The `oauth_body_hash` of raw body bytes.
 *
 * @example
 * ```ts
 * bodyHash('HMAC-SHA1', new TextEncoder().encode('{}'));
 * ```
 */
export function bodyHash(method: OAuth1Method, body: Uint8Array): string {
  return createHash(method === 'HMAC-SHA256' ? 'sha256' : 'sha1')
    .update(body)
    .digest('base64');
}
