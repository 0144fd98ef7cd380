// The one canonical encoder. Every strategy and adapter writes through `percentEncode`, and reads
// through `parseParams` (the WHATWG form parser, by hand), so the bytes signed and the bytes sent can
// never disagree.

/** @internal Only RFC 3986 unreserved characters: encoding and decoding leave such a string as it is. */
export const UNRESERVED: RegExp = /^[A-Za-z0-9\-._~]*$/;
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
  return encodeURIComponent(value.toWellFormed()).replace(SUB_DELIMS, hex);
}
