import { importHmacKey, nodeHmacOf } from './digest.ts';
import { AuthplugError } from './errors.ts';
import { type NodeCrypto, nodeCrypto } from './node-crypto.ts';

// Signing with key material (HMAC secrets, Ed25519, ECDSA, RSA) through WebCrypto, the one path
// that exists in Node, browsers and edge runtimes alike. Keys arrive the way people hold them:
// PEM texts (PKCS#8, and on every runtime also PKCS#1 `RSA PRIVATE KEY`, SEC1 `EC PRIVATE KEY`
// and PKCS#8 with the RSASSA-PSS identifier, which WebCrypto itself refuses), JWKs, raw bytes or
// a CryptoKey. The PEM forms WebCrypto lacks are rewrapped into plain PKCS#8 here, so RFC 9421's
// own test keys import everywhere.

// Where node:crypto is faster (HMAC and Ed25519: 1.5-4x in measurements on Node 24, synchronously) it signs
// instead, with the key read the same way; ECDSA and RSA are as fast or faster through WebCrypto,
// which runs them off the main thread (node:crypto comes from node-crypto.ts).

/**
 * A signature algorithm by its HTTP Message Signatures (RFC 9421 §6.2) name.
 *
 * @example
 * ```ts
 * const algorithm: KeyAlgorithm = 'ed25519';
 * ```
 */
export type KeyAlgorithm =
  | 'hmac-sha256'
  | 'ed25519'
  | 'ecdsa-p256-sha256'
  | 'ecdsa-p384-sha384'
  | 'rsa-pss-sha512'
  | 'rsa-v1_5-sha256';

/**
 * Key material: a PEM private key, a private JWK, a CryptoKey, or for HMAC the secret as bytes
 * (or a string, taken as its UTF-8 bytes).
 *
 * @example
 * ```ts
 * const key: SigningKey = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6…\n-----END PRIVATE KEY-----';
 * ```
 */
export type SigningKey = string | Uint8Array | JsonWebKey | CryptoKey;

/**
 * Signs bytes (or a string, as UTF-8) and resolves to the raw signature bytes.
 *
 * @example
 * ```ts
 * const signature: Uint8Array = await signer(new TextEncoder().encode(base));
 * ```
 */
export type Signer = (data: string | Uint8Array) => Promise<Uint8Array>;

/**
 * The key could not be read: not a PEM private key, an encrypted or public key, a malformed JWK
 * (`AUTHPLUG_INVALID_KEY`). The message names the expected form, never the key.
 *
 * @example
 * ```ts
 * if (error instanceof InvalidKeyError) console.error(error.message);
 * ```
 */
export class InvalidKeyError extends AuthplugError {
  constructor(pkg: string, message: string, options?: { cause?: unknown }) {
    super('AUTHPLUG_INVALID_KEY', `${pkg}: ${message}`, options);
  }
}

/**
 * The algorithm is unknown, or the key given is of another type than the algorithm needs (an
 * RSA key for `ed25519`, say) (`AUTHPLUG_UNSUPPORTED_ALGORITHM`).
 *
 * @example
 * ```ts
 * if (error instanceof UnsupportedAlgorithmError) console.error(error.algorithm);
 * ```
 */
export class UnsupportedAlgorithmError extends AuthplugError {
  /** The algorithm asked for. */
  readonly algorithm: string;
  constructor(pkg: string, algorithm: string, message: string) {
    super('AUTHPLUG_UNSUPPORTED_ALGORITHM', `${pkg}: ${message}`);
    this.algorithm = algorithm;
  }
}

interface Spec {
  import: RsaHashedImportParams | EcKeyImportParams | HmacImportParams | Algorithm;
  sign: Algorithm | EcdsaParams | RsaPssParams;
  /** The key type a PKCS#8 key must carry, as found by {@link keyTypeOf}. */
  type: string;
}

