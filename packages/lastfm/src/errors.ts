import { type AuthplugError, ProviderError } from '@authplug/core';
import { PKG } from './constants.ts';

/**
 * The provider's error codes this package maps to typed errors (Last.fm API 2.0 error codes).
 *
 * @example
 * ```ts
 * if (error instanceof ProviderError && error.providerCode === LASTFM_ERROR_CODES.invalidSession) { … }
 * ```
 */
export const LASTFM_ERROR_CODES: {
  readonly invalidSession: '9';
  readonly invalidApiKey: '10';
  readonly invalidSignature: '13';
  readonly unauthorizedToken: '14';
  readonly expiredToken: '15';
} = {
  invalidSession: '9',
  invalidApiKey: '10',
  invalidSignature: '13',
  unauthorizedToken: '14',
  expiredToken: '15',
};

/**
 * What an error carries from Last.fm's answer: the HTTP status and the provider's own code and message.
 *
 * @example
 * ```ts
 * const details: LastfmErrorDetails = { status: 200, providerCode: '105', providerMessage: 'Invalid signature' };
 * ```
 */
export interface LastfmErrorDetails {
  status?: number;
  providerCode?: string;
  providerMessage?: string;
}

/**
 * 13: Last.fm computed another `api_sig`, almost always a `secret` that is not this `apiKey`'s.
 *
 * @example
 * ```ts
 * await api.post('', form).catch((e) => e instanceof LastfmInvalidSignatureError);
 * ```
 */
export class LastfmInvalidSignatureError extends ProviderError {
  constructor(details: LastfmErrorDetails) {
    super(PKG, {
      ...details,
      code: 'AUTHPLUG_LASTFM_INVALID_SIGNATURE',
      hint: 'Check that `secret` is the shared secret Last.fm issued with this `apiKey`.',
    });
  }
}

/**
 * 9: the session key is unknown or was revoked by the user.
 *
 * @example
 * ```ts
 * try { await love(); } catch (e) { if (e instanceof LastfmInvalidSessionError) await authorizeAgain(); }
 * ```
 */
export class LastfmInvalidSessionError extends ProviderError {
  constructor(details: LastfmErrorDetails) {
    super(PKG, {
      ...details,
      code: 'AUTHPLUG_LASTFM_INVALID_SESSION',
      hint: 'The session key is invalid or was revoked: run lastfmAuthFlow again.',
    });
  }
}

/**
 * 14: auth.getSession before the user allowed access on the authorization page.
 *
 * @example
 * ```ts
 * await flow.complete().catch((e) => e instanceof LastfmAuthorizationPendingError); // not approved yet
 * ```
 */
export class LastfmAuthorizationPendingError extends ProviderError {
  constructor(details: LastfmErrorDetails) {
    super(PKG, {
      ...details,
      code: 'AUTHPLUG_LASTFM_AUTHORIZATION_PENDING',
      hint: 'The user has not allowed access yet: open the link, allow, then call complete() again.',
    });
  }
}

/**
 * 15: the token expired (an hour after auth.getToken) or was already exchanged.
 *
 * @example
 * ```ts
 * await flow.complete().catch((e) => e instanceof LastfmTokenExpiredError); // start again
 * ```
 */
export class LastfmTokenExpiredError extends ProviderError {
  constructor(details: LastfmErrorDetails) {
    super(PKG, {
      ...details,
      code: 'AUTHPLUG_LASTFM_TOKEN_EXPIRED',
      hint: 'The token expired or was already used: start the flow again.',
    });
  }
}

/**
 * The typed error for a Last.fm error code; other codes are a plain {@link ProviderError}.
 *
 * @example
 * ```ts
 * lastfmError({ providerCode: '13', providerMessage: 'Invalid method signature supplied' }); // LastfmInvalidSignatureError
 * ```
 */
export function lastfmError(details: LastfmErrorDetails): AuthplugError {
  const c = LASTFM_ERROR_CODES;
  switch (details.providerCode) {
    case c.invalidSignature:
      return new LastfmInvalidSignatureError(details);
    case c.invalidSession:
      return new LastfmInvalidSessionError(details);
    case c.unauthorizedToken:
      return new LastfmAuthorizationPendingError(details);
    case c.expiredToken:
      return new LastfmTokenExpiredError(details);
  }
  return new ProviderError(PKG, {
    ...details,
    hint:
      details.providerCode === c.invalidApiKey
        ? 'Check `apiKey`: Last.fm does not know it.'
        : 'See the method documentation.',
  });
}
