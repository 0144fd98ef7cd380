import {
  type AuthStrategy,
  type Clock,
  createClock,
  type Digests,
  digests as defaultDigests,
  explainable,
  InvalidOptionError,
  type NonceSource,
  optionalString,
  RETRY,
  randomNonce,
  requireString,
  type SkewedClock,
} from '@authplug/core';
import {
  type CredentialSource,
  credentialSource,
  isStoreOptions,
  type StoreOptions,
} from '@authplug/credentials';
import { AuthorizationDeniedError, OAuth1ProblemError } from './errors.ts';
import { readProblem } from './problem.ts';
import {
  createSigner,
  type OAuth1Credentials,
  PLACEMENTS,
  type Placement,
  SIGNATURE_METHODS,
  type SignatureMethod,
  type Signer,
} from './signer.ts';

const PKG = '@authplug/oauth1';

/**
 * Everything about *how* to sign, whatever the credentials' source.
 *
 * @example
 * ```ts
 * const settings: OAuth1Settings = { signatureMethod: 'HMAC-SHA256', placement: 'header', realm: 'Photos' };
 * oauth1({ store, ...settings });
 * ```
 */
export interface OAuth1Settings {
  /** Default `HMAC-SHA1`. */
  signatureMethod?: SignatureMethod;
  /** Default `header` (`Authorization: OAuth …`). */
  placement?: Placement;
  /** `realm` in the `Authorization` header (never signed). */
  realm?: string;
  /** Add `oauth_body_hash` to requests without a form body (the body-hash extension). Default false. */
  bodyHash?: boolean;
  /** Send `oauth_version="1.0"` (optional in RFC 5849). Default true. */
  oauthVersion?: boolean;
  /** Milliseconds since the epoch; default `Date.now`. A learnt server offset is added. */
  clock?: Clock;
  /** Nonce source; default a 128-bit CSPRNG nonce. */
  nonce?: NonceSource;
  /** Digest implementation; default node:crypto, or WebCrypto where node:crypto is absent. */
  digests?: Digests;
  /** Provider name: the store key prefix (`<provider>/<profile>`) and the name in errors. Default `oauth1`. */
  provider?: string;
}

/**
 * Options of {@link oauth1}: literal credentials or a `{ store, profile }`, plus settings.
 *
 * @example
 * ```ts
 * const options: OAuth1Options = { consumerKey: 'k', consumerSecret: 's' }; // two-legged
 * const stored: OAuth1Options = { store, profile: 'work', provider: 'photos' };
 * ```
 */
export type OAuth1Options = OAuth1Settings & (OAuth1Credentials | StoreOptions);

/**
 * An OAuth 1.0a {@link AuthStrategy}.
 *
 * @example
 * ```ts
 * const auth: OAuth1Strategy = oauth1({ consumerKey, consumerSecret, token, tokenSecret });
 * auth.clockOffset; // 0 until a timestamp_refused answer taught the server's time
 * ```
 */
export interface OAuth1Strategy extends AuthStrategy {
  /** The server-minus-local clock offset learnt from a `timestamp_refused` answer, in ms. */
  readonly clockOffset: number;
}

/** @internal Validated settings, shared with the flow. */
export interface ResolvedSettings {
  readonly provider: string;
  readonly method: SignatureMethod;
  readonly clock: SkewedClock;
  readonly signer: Signer;
}

/** @internal */
export function resolveSettings(
  options: OAuth1Settings,
  placementDefault: Placement = 'header',
): ResolvedSettings {
  const method = options.signatureMethod ?? 'HMAC-SHA1';
  if (!SIGNATURE_METHODS.includes(method)) {
    throw new InvalidOptionError(PKG, 'signatureMethod', `must be one of ${SIGNATURE_METHODS.join(', ')}.`);
  }
  const placement = options.placement ?? placementDefault;
  if (!PLACEMENTS.includes(placement)) {
    throw new InvalidOptionError(PKG, 'placement', `must be one of ${PLACEMENTS.join(', ')}.`);
  }
  const realm = optionalString(PKG, options, 'realm');
  const provider = optionalString(PKG, options, 'provider') ?? 'oauth1';
  const clock = createClock(options.clock);
  const signer = createSigner({
    method,
    placement,
    realm,
    bodyHash: options.bodyHash === true,
    version: options.oauthVersion !== false,
    clock,
    nonce: options.nonce ?? randomNonce,
    digests: options.digests ?? defaultDigests,
    pkg: PKG,
  });
  return { provider, method, clock, signer };
}

