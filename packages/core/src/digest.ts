import { AuthplugError } from './errors.ts';
import { nodeCrypto, RUNTIME } from './node-crypto.ts';

// The one digest layer. Two implementations with one interface: node:crypto where the runtime
// has it (synchronous, the fast path on every request), WebCrypto plus a JS MD5 elsewhere
// (browsers, edge runtimes). `process.getBuiltinModule` keeps `node:crypto` out of the static
// import graph, so browser bundles never see it; the JS MD5 is a lazily imported chunk, so
// bundles that never hash with MD5 never load it.

/**
 * A hash {@link Digests.hash} computes. MD5 is there because ipernity signs with it; SHA-512 for
 * HTTP `Content-Digest`.
 *
 * @example
 * ```ts
 * const algorithm: HashAlgorithm = 'sha256';
 * ```
 */
export type HashAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';

/**
 * A hash {@link Digests.hmac} keys.
 *
 * @example
 * ```ts
 * const algorithm: HmacAlgorithm = 'sha1'; // OAuth HMAC-SHA1
 * ```
 */
export type HmacAlgorithm = 'sha1' | 'sha256';

/**
 * How a digest is returned: lower-case hex (the default) or standard base64 with padding.
 *
 * @example
 * ```ts
 * await digests.hash('sha1', 'abc', 'base64'); // 'qZk+NkcGgWq6PiVxeFDCbJzQ2J0='
 * ```
 */
export type DigestEncoding = 'hex' | 'base64';

/**
 * Hashes, HMACs and RSA-SHA1 signatures over UTF-8 strings (or bytes), encoded as asked.
 * Strategies take one as an option so tests or unusual runtimes can swap the implementation.
 *
 * @example
 * ```ts
 * await digests.hash('md5', 'abc');                      // '900150983cd24fb0d6963f7d28e17f72'
 * await digests.hmac('sha256', 'key', 'data', 'base64');  // base64 HMAC-SHA256
 * ```
 */
export interface Digests {
  readonly runtime: 'node' | 'web';
  /** The hash of `data` (UTF-8 for a string), hex by default. */
  hash(algorithm: HashAlgorithm, data: string | Uint8Array, encoding?: DigestEncoding): Promise<string>;
  /** The HMAC of `data` keyed with `key` (both UTF-8), hex by default. */
  hmac(algorithm: HmacAlgorithm, key: string, data: string, encoding?: DigestEncoding): Promise<string>;
  /** RSASSA-PKCS1-v1_5 with SHA-1 (OAuth's RSA-SHA1), base64. `privateKey` is PEM. */
  rsaSha1(privateKey: string, data: string): Promise<string>;
}

// A constant in the `node` build, so that the WebCrypto path drops out of its bundles.
const onNode = RUNTIME === 'node' || nodeCrypto !== undefined;

// Each operation is a standalone function, so a bundle keeps only the ones a strategy calls
// (Historypin needs HMAC alone: no hashing, no RSA). The `Digests` objects below are built from
// them, for injection.

// crypto.hash is the one-shot form (Node 21.7+): half the cost of createHash for short inputs.
const nodeHash: Digests['hash'] = async (algorithm, data, encoding = 'hex') =>
  nodeCrypto!.hash(algorithm, data, encoding);

// HMAC (RFC 2104) as two one-shot hashes, H(outer pad ‖ H(inner pad ‖ data)), with the key's
// pads derived once. `createHmac` builds a native HMAC object on every call (with a KeyObject
// too): in the keep-alive request loop of pnpm bench overhead, signed/floor came out 0.02–0.06
// lower this way than with a kept KeyObject, and 5–8 µs per HMAC lower than with a string key.
// digest.test.ts checks the bytes against createHmac. The one HMAC on Node: string keys (hmac),
// byte keys (keyedHmac, AWS's derived keys) and byte messages (signing-key.ts, RFC 9421's
// hmac-sha256) alike.
const BLOCK = 64; // SHA-1 and SHA-256 alike
// The last key's pads (a strategy signs with one key), the outer one with room for the inner
// hash. A byte key is recognized by identity: callers keep one array per derived key.
let last:
  | { algorithm: HmacAlgorithm; key: string | Uint8Array; inner: Uint8Array; outer: Uint8Array }
  | undefined;
