import { encodeDigest, type HmacAlgorithm, importHmacKey, nodeHmacOf } from './digest.ts';
import { nodeCrypto } from './node-crypto.ts';

// HMAC keyed with bytes, returning bytes: for schemes that derive a key through a chain of HMACs
// (AWS Signature Version 4: date → region → service → aws4_request), where each link's raw
// output keys the next. The string-keyed `hmac` of digest.ts cannot express that. Same split as
// digest.ts: node:crypto where present, WebCrypto elsewhere.

/**
 * HMAC of a UTF-8 string under a byte (or UTF-8 string) key, as raw bytes, or as lower-case hex
 * when `encoding` is `'hex'`.
 *
 * @example
 * ```ts
 * const kDate = await keyedHmac('sha256', `AWS4${secret}`, '20150830');
 * const kRegion = await keyedHmac('sha256', kDate, 'us-east-1');
 * const signature = await keyedHmac('sha256', kSigning, stringToSign, 'hex');
 * ```
 */
/** The signature of {@link keyedHmac}: raw bytes, or lower-case hex when `encoding` is `'hex'`. */
export interface KeyedHmac {
  (algorithm: HmacAlgorithm, key: string | Uint8Array, data: string): Promise<Uint8Array>;
  (algorithm: HmacAlgorithm, key: string | Uint8Array, data: string, encoding: 'hex'): Promise<string>;
}

// digest.ts's HMAC over the key's pads, kept per key: the derived key signs every request of
// its day.
const nodeKeyedHmac = (async (
  algorithm: HmacAlgorithm,
  key: string | Uint8Array,
  data: string,
  encoding?: 'hex',
) =>
  encoding
    ? nodeHmacOf(algorithm, key, data, encoding)
    : nodeHmacOf(algorithm, key, data, 'buffer')) as KeyedHmac;

/**
 * The WebCrypto implementation of {@link keyedHmac} (what browsers and edge runtimes use); the
 * same results as node:crypto's.
 *
 * @example
 * ```ts
 * await webKeyedHmac('sha256', new Uint8Array(32), 'data', 'hex');
 * ```
 */
export const webKeyedHmac: KeyedHmac = (async (
  algorithm: HmacAlgorithm,
  key: string | Uint8Array,
  data: string,
  encoding?: 'hex',
) => {
  const bytes = new Uint8Array(
    await crypto.subtle.sign('HMAC', await webKey(algorithm, key), encoder.encode(data)),
  );
  return encoding ? encodeDigest(bytes, encoding) : bytes;
}) as KeyedHmac;

/**
 * HMAC of a UTF-8 string under a byte (or UTF-8 string) key, as raw bytes, or as lower-case hex
 * when `encoding` is `'hex'`: node:crypto where present, else WebCrypto.
 *
 * @example
 * ```ts
 * const kDate = await keyedHmac('sha256', `AWS4${secret}`, '20150830');
 * const kRegion = await keyedHmac('sha256', kDate, 'us-east-1');
 * const signature = await keyedHmac('sha256', kSigning, stringToSign, 'hex');
 * ```
 */
export const keyedHmac: KeyedHmac = nodeCrypto ? nodeKeyedHmac : webKeyedHmac;

const encoder = /* @__PURE__ */ new TextEncoder();
// Derived keys are cached by their callers as one Uint8Array each, so the imported CryptoKey is
// cached by that object: importing is the slow part of WebCrypto HMAC.
const imported = new WeakMap<Uint8Array, Promise<CryptoKey>>();

function webKey(algorithm: HmacAlgorithm, key: string | Uint8Array): Promise<CryptoKey> {
  if (typeof key === 'string') return importHmacKey(algorithm, encoder.encode(key));
  let promise = imported.get(key);
  if (!promise) {
    promise = importHmacKey(algorithm, key);
    imported.set(key, promise);
  }
  return promise;
}