/** @internal The credential fields a method needs. */
export function credentialFields(method: SignatureMethod): {
  required: (keyof OAuth1Credentials)[];
  optional: (keyof OAuth1Credentials)[];
} {
  return method === 'RSA-SHA1'
    ? { required: ['consumerKey', 'privateKey'], optional: ['token', 'tokenSecret'] }
    : { required: ['consumerKey', 'consumerSecret'], optional: ['token', 'tokenSecret'] };
}

/** @internal */
export function oauth1Credentials(
  options: object,
  provider: string,
  method: SignatureMethod,
): CredentialSource<OAuth1Credentials & Record<string, unknown>> {
  const fields = credentialFields(method);
  if (!isStoreOptions(options)) {
    const token = optionalString(PKG, options, 'token');
    const tokenSecret = (options as { tokenSecret?: unknown }).tokenSecret;
    if (tokenSecret !== undefined && typeof tokenSecret !== 'string') {
      throw new InvalidOptionError(PKG, 'tokenSecret', 'must be a string.');
    }
    if (tokenSecret && !token) {
      throw new InvalidOptionError(
        PKG,
        'tokenSecret',
        'was given without `token`: pass both, or neither for two-legged calls.',
      );
    }
    if (method === 'RSA-SHA1') {
      requireString(PKG, options, 'privateKey', 'RSA-SHA1 signs with a PEM-encoded PKCS#8 private key.');
    }
  }
  return credentialSource(PKG, provider, options, fields);
}

/**
 * OAuth 1.0a (RFC 5849) request signing: HMAC-SHA1 (default), HMAC-SHA256, PLAINTEXT or
 * RSA-SHA1, placed in the `Authorization` header (default), the query or the form body.
 * Credentials come as options or from a store (`<provider>/<profile>`, read on every request);
 * without a token it signs two-legged calls. On a `timestamp_refused` answer it learns the
 * server's clock from the `Date` header and asks the adapter for one re-signed retry; other
 * OAuth problems (`signature_invalid`, `nonce_used`, `token_rejected`, …) become
 * {@link OAuth1ProblemError}s.
 *
 * @example
 * ```ts
 * import axios from 'axios';
 * import { withAuth } from '@authplug/axios';
 * import { oauth1 } from '@authplug/oauth1';
 *
 * const auth = oauth1({ consumerKey: 'dpf43f3p2l4k3l03', consumerSecret: '…', token: '…', tokenSecret: '…' });
 * const api = withAuth(axios.create({ baseURL: 'https://photos.example.net/' }), auth);
 * await api.get('photos', { params: { file: 'vacation.jpg', size: 'original' } });
 * ```
 */
export function oauth1(options: OAuth1Options): OAuth1Strategy {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError(
      PKG,
      'options',
      'must be an object with consumerKey/consumerSecret or a store.',
    );
  }
  const settings = resolveSettings(options);
  const credentials = oauth1Credentials(options, settings.provider, settings.method);
  return createStrategy(settings, credentials);
}

/** @internal Builds the strategy around resolved settings (presets add request checks). */
export function createStrategy(
  settings: ResolvedSettings,
  credentials: CredentialSource<OAuth1Credentials>,
  check?: (url: string) => void,
): OAuth1Strategy {
  const { provider, clock, signer } = settings;
  return {
    get clockOffset() {
      return clock.offset;
    },
    ...explainable(provider, async (request, _context, trace) => {
      check?.(request.url);
      return await signer.sign(request, await credentials(), undefined, trace);
    }),
    async inspect(response, _request, context) {
      const { status } = response;
      if (status !== 400 && status !== 401 && status !== 403) return undefined;
      const problem = await readProblem(response);
      if (!problem) return undefined;
      if (
        problem.problem === 'timestamp_refused' &&
        context.attempt === 0 &&
        learn(clock, response, problem)
      ) {
        return RETRY;
      }
      if (problem.problem === 'permission_denied' || problem.problem === 'user_refused') {
        throw new AuthorizationDeniedError(provider, status, problem);
      }
      throw new OAuth1ProblemError(provider, status, problem);
    },
  };
}

/**
 * Learns the server clock from `Date` (or the middle of `oauth_acceptable_timestamps`). True
 * only when that moved the offset by a second or more: a retry would otherwise fail again.
 * @internal
 */
export function learn(
  clock: SkewedClock,
  response: { headers: { get(name: string): string | null | undefined } },
  problem: { acceptableTimestamps?: string | undefined },
): boolean {
  const before = clock.offset;
  let learnt = clock.learn(response.headers.get('date'));
  if (!learnt && problem.acceptableTimestamps) {
    const [min, max] = problem.acceptableTimestamps.split('-').map(Number);
    if (Number.isFinite(min) && Number.isFinite(max)) learnt = clock.learn(((min! + max!) / 2) * 1000);
  }
  return learnt && Math.abs(clock.offset - before) >= 1000;
}