// The inner pad and the message go into one reused buffer (the hash is synchronous, so no two
// calls share it); a message too long for it gets a buffer of its own.
let scratch: Uint8Array | undefined;

/**
 * @internal HMAC on node:crypto, as the encoding asks or as raw bytes (`'buffer'`). Only where
 * node:crypto is present.
 */
export function nodeHmacOf(
  algorithm: HmacAlgorithm,
  key: string | Uint8Array,
  data: string | Uint8Array,
  encoding: DigestEncoding,
): string;
export function nodeHmacOf(
  algorithm: HmacAlgorithm,
  key: string | Uint8Array,
  data: string | Uint8Array,
  encoding: 'buffer',
): Uint8Array;
export function nodeHmacOf(
  algorithm: HmacAlgorithm,
  key: string | Uint8Array,
  data: string | Uint8Array,
  encoding: DigestEncoding | 'buffer',
): string | Uint8Array {
  if (last?.key !== key || last.algorithm !== algorithm) {
    let bytes = typeof key === 'string' ? encoder.encode(key) : key;
    if (bytes.length > BLOCK) bytes = nodeCrypto!.hash(algorithm, bytes, 'buffer');
    last = {
      algorithm,
      key,
      inner: new Uint8Array(BLOCK).fill(0x36),
      outer: new Uint8Array(BLOCK + 32).fill(0x5c, 0, BLOCK),
    };
    for (let i = 0; i < bytes.length; i++) {
      last.inner[i]! ^= bytes[i]!;
      last.outer[i]! ^= bytes[i]!;
    }
  }
  // UTF-8 takes at most three bytes per UTF-16 unit.
  const room = BLOCK + data.length * 3;
  scratch ??= new Uint8Array(65536);
  const buffer = room <= scratch.length ? scratch : new Uint8Array(room);
  buffer.set(last.inner);
  let written = data.length;
  if (typeof data === 'string') ({ written } = encoder.encodeInto(data, buffer.subarray(BLOCK)));
  else buffer.set(data, BLOCK);
  const inner = nodeCrypto!.hash(algorithm, buffer.subarray(0, BLOCK + written), 'buffer');
  last.outer.set(inner, BLOCK);
  return nodeCrypto!.hash(algorithm, last.outer.subarray(0, BLOCK + inner.length), encoding);
}

const nodeHmac: Digests['hmac'] = async (algorithm, key, data, encoding = 'hex') =>
  nodeHmacOf(algorithm, key, data, encoding);

const nodeRsaSha1: Digests['rsaSha1'] = async (privateKey, data) => {
  try {
    return nodeCrypto!.createSign('RSA-SHA1').update(data).sign(privateKey, 'base64');
  } catch (cause) {
    throw invalidKey(cause);
  }
};

const encoder = /* @__PURE__ */ new TextEncoder();
const SUBTLE_NAMES = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' } as const;

/** @internal Digest bytes as lower-case hex or standard base64. */
export function encodeDigest(bytes: Uint8Array, encoding: DigestEncoding): string {
  return encoding === 'hex'
    ? Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
    : btoa(String.fromCharCode(...bytes));
}

function invalidKey(cause?: unknown): AuthplugError {
  return new AuthplugError(
    'AUTHPLUG_INVALID_PRIVATE_KEY',
    'authplug: the RSA private key could not be used. Pass a PEM-encoded PKCS#8 key ("BEGIN PRIVATE KEY").',
    { cause },
  );
}

let md5Module: Promise<typeof import('./md5.ts')> | undefined;

const webHash: Digests['hash'] = async (algorithm, data, encoding = 'hex') => {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  // Loaded on first use: only ipernity signs with MD5, and Node never takes this path.
  if (algorithm === 'md5') {
    md5Module ??= import('./md5.ts');
    return encodeDigest((await md5Module).md5(bytes), encoding);
  }
  const digest = await crypto.subtle.digest(SUBTLE_NAMES[algorithm], bytes as Uint8Array<ArrayBuffer>);
  return encodeDigest(new Uint8Array(digest), encoding);
};

