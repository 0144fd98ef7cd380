import {
  type AuthRequest,
  collectEncodedParams,
  type Digests,
  InvalidOptionError,
  type NonceSource,
  type Param,
  percentEncode,
  type Signature,
  type SkewedClock,
  type Trace,
} from '@authplug/core';
import { baseUriEncoder, byNameThenValue, encodedBaseString } from './base-string.ts';
import { BodyHashUnavailableError } from './errors.ts';

/**
 * The four signature methods of RFC 5849 (3.4) plus HMAC-SHA256, which many providers use.
 *
 * @example
 * ```ts
 * oauth1({ consumerKey, consumerSecret, signatureMethod: 'HMAC-SHA256' });
 * ```
 */
export type SignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256' | 'PLAINTEXT' | 'RSA-SHA1';
/**
 * Where the `oauth_*` parameters go (RFC 5849 3.5): `Authorization` header, query or form body.
 *
 * @example
 * ```ts
 * oauth1({ consumerKey, consumerSecret, placement: 'query' });
 * ```
 */
export type Placement = 'header' | 'query' | 'form';

export const SIGNATURE_METHODS: readonly SignatureMethod[] = [
  'HMAC-SHA1',
  'HMAC-SHA256',
  'PLAINTEXT',
  'RSA-SHA1',
];
export const PLACEMENTS: readonly Placement[] = ['header', 'query', 'form'];

/**
 * OAuth 1.0a credentials: the consumer's (the application's) and, once authorized, the token's.
 * RSA-SHA1 signs with `privateKey` (PEM, PKCS#8) instead of `consumerSecret`.
 *
 * @example
 * ```ts
 * const credentials: OAuth1Credentials = { consumerKey: 'k', consumerSecret: 's', token: 't', tokenSecret: 'ts' };
 * await store.set('oauth1/default', credentials);
 * ```
 */
export interface OAuth1Credentials {
  consumerKey: string;
  consumerSecret?: string;
  token?: string;
  tokenSecret?: string;
  privateKey?: string;
}

/** @internal What the strategy and the flow share. */
export interface SignerSettings {
  readonly method: SignatureMethod;
  readonly placement: Placement;
  readonly realm: string | undefined;
  readonly bodyHash: boolean;
  readonly version: boolean;
  readonly clock: SkewedClock;
  readonly nonce: NonceSource;
  readonly digests: Digests;
  readonly pkg: string;
}

/** @internal */
export interface Signer {
  sign(
    request: AuthRequest,
    credentials: OAuth1Credentials,
    extra?: readonly Param[],
    trace?: Trace,
  ): Promise<Signature>;
}