// RFC 9421 §3.3: RSA-PSS with a 64-byte salt; ECDSA signatures as raw r||s, which is WebCrypto's
// own output format.
const SPECS: Record<KeyAlgorithm, Spec> = {
  'hmac-sha256': { import: { name: 'HMAC', hash: 'SHA-256' }, sign: { name: 'HMAC' }, type: 'secret' },
  ed25519: { import: { name: 'Ed25519' }, sign: { name: 'Ed25519' }, type: 'Ed25519' },
  'ecdsa-p256-sha256': {
    import: { name: 'ECDSA', namedCurve: 'P-256' },
    sign: { name: 'ECDSA', hash: 'SHA-256' },
    type: 'EC P-256',
  },
  'ecdsa-p384-sha384': {
    import: { name: 'ECDSA', namedCurve: 'P-384' },
    sign: { name: 'ECDSA', hash: 'SHA-384' },
    type: 'EC P-384',
  },
  'rsa-pss-sha512': {
    import: { name: 'RSA-PSS', hash: 'SHA-512' },
    sign: { name: 'RSA-PSS', saltLength: 64 },
    type: 'RSA',
  },
  'rsa-v1_5-sha256': {
    import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    sign: { name: 'RSASSA-PKCS1-v1_5' },
    type: 'RSA',
  },
};

/**
 * True for the algorithms {@link createSigner} knows.
 *
 * @example
 * ```ts
 * isKeyAlgorithm('ed25519'); // true
 * ```
 */
export function isKeyAlgorithm(value: unknown): value is KeyAlgorithm {
  return typeof value === 'string' && Object.hasOwn(SPECS, value);
}

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * A {@link Signer} for `algorithm` with `key`. The key is imported on first use and kept as a
 * non-extractable CryptoKey (or, for HMAC and Ed25519 on Node, a node:crypto KeyObject, which
 * signs faster there; `webCrypto: true` keeps WebCrypto). A key of the wrong type fails with
 * {@link UnsupportedAlgorithmError}, an unreadable one with {@link InvalidKeyError}, both
 * naming `pkg`.
 *
 * @example
 * ```ts
 * const sign = createSigner('@authplug/httpsig', 'ed25519', pem);
 * const signature = await sign('"@method": POST\n"@signature-params": ("@method")');
 * ```
 */
export function createSigner(
  pkg: string,
  algorithm: KeyAlgorithm,
  key: SigningKey,
  options: { webCrypto?: boolean } = {},
): Signer {
  const spec = SPECS[algorithm];
  if (!spec) {
    throw new UnsupportedAlgorithmError(
      pkg,
      String(algorithm),
      `unknown algorithm \`${String(algorithm)}\`; use one of ${Object.keys(SPECS).join(', ')}.`,
    );
  }
  const node = options.webCrypto ? undefined : nodeCrypto;
  let imported: Promise<ByteSigner> | undefined;
  return async (data) => {
    imported ??= importKey(pkg, algorithm, spec, key, node);
    const sign = await imported.catch((error: unknown) => {
      imported = undefined;
      throw error;
    });
    return sign(typeof data === 'string' ? encoder.encode(data) : data);
  };
}

/** What an imported key signs with: always bytes. */
type ByteSigner = (bytes: Uint8Array) => Promise<Uint8Array>;

function webSigner(spec: Spec, cryptoKey: CryptoKey): ByteSigner {
  return async (bytes) =>
    new Uint8Array(await crypto.subtle.sign(spec.sign, cryptoKey, bytes as Uint8Array<ArrayBuffer>));
}

