import {
  type AuthRequest,
  type AuthStrategy,
  type Clock,
  createClock,
  createSigner,
  explainable,
  InvalidOptionError,
  isKeyAlgorithm,
  type KeyAlgorithm,
  MissingOptionError,
  mask,
  type NonceSource,
  type Param,
  parseRequestUrl,
  RETRY,
  randomNonce,
  type Signer,
  type SigningKey,
  type Trace,
  UnsupportedAlgorithmError,
} from '@authplug/core';
import { credentialSource, isStoreOptions, type StoreOptions } from '@authplug/credentials';
import { bodyBytes, contentDigest, type DigestAlgorithm } from './body.ts';
import { type Component, componentValue, parseComponent } from './components.ts';
import { PKG } from './errors.ts';
import { type FieldType, type Parameters, serializeParameters } from './structured.ts';

/**
 * A signature parameter of RFC 9421 2.3, in the order it should appear.
 *
 * @example
 * ```ts
 * const params: SignatureParam[] = ['created', 'expires', 'keyid', 'nonce'];
 * ```
 */
export type SignatureParam = 'created' | 'expires' | 'nonce' | 'alg' | 'keyid' | 'tag';

/**
 * What an HTTP signature profile holds in a credential store: the private key as PEM (or the
 * HMAC secret), and the key id the verifier knows it by.
 *
 * @example
 * ```ts
 * await store.set('httpsig/default', { keyId: 'my-key', key: '-----BEGIN PRIVATE KEY-----…' });
 * ```
 */
export interface HttpSignatureCredentials {
  /** PEM private key, or the HMAC secret (see `keyEncoding`). */
  key: string;
  /** The `keyid` sent in the signature parameters. */
  keyId?: string;
  [field: string]: unknown;
}

/**
 * Everything except where the key comes from.
 *
 * @example
 * ```ts
 * const settings: HttpSignatureSettings = { algorithm: 'ed25519', components: ['@method', '@target-uri', 'content-digest'] };
 * ```
 */
export interface HttpSignatureSettings {
  /** RFC 9421 3.3 algorithm. */
  algorithm: KeyAlgorithm;
  /**
   * Covered components in order: derived ones (`@method`, `@target-uri`, `@authority`, `@scheme`,
   * `@request-target`, `@path`, `@query`, `@query-param;name="…"`) and header fields, optionally
   * with `;sf`, `;key="…"` or `;bs`. `[]` signs only the signature parameters.
   */
  components: readonly string[];
  /** The signature's label in `Signature-Input` and `Signature`. Default `sig1`. */
  label?: string;
  /**
   * Which signature parameters to send, in this order. Default: `created`, `keyid` (when there
   * is a key id), then `expires`, `nonce`, `tag` when their options are given.
   */
  params?: readonly SignatureParam[];
  /** Seconds from `created` to `expires`. */
  expiresIn?: number;
  /** Nonce source for `nonce` (default: 16 random bytes, hex). */
  nonce?: NonceSource;
  /** The `tag` parameter: the application profile the signature is for. */
  tag?: string;
  /** `Content-Digest` algorithms when `content-digest` is covered. Default `sha-256`. */
  contentDigest?: DigestAlgorithm | readonly DigestAlgorithm[];
  /** Structured types of fields covered with `;sf` beyond the well-known ones. */
  structuredFields?: Readonly<Record<string, FieldType>>;
  /** How a string HMAC secret is turned into bytes. Default `utf8`. */
  keyEncoding?: 'utf8' | 'base64';
  /** Milliseconds since the epoch, for `created`, `expires` and an added `Date`. Default `Date.now`. */
  clock?: Clock;
}

/**
 * A literal key (`{ key, keyId }`) or `{ store, profile }` to read `key` and `keyId` from a
 * credential store on every request, plus the {@link HttpSignatureSettings}.
 *
 * @example
 * ```ts
 * const literal: HttpSignatureOptions = { keyId: 'k1', key: pem, algorithm: 'ed25519', components: ['@method'] };
 * const stored: HttpSignatureOptions = { store: fileStore(), profile: 'default', algorithm: 'ed25519', components: ['@method'] };
 * ```
 */
export type HttpSignatureOptions = HttpSignatureSettings &
  ({ key: SigningKey; keyId?: string } | (StoreOptions & { keyId?: string }));

const PARAM_NAMES: readonly SignatureParam[] = ['created', 'expires', 'nonce', 'alg', 'keyid', 'tag'];
const DIGESTS: readonly DigestAlgorithm[] = ['sha-256', 'sha-512'];

/** The validated settings the signing steps share (also used by the draft-cavage preset). */
export interface Prepared {
  readonly algorithm: KeyAlgorithm;
  readonly clock: ReturnType<typeof createClock>;
  /** The key and key id for this request. */
  credentials(): Promise<{ signer: Signer; keyId: string | undefined; secret: string | undefined }>;
}

/**
 * Validates the key options and returns how to get a signer per request: one import for a
 * literal key, one per distinct stored key.
 */