const quote = (value: string): string => value.replace(/["\\]/g, '\\$&');

/**
 * The OAuth 1.0a signing engine: collects the request's parameters once, adds the `oauth_*`
 * ones, signs and places them. The encoded signing key is computed once per credentials.
 * @internal
 */
export function createSigner(settings: SignerSettings): Signer {
  const { method, placement, bodyHash, version, clock, nonce, digests, pkg } = settings;
  const realmPrefix = settings.realm === undefined ? 'OAuth ' : `OAuth realm="${quote(settings.realm)}", `;
  const hmac = method === 'HMAC-SHA1' ? 'sha1' : method === 'HMAC-SHA256' ? 'sha256' : undefined;
  const hashAlgorithm = method === 'HMAC-SHA256' ? 'sha256' : 'sha1';
  const baseUri = baseUriEncoder();
  // The request's own parameters, encoded and ordered. A bodiless request's depend on its URL
  // alone, so the last one is kept: a retry, a poll or a paged walk re-signs without re-parsing.
  let lastUrl: string | undefined;
  let lastPairs: readonly Param[] = [];
  const requestPairs = (request: AuthRequest): readonly Param[] => {
    const bodiless = request.body.kind === 'none';
    if (bodiless && request.url === lastUrl) return lastPairs;
    const pairs = collectEncodedParams(request).filter((pair) => pair[0] !== 'oauth_signature');
    const sorted = pairs.sort(byNameThenValue);
    if (bodiless) {
      lastUrl = request.url;
      lastPairs = sorted;
    }
    return sorted;
  };

  // Per-credentials values (signing key, encoded key and token), computed once: literal
  // credentials are one object; store reads (a fresh copy each time) are compared by value.
  let last: Prepared | undefined;
  const prepare = (c: OAuth1Credentials): Prepared => {
    if (last && (last.source === c || last.same(c))) {
      last.source = c;
      return last;
    }
    const consumerKey = c.consumerKey;
    const token = c.token || undefined;
    const consumerSecret = c.consumerSecret ?? '';
    const tokenSecret = c.tokenSecret ?? '';
    const privateKey = c.privateKey;
    last = {
      source: c,
      same: (o) =>
        o.consumerKey === consumerKey &&
        (o.token || undefined) === token &&
        (o.consumerSecret ?? '') === consumerSecret &&
        (o.tokenSecret ?? '') === tokenSecret &&
        o.privateKey === privateKey,
      key: `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`,
      consumerKey,
      consumerKeyEncoded: percentEncode(consumerKey),
      token,
      tokenEncoded: token === undefined ? undefined : percentEncode(token),
      privateKey: privateKey ?? '',
    };
    return last;
  };

  return {
    async sign(request, credentials, extra, trace) {
      const { body } = request;
      if (
        placement === 'form' &&
        !(body.kind === 'form' || (body.kind === 'none' && hasBody(request.method)))
      ) {
        throw new InvalidOptionError(
          pkg,
          'placement',
          `is "form", which needs a ${request.method.toUpperCase()} request with a form body ` +
            '(URLSearchParams or an application/x-www-form-urlencoded string). Use "header" or "query" for this request.',
        );
      }
      const p = prepare(credentials);
      const nonceValue = nonce();
      const timestamp = String(Math.floor(clock.now() / 1000));
      // The oauth_* parameters, encoded (for the base string and the header) and, for query or
      // form placement only, decoded, in the order they are sent.
      const encoded: Param[] = [
        ['oauth_consumer_key', p.consumerKeyEncoded],
        ['oauth_nonce', percentEncode(nonceValue)],
        ['oauth_signature_method', method],
        ['oauth_timestamp', timestamp],
      ];
      const oauth: Param[] | undefined =
        placement === 'header'
          ? undefined
          : [
              ['oauth_consumer_key', p.consumerKey],
              ['oauth_nonce', nonceValue],
              ['oauth_signature_method', method],
              ['oauth_timestamp', timestamp],
            ];
      if (p.token !== undefined) {
        oauth?.push(['oauth_token', p.token]);
        encoded.push(['oauth_token', p.tokenEncoded!]);
      }
      if (version) {
        oauth?.push(VERSION);
        encoded.push(VERSION);
      }
      let ordered = true;
      const add = (name: string, value: string) => {
        ordered = false;
        oauth?.push([name, value]);
        encoded.push([percentEncode(name), percentEncode(value)]);
      };
      if (extra) for (const [name, value] of extra) add(name, value);
      if (bodyHash && body.kind !== 'form') {
        if (body.kind === 'opaque') throw new BodyHashUnavailableError();
        add(
          'oauth_body_hash',
          await digests.hash(hashAlgorithm, body.kind === 'none' ? '' : body.data, 'base64'),
        );
      }

      let signature: string;
      let base = '';
      if (method === 'PLAINTEXT') {
        signature = p.key;
      } else {
        base = encodedBaseString(
          request.method,
          baseUri(request.url),
          requestPairs(request),
          ordered ? encoded : encoded.toSorted(byNameThenValue),
        );
        signature = hmac
          ? await digests.hmac(hmac, p.key, base, 'base64')
          : await digests.rsaSha1(p.privateKey, base);
      }

      const place = (sig: string): Signature => {
        if (placement === 'header') {
          let header = realmPrefix;
          for (const [name, value] of encoded) header += `${name}="${value}", `;
          header += `oauth_signature="${percentEncode(sig)}"`;
          return { headers: { authorization: header } };
        }
        const pairs: Param[] = [...oauth!, ['oauth_signature', sig]];
        return placement === 'query' ? { query: pairs } : { form: pairs };
      };
      if (trace) {
        const key = method === 'RSA-SHA1' ? 'privateKey' : 'consumerSecret&tokenSecret';
        // PLAINTEXT's signature is the key itself: show its shape, never its value.
        const shown = method === 'PLAINTEXT' ? '‹consumerSecret›&‹tokenSecret›' : signature;
        trace({
          algorithm: method,
          params: base === '' ? encoded.toSorted(byNameThenValue) : normalizedParams(base),
          base,
          key,
          signature: shown,
          placement:
            placement === 'header'
              ? 'header Authorization (oauth_signature)'
              : `${placement} oauth_signature`,
          ...(method === 'PLAINTEXT' ? { added: place(shown) } : {}),
        });
      }
      return place(signature);
    },
  };
}

// The encoded name=value pairs of a base string's third part, in signing order.
function normalizedParams(base: string): Param[] {
  // The third part is percent-encoded, so its raw `&` is the last one in the base string.
  const normalized = decodeURIComponent(base.slice(base.lastIndexOf('&') + 1));
  if (normalized === '') return [];
  return normalized.split('&').map((pair): Param => {
    const at = pair.indexOf('=');
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
}

const VERSION: Param = ['oauth_version', '1.0'];

interface Prepared {
  source: OAuth1Credentials;
  same(other: OAuth1Credentials): boolean;
  readonly key: string;
  readonly consumerKey: string;
  readonly consumerKeyEncoded: string;
  readonly token: string | undefined;
  readonly tokenEncoded: string | undefined;
  readonly privateKey: string;
}

function hasBody(method: string): boolean {
  const m = method.toUpperCase();
  return m !== 'GET' && m !== 'HEAD';
}