async function importKey(
  pkg: string,
  algorithm: KeyAlgorithm,
  spec: Spec,
  key: SigningKey,
  node: NodeCrypto | undefined,
): Promise<ByteSigner> {
  if (isCryptoKey(key)) return webSigner(spec, key);
  const fail = (message: string, cause?: unknown) => new InvalidKeyError(pkg, message, { cause });
  const mismatch = (found: string) =>
    new UnsupportedAlgorithmError(
      pkg,
      algorithm,
      `algorithm \`${algorithm}\` cannot sign with the ${found} key given; pass the algorithm that matches the key.`,
    );
  if (spec.type === 'secret') {
    if (typeof key === 'string' || key instanceof Uint8Array) {
      // A copy: digest.ts's HMAC keeps the pads of the key array it last saw, by identity, so
      // the caller changing theirs in place must not reach it.
      const bytes = typeof key === 'string' ? encoder.encode(key) : new Uint8Array(key);
      // WebCrypto refuses a zero-length key: refuse it here with a clear message instead.
      if (bytes.length === 0) throw fail('the HMAC secret is empty.');
      if (node) return async (data) => nodeHmacOf('sha256', bytes, data, 'buffer');
      return webSigner(spec, await importHmacKey('sha256', bytes));
    }
    return webSigner(spec, await importJwk(key, spec, fail, mismatch));
  }
  if (key instanceof Uint8Array)
    throw fail(`pass the ${algorithm} private key as PEM, a JWK or a CryptoKey.`);
  if (typeof key !== 'string') return webSigner(spec, await importJwk(key, spec, fail, mismatch));
  const der = pkcs8FromPem(key, fail);
  const found = keyTypeOf(der);
  if (found === 'malformed') throw fail('the PKCS#8 key is malformed.');
  if (found !== spec.type) throw mismatch(found);
  try {
    if (node && algorithm === 'ed25519') {
      const privateKey = node.createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
      return async (data) => new Uint8Array(node.sign(null, data, privateKey));
    }
    const cryptoKey = await crypto.subtle.importKey(
      'pkcs8',
      der as Uint8Array<ArrayBuffer>,
      spec.import,
      false,
      ['sign'],
    );
    return webSigner(spec, cryptoKey);
  } catch (cause) {
    throw fail(`the ${algorithm} private key could not be imported.`, cause);
  }
}

async function importJwk(
  key: JsonWebKey,
  spec: Spec,
  fail: (message: string, cause?: unknown) => InvalidKeyError,
  mismatch: (found: string) => UnsupportedAlgorithmError,
): Promise<CryptoKey> {
  if (typeof key !== 'object' || key === null || typeof key.kty !== 'string') {
    throw fail('pass the key as a PEM text, a JWK, a CryptoKey (or bytes for HMAC).');
  }
  const found =
    key.kty === 'oct'
      ? 'secret'
      : key.kty === 'OKP'
        ? String(key.crv)
        : key.kty === 'EC'
          ? `EC ${String(key.crv)}`
          : key.kty;
  if (found !== spec.type) throw mismatch(found);
  // A JWK may carry `alg`/`key_ops` for another use; only the key material matters here.
  const { alg: _alg, key_ops: _ops, use: _use, ...material } = key;
  try {
    return await crypto.subtle.importKey('jwk', material, spec.import, false, ['sign']);
  } catch (cause) {
    throw fail('the JWK could not be imported; pass a private key (with `d`).', cause);
  }
}

function isCryptoKey(key: unknown): key is CryptoKey {
  return Object.prototype.toString.call(key) === '[object CryptoKey]';
}

// --- PEM and just enough DER to read a key's type and rewrap the forms WebCrypto refuses ---

const OID = {
  rsaEncryption: '2a864886f70d010101',
  rsassaPss: '2a864886f70d01010a',
  ecPublicKey: '2a8648ce3d0201',
  p256: '2a8648ce3d030107',
  p384: '2b81040022',
  ed25519: '2b6570',
} as const;

function pkcs8FromPem(pem: string, fail: (message: string) => InvalidKeyError): Uint8Array {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]+?)-----END \1-----/.exec(pem);
  if (!match) throw fail('the key is not a PEM text; pass "-----BEGIN PRIVATE KEY-----…" (PKCS#8).');
  const label = match[1]!;
  let der: Uint8Array;
  try {
    der = Uint8Array.from(atob(match[2]!.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  } catch {
    throw fail('the PEM body is not base64.');
  }
  try {
    if (label === 'PRIVATE KEY') return plainPkcs8(der);
    if (label === 'RSA PRIVATE KEY') return wrapPkcs8(sequence(OID.rsaEncryption, '0500'), der);
    if (label === 'EC PRIVATE KEY') return wrapPkcs8(sequence(OID.ecPublicKey, curveOfSec1(der)), der);
  } catch {
    throw fail(`the ${label} PEM is malformed.`);
  }
  throw fail(
    label.includes('PUBLIC')
      ? 'a public key cannot sign; pass the private key.'
      : label.includes('ENCRYPTED')
        ? 'the private key is encrypted; decrypt it first (openssl pkcs8 -topk8 -nocrypt).'
        : `unsupported PEM type "${label}"; pass "PRIVATE KEY" (PKCS#8), "RSA PRIVATE KEY" or "EC PRIVATE KEY".`,
  );
}

interface Tlv {
  tag: number;
  start: number;
  end: number;
  next: number;
}

function tlv(der: Uint8Array, at: number): Tlv {
  const tag = der[at]!;
  let length = der[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i]!;
    start += count;
  }
  if (start + length > der.length) throw new Error('truncated DER');
  return { tag, start, end: start + length, next: start + length };
}

