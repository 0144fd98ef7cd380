import { requireString, type SkewedClock } from '@authplug/core';
import { AwsCredentialsError, PKG } from './errors.ts';

/**
 * AWS credentials, the shape the AWS SDK's credential providers resolve to.
 *
 * @example
 * ```ts
 * const identity: AwsCredentialIdentity = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: '…' };
 * ```
 */
export interface AwsCredentialIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials (STS, SSO, an instance role) come with one. */
  readonly sessionToken?: string;
  /** When temporary credentials lapse; they are fetched again shortly before. */
  readonly expiration?: Date | string | number;
}

/**
 * An AWS SDK credential provider (`fromNodeProviderChain()`, `fromIni()`, `fromTemporaryCredentials()`…)
 * or any function of that shape.
 *
 * @example
 * ```ts
 * import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
 * const credentials: AwsCredentialProvider = fromNodeProviderChain();
 * ```
 */
export type AwsCredentialProvider = () => Promise<AwsCredentialIdentity>;

/** The credentials one signature uses. */
export interface Resolved {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | undefined;
}

function check(value: AwsCredentialIdentity | undefined, source: string): Resolved {
  for (const field of ['accessKeyId', 'secretAccessKey'] as const) {
    const v = value?.[field];
    if (typeof v !== 'string' || v === '') {
      throw new AwsCredentialsError(`${source} gave no \`${field}\` (a non-empty string).`);
    }
  }
  const token = value?.sessionToken;
  return {
    accessKeyId: (value as AwsCredentialIdentity).accessKeyId,
    secretAccessKey: (value as AwsCredentialIdentity).secretAccessKey,
    sessionToken: typeof token === 'string' && token !== '' ? token : undefined,
  };
}

function expiryOf(value: AwsCredentialIdentity): number {
  const { expiration } = value;
  if (expiration === undefined || expiration === null) return Number.POSITIVE_INFINITY;
  const ms = expiration instanceof Date ? expiration.getTime() : new Date(expiration).getTime();
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
}

/**
 * A cache over a provider: its credentials are kept until `refreshBeforeMs` before they expire
 * (by the strategy's clock, which knows the server's offset), then fetched again, once, however
 * many requests ask at the same time. If a refresh fails while the old credentials are still
 * valid, they are used and the next request tries again. `forget()` drops them (AWS said the
 * token expired).
 */
export interface CachedCredentials {
  (): Promise<Resolved>;
  forget(): void;
}

export function cachedProvider(
  provider: AwsCredentialProvider,
  clock: SkewedClock,
  refreshBeforeMs: number,
): CachedCredentials {
  let current: { value: Resolved; expires: number } | undefined;
  let pending: Promise<Resolved> | undefined;

  const refresh = (): Promise<Resolved> => {
    pending ??= (async () => {
      let raw: AwsCredentialIdentity;
      try {
        raw = await provider();
      } catch (cause) {
        throw new AwsCredentialsError('the credential provider failed; see `cause`.', { cause });
      }
      const value = check(raw, 'the credential provider');
      current = { value, expires: expiryOf(raw) };
      return value;
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  const get = (async () => {
    const now = clock.now();
    if (current && now < current.expires - refreshBeforeMs) return current.value;
    if (current && now < current.expires) {
      const stale = current.value;
      return refresh().catch(() => stale);
    }
    return refresh();
  }) as CachedCredentials;
  get.forget = () => {
    current = undefined;
  };
  return get;
}

/**
 * Credentials given as a plain object: checked once.
 */
export function fixedCredentials(value: AwsCredentialIdentity): CachedCredentials {
  requireString(PKG, value, 'accessKeyId');
  requireString(PKG, value, 'secretAccessKey');
  const resolved = Promise.resolve(check(value, '`credentials`'));
  const get = (() => resolved) as CachedCredentials;
  get.forget = () => {};
  return get;
}
