// The one canonical encoder/decoder pair. Every strategy and adapter writes through
// `percentEncode` and reads through `decodeFormComponent`, so the bytes signed and the bytes
// sent can never disagree.

const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
const SUB_DELIMS = /[!'()*]/g;
const hex = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/**
 * Strict RFC 3986 percent-encoding (section 2.1 / RFC 5849 3.6): everything but
 * `A-Z a-z 0-9 - . _ ~` is encoded as UTF-8 `%XX` with upper-case hex; space is `%20`.
 * A lone surrogate becomes U+FFFD instead of throwing.
 *
 * @example
 * ```ts
 * percentEncode("Ladies + Gentlemen!"); // 'Ladies%20%2B%20Gentlemen%21'
 * ```
 */
export function percentEncode(value: string): string {
  if (UNRESERVED.test(value)) return value;
  const wellFormed = value.isWellFormed() ? value : value.toWellFormed();
  return encodeURIComponent(wellFormed).replace(SUB_DELIMS, hex);
}

/**
 * Decodes one name or value of an `application/x-www-form-urlencoded` string (a query or a
 * form body): `+` is a space, `%XX` are UTF-8 bytes. Malformed escapes are kept as written,
 * as the WHATWG URL parser does, rather than thrown.
 *
 * @example
 * ```ts
 * decodeFormComponent('a+b%26c'); // 'a b&c'
 * ```
 */
export function decodeFormComponent(value: string): string {
  const plus = value.indexOf('+') !== -1;
  if (!plus && value.indexOf('%') === -1) return value;
  const spaced = plus ? value.replaceAll('+', ' ') : value;
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Lenient path for malformed escapes; rare, so URLSearchParams' own decoder is fine here.
    return new URLSearchParams(`v=${value.replaceAll('&', '%26').replaceAll('#', '%23')}`).get('v') ?? value;
  }
}