const hexOf = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const bytesOf = (hex: string): Uint8Array =>
  Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));

function encodeTlv(tag: number, body: Uint8Array): Uint8Array {
  const n = body.length;
  const length =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(1 + length.length + n);
  out[0] = tag;
  out.set(length, 1);
  out.set(body, 1 + length.length);
  return out;
}

/** An AlgorithmIdentifier: SEQUENCE { OID, parameters as DER hex (an OID or NULL) }. */
function sequence(oid: string, parameters: string): Uint8Array {
  return encodeTlv(0x30, bytesOf(`06${(oid.length / 2).toString(16).padStart(2, '0')}${oid}${parameters}`));
}

function wrapPkcs8(algorithmIdentifier: Uint8Array, privateKey: Uint8Array): Uint8Array {
  const version = bytesOf('020100');
  const octets = encodeTlv(0x04, privateKey);
  const body = new Uint8Array(version.length + algorithmIdentifier.length + octets.length);
  body.set(version);
  body.set(algorithmIdentifier, version.length);
  body.set(octets, version.length + algorithmIdentifier.length);
  return encodeTlv(0x30, body);
}

/** PKCS#8 as WebCrypto takes it: an RSASSA-PSS key identifier becomes rsaEncryption. */
function plainPkcs8(der: Uint8Array): Uint8Array {
  const { oid, privateKey } = readPkcs8(der);
  return oid === OID.rsassaPss ? wrapPkcs8(sequence(OID.rsaEncryption, '0500'), privateKey) : der;
}

function readPkcs8(der: Uint8Array): { oid: string; parameter: string; privateKey: Uint8Array } {
  const outer = tlv(der, 0);
  const version = tlv(der, outer.start);
  const algorithm = tlv(der, version.next);
  const oid = tlv(der, algorithm.start);
  const parameter = oid.next < algorithm.end ? tlv(der, oid.next) : undefined;
  const key = tlv(der, algorithm.next);
  return {
    oid: hexOf(der.subarray(oid.start, oid.end)),
    parameter: parameter?.tag === 0x06 ? hexOf(der.subarray(parameter.start, parameter.end)) : '',
    privateKey: der.subarray(key.start, key.end),
  };
}

/** The named-curve parameter (`[0]` in SEC1 ECPrivateKey) as a DER OID, hex. */
function curveOfSec1(der: Uint8Array): string {
  const outer = tlv(der, 0);
  let at = tlv(der, tlv(der, outer.start).next).next; // past version and the private key octets
  while (at < outer.end) {
    const field = tlv(der, at);
    if (field.tag === 0xa0) return hexOf(der.subarray(field.start, field.end));
    at = field.next;
  }
  throw new Error('SEC1 key without named curve');
}

/** `RSA`, `EC P-256`, `EC P-384`, `Ed25519`, or the OID for anything else. */
function keyTypeOf(pkcs8: Uint8Array): string {
  let read: ReturnType<typeof readPkcs8>;
  try {
    read = readPkcs8(pkcs8);
  } catch {
    return 'malformed';
  }
  if (read.oid === OID.rsaEncryption) return 'RSA';
  if (read.oid === OID.ed25519) return 'Ed25519';
  if (read.oid === OID.ecPublicKey) {
    return read.parameter === OID.p256 ? 'EC P-256' : read.parameter === OID.p384 ? 'EC P-384' : 'EC';
  }
  return `OID ${read.oid}`;
}