export function prepareKey(
  options: { algorithm: KeyAlgorithm; keyEncoding?: 'utf8' | 'base64'; clock?: Clock; keyId?: string } & (
    | { key: SigningKey }
    | StoreOptions
  ),
): Prepared {
  const { algorithm } = options;
  if (!isKeyAlgorithm(algorithm)) {
    throw new UnsupportedAlgorithmError(
      PKG,
      String(algorithm),
      `unknown algorithm \`${String(algorithm)}\`; use hmac-sha256, ed25519, ecdsa-p256-sha256, ecdsa-p384-sha384, rsa-pss-sha512 or rsa-v1_5-sha256.`,
    );
  }
  const encoding = options.keyEncoding ?? 'utf8';
  if (encoding !== 'utf8' && encoding !== 'base64') {
    throw new InvalidOptionError(PKG, 'keyEncoding', "must be 'utf8' or 'base64'.");
  }
  const material = (key: SigningKey): SigningKey =>
    algorithm === 'hmac-sha256' && typeof key === 'string' && encoding === 'base64'
      ? Uint8Array.from(atob(key.replace(/\s+/g, '')), (c) => c.charCodeAt(0))
      : key;
  const optionKeyId = options.keyId;
  if (optionKeyId !== undefined && (typeof optionKeyId !== 'string' || optionKeyId === '')) {
    throw new MissingOptionError(PKG, 'keyId');
  }
  const clock = createClock(options.clock);
  if (isStoreOptions(options)) {
    const read = credentialSource<HttpSignatureCredentials>(PKG, 'httpsig', options, {
      required: ['key'],
      optional: ['keyId'],
    });
    let last: { key: string; signer: Signer } | undefined;
    return {
      algorithm,
      clock,
      async credentials() {
        const stored = await read();
        if (last?.key !== stored.key)
          last = { key: stored.key, signer: createSigner(PKG, algorithm, material(stored.key)) };
        const keyId =
          optionKeyId ?? (typeof stored.keyId === 'string' && stored.keyId ? stored.keyId : undefined);
        return { signer: last.signer, keyId, secret: stored.key };
      },
    };
  }
  const key = (options as { key?: unknown }).key;
  if (key === undefined || key === null || key === '') throw new MissingOptionError(PKG, 'key');
  const signer = createSigner(PKG, algorithm, material(key as SigningKey));
  const secret = typeof key === 'string' ? key : undefined;
  return { algorithm, clock, credentials: async () => ({ signer, keyId: optionKeyId, secret }) };
}

/**
 * Looks a header up on the request, with what the strategy adds first, and the values a client
 * fills in itself (`Host`, `Content-Length`) derived from the request when it has not set them.
 */
export function headerLookup(
  request: AuthRequest,
  url: URL,
  added: Readonly<Record<string, string>>,
): (name: string) => string | undefined {
  const lower = Object.fromEntries(Object.entries(added).map(([k, v]) => [k.toLowerCase(), v]));
  return (name) => {
    const value = lower[name] ?? request.headers.get(name) ?? undefined;
    if (value !== undefined) return value;
    if (name === 'host') return url.host;
    if (name === 'content-length' && request.body.kind !== 'none' && request.body.kind !== 'opaque') {
      return String(bodyBytes(request.body).length);
    }
    return undefined;
  };
}

const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

/**
 * HTTP Message Signatures (RFC 9421) for requests: covers the configured components, adds
 * `Signature-Input` and `Signature` headers under `label`, plus `Content-Digest` (RFC 9530, from
 * the exact body bytes) when `content-digest` is covered and `Date` when `date` is covered but
 * not set. Signs through WebCrypto, so it runs in browsers and edge runtimes as well as Node.
 * A 401 whose `Date` is more than 30 s away from the local clock teaches the clock and re-signs once.
 *
 * @example
 * ```ts
 * import ky from 'ky';
 * import { withAuth } from '@authplug/ky';
 * import { httpSignature } from '@authplug/httpsig';
 *
 * const auth = httpSignature({
 *   keyId: 'my-ed25519-key',
 *   key: process.env.SIGNING_KEY_PEM!,
 *   algorithm: 'ed25519',
 *   components: ['@method', '@target-uri', 'content-type', 'content-digest'],
 * });
 * const api = withAuth(ky.create({ baseUrl: 'https://api.example.com/' }), auth);
 * await api.post('payments', { json: { amount: 10 } });
 * ```
 */