/**
 * @internal A raw key imported for WebCrypto HMAC, for digest.ts and keyed-hmac.ts alike.
 * WebCrypto refuses a zero-length key; HMAC pads keys with zero bytes, so one zero byte is the
 * same key (and node:crypto accepts the empty one).
 */
export function importHmacKey(algorithm: HmacAlgorithm, raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    raw.length === 0 ? new Uint8Array(1) : (raw as Uint8Array<ArrayBuffer>),
    { name: 'HMAC', hash: SUBTLE_NAMES[algorithm] },
    false,
    ['sign'],
  );
}

// Importing an HMAC key is the slow part of WebCrypto signing; strategies reuse one secret.
const hmacKeys = new Map<string, Promise<CryptoKey>>();
function hmacKey(algorithm: HmacAlgorithm, key: string): Promise<CryptoKey> {
  const id = `${algorithm}:${key}`;
  let imported = hmacKeys.get(id);
  if (!imported) {
    if (hmacKeys.size >= 32) hmacKeys.clear();
    imported = importHmacKey(algorithm, encoder.encode(key));
    hmacKeys.set(id, imported);
  }
  return imported;
}

const webHmac: Digests['hmac'] = async (algorithm, key, data, encoding = 'hex') => {
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(algorithm, key), encoder.encode(data));
  return encodeDigest(new Uint8Array(signature), encoding);
};

const webRsaSha1: Digests['rsaSha1'] = async (privateKey, data) => {
  const body = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(privateKey)?.[1];
  if (!body) throw invalidKey();
  let key: CryptoKey;
  try {
    const der = Uint8Array.from(atob(body.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    key = await crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, false, [
      'sign',
    ]);
  } catch (cause) {
    throw invalidKey(cause);
  }
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, encoder.encode(data));
  return encodeDigest(new Uint8Array(signature), 'base64');
};

/**
 * Hex (or base64) digest of a UTF-8 string or bytes: node:crypto where present, else WebCrypto
 * (MD5 in JS).
 *
 * @example
 * ```ts
 * await hash('md5', 'abc'); // '900150983cd24fb0d6963f7d28e17f72'
 * ```
 */
export const hash: Digests['hash'] = onNode ? nodeHash : webHash;

/**
 * Hex (or base64) HMAC of a UTF-8 string: node:crypto where present, else WebCrypto.
 *
 * @example
 * ```ts
 * await hmac('sha256', secret, 'api_key=…&api_path=user/get_edit.json'); // hex
 * ```
 */
export const hmac: Digests['hmac'] = onNode ? nodeHmac : webHmac;

/**
 * Base64 RSASSA-PKCS1-v1_5 SHA-1 signature (OAuth's RSA-SHA1) with a PEM private key.
 *
 * @example
 * ```ts
 * const signature = await rsaSha1(pem, baseString);
 * ```
 */
export const rsaSha1: Digests['rsaSha1'] = onNode ? nodeRsaSha1 : webRsaSha1;

/**
 * The node:crypto implementation, or `undefined` outside Node-compatible runtimes.
 *
 * @example
 * ```ts
 * const auth = historypin({ apiKey, apiSecret, digests: nodeDigests ?? webDigests });
 * ```
 */
export const nodeDigests: Digests | undefined = nodeCrypto && {
  runtime: 'node',
  hash: nodeHash,
  hmac: nodeHmac,
  rsaSha1: nodeRsaSha1,
};

/**
 * The WebCrypto implementation (MD5 in JS): available wherever `crypto.subtle` is. Gives the
 * same results as {@link nodeDigests}; pass it to exercise the browser path on Node.
 *
 * @example
 * ```ts
 * await webDigests.hmac('sha1', 'key', 'data'); // same hex as node:crypto's
 * ```
 */
export const webDigests: Digests = { runtime: 'web', hash: webHash, hmac: webHmac, rsaSha1: webRsaSha1 };

/**
 * The digests strategies use by default, as one object ({@link hash}, {@link hmac},
 * {@link rsaSha1}): node:crypto when present, WebCrypto otherwise.
 *
 * @example
 * ```ts
 * await digests.hmac('sha256', secret, 'api_key=…&api_path=user/get_edit.json'); // hex
 * ```
 */
export const digests: Digests = nodeDigests ?? webDigests;
