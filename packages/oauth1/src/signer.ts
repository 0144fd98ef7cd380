import {
  type AuthRequest,
  collectParams,
  type Digests,
  InvalidOptionError,
  type NonceSource,
  type Param,
  percentEncode,
  type Signature,
  type SkewedClock,
} from '@authplug/core';
import { signatureBaseString } from './base-string.ts';
import { BodyHashUnavailableError } from './errors.ts';

/** The four signature methods of RFC 5849 (3.4) plus HMAC-SHA256, which many providers use. */
export type SignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256' | 'PLAINTEXT' | 'RSA-SHA1';
/** Where the `oauth_*` parameters go (RFC 5849 3.5): `Authorization` header, query or form body. */
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
  sign(request: AuthRequest, credentials: OAuth1Credentials, extra?: readonly Param[]): Promise<Signature>;
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

  // Cache of the derived key: literal credentials are one object; store reads compare by value.
  let lastCredentials: OAuth1Credentials | undefined;
  let lastConsumerSecret: string | undefined;
  let lastTokenSecret: string | undefined;
  let lastKey = '';
  const keyOf = (credentials: OAuth1Credentials): string => {
    if (credentials === lastCredentials) return lastKey;
    const cs = credentials.consumerSecret ?? '';
    const ts = credentials.tokenSecret ?? '';
    if (cs !== lastConsumerSecret || ts !== lastTokenSecret) {
      lastKey = `${percentEncode(cs)}&${percentEncode(ts)}`;
      lastConsumerSecret = cs;
      lastTokenSecret = ts;
    }
    lastCredentials = credentials;
    return lastKey;
  };

  return {
    async sign(request, credentials, extra) {
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
      const params = collectParams(request) as Param[];
      for (let i = params.length - 1; i >= 0; i--)
        if (params[i]![0] === 'oauth_signature') params.splice(i, 1);

      const oauth: Param[] = [
        ['oauth_consumer_key', credentials.consumerKey],
        ['oauth_nonce', nonce()],
        ['oauth_signature_method', method],
        ['oauth_timestamp', String(Math.floor(clock.now() / 1000))],
      ];
      if (credentials.token) oauth.push(['oauth_token', credentials.token]);
      if (version) oauth.push(['oauth_version', '1.0']);
      if (extra) for (const p of extra) oauth.push(p);
      if (bodyHash && body.kind !== 'form') {
        if (body.kind === 'opaque') throw new BodyHashUnavailableError();
        oauth.push([
          'oauth_body_hash',
          await digests.hash(hashAlgorithm, body.kind === 'none' ? '' : body.data, 'base64'),
        ]);
      }

      let signature: string;
      if (method === 'PLAINTEXT') {
        signature = keyOf(credentials);
      } else {
        for (const p of oauth) params.push(p);
        const base = signatureBaseString(request.method, request.url, params);
        signature = hmac
          ? await digests.hmac(hmac, keyOf(credentials), base, 'base64')
          : await digests.rsaSha1(credentials.privateKey ?? '', base);
      }

      if (placement === 'header') {
        let header = realmPrefix;
        for (const p of oauth) header += `${p[0]}="${percentEncode(p[1])}", `;
        header += `oauth_signature="${percentEncode(signature)}"`;
        return { headers: { authorization: header } };
      }
      oauth.push(['oauth_signature', signature]);
      return placement === 'query' ? { query: oauth } : { form: oauth };
    },
  };
}

function hasBody(method: string): boolean {
  const m = method.toUpperCase();
  return m !== 'GET' && m !== 'HEAD';
}