export function httpSignature(options: HttpSignatureOptions): AuthStrategy {
  const prepared = prepareKey(options);
  const { algorithm, clock } = prepared;
  const label = options.label ?? 'sig1';
  if (typeof label !== 'string' || !/^[a-z*][a-z0-9_\-.*]*$/.test(label)) {
    throw new InvalidOptionError(
      PKG,
      'label',
      'must be a structured-field key: lower-case letters, digits, _ - . *, starting with a letter.',
    );
  }
  if (!Array.isArray(options.components)) {
    throw new InvalidOptionError(PKG, 'components', 'must be an array of component names (it may be empty).');
  }
  const components = options.components.map(parseComponent);
  const ids = new Set<string>();
  for (const component of components) {
    if (ids.has(component.id))
      throw new InvalidOptionError(PKG, 'components', `covers ${component.id} twice.`);
    ids.add(component.id);
  }
  const digests = [options.contentDigest ?? 'sha-256'].flat() as DigestAlgorithm[];
  if (digests.length === 0 || digests.some((d) => !DIGESTS.includes(d))) {
    throw new InvalidOptionError(PKG, 'contentDigest', "must be 'sha-256', 'sha-512' or both.");
  }
  const { expiresIn, tag } = options;
  if (expiresIn !== undefined && !(Number.isInteger(expiresIn) && expiresIn > 0)) {
    throw new InvalidOptionError(PKG, 'expiresIn', 'must be a positive whole number of seconds.');
  }
  if (tag !== undefined && (typeof tag !== 'string' || !/^[\x20-\x7e]+$/.test(tag))) {
    throw new InvalidOptionError(PKG, 'tag', 'must be a non-empty string of printable ASCII.');
  }
  const explicit = options.params !== undefined;
  const params: readonly SignatureParam[] = options.params ?? [
    'created',
    'keyid',
    ...(expiresIn !== undefined ? (['expires'] as const) : []),
    ...(options.nonce !== undefined ? (['nonce'] as const) : []),
    ...(tag !== undefined ? (['tag'] as const) : []),
  ];
  for (const param of params) {
    if (!PARAM_NAMES.includes(param)) {
      throw new InvalidOptionError(
        PKG,
        'params',
        `has unknown \`${String(param)}\`; use ${PARAM_NAMES.join(', ')}.`,
      );
    }
  }
  if (new Set(params).size !== params.length)
    throw new InvalidOptionError(PKG, 'params', 'lists a parameter twice.');
  if (params.includes('expires') && expiresIn === undefined)
    throw new MissingOptionError(PKG, 'expiresIn', 'It sets `expires`.');
  if (params.includes('tag') && tag === undefined) throw new MissingOptionError(PKG, 'tag');
  const nonce = options.nonce ?? (() => randomNonce());
  const coversDigest = components.some((c) => c.name === 'content-digest');
  const coversDate = components.some((c) => c.name === 'date');
  const structured = options.structuredFields ?? {};

  const run = async (request: AuthRequest, _context: unknown, trace?: Trace) => {
    const url = parseRequestUrl(request.url, PKG);
    url.hash = '';
    const { signer, keyId, secret } = await prepared.credentials();
    const now = clock.now();
    const added: Record<string, string> = {};
    if (coversDigest) added['Content-Digest'] = await contentDigest(bodyBytes(request.body), digests);
    if (coversDate && !request.headers.get('date')) added.Date = new Date(now).toUTCString();
    const header = headerLookup(request, url, added);
    const source = { method: request.method, url, header };
    const lines: Param[] = components.map((c: Component) => [c.id, componentValue(c, source, structured)]);

    const created = Math.floor(now / 1000);
    const values: Parameters = params.flatMap((param): Parameters => {
      switch (param) {
        case 'created':
          return [['created', { type: 'integer', value: created }]];
        case 'expires':
          return [['expires', { type: 'integer', value: created + expiresIn! }]];
        case 'nonce':
          return [['nonce', { type: 'string', value: nonce() }]];
        case 'alg':
          return [['alg', { type: 'string', value: algorithm }]];
        case 'tag':
          return [['tag', { type: 'string', value: tag! }]];
        case 'keyid':
          if (keyId !== undefined) return [['keyid', { type: 'string', value: keyId }]];
          if (explicit) throw new MissingOptionError(PKG, 'keyId', 'It is listed in `params`.');
          return [];
        default:
          return [];
      }
    });
    let signatureParams: string;
    try {
      signatureParams = `(${components.map((c) => c.id).join(' ')})${serializeParameters(values)}`;
    } catch {
      throw new InvalidOptionError(PKG, 'keyId', 'and `nonce` values must be printable ASCII.');
    }
    lines.push(['"@signature-params"', signatureParams]);
    const base = lines.map(([id, value]) => `${id}: ${value}`).join('\n');
    const signature = base64(await signer(base));
    const headers = {
      ...added,
      'Signature-Input': `${label}=${signatureParams}`,
      Signature: `${label}=:${signature}:`,
    };
    trace?.({
      algorithm,
      params: lines,
      base: mask(base, secret, 'key'),
      key: keyId === undefined ? 'key' : `key (keyid ${keyId})`,
      signature: headers.Signature,
      placement: 'header Signature-Input, Signature',
    });
    return { headers };
  };

  const strategy = explainable('httpsig', run);
  return {
    ...strategy,
    inspect(response) {
      if (response.status !== 401 || !params.includes('created')) return undefined;
      const server = Date.parse(response.headers.get('date') ?? '');
      if (!Number.isFinite(server) || Math.abs(server - clock.now()) < 30_000) return undefined;
      return clock.learn(server) ? RETRY : undefined;
    },
  };
}
