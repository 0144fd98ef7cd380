import { type AuthplugError, ProviderError } from '@authplug/core';
import { PKG } from './constants.ts';

// ipernity reports failures in the response body (often with HTTP 200) as
// `{"api":{"status":"error","code":"105","message":"Invalid signature"}}` or
// `<api status="error" code="105" message="Invalid signature"/>`. Codes 104 and 105 are the
// provider's documented ones; the others follow the provider's numbering for common errors as
// the emulator implements them (see the README's errors table). Codes below 100 are
// method-specific (auth.getToken's frob states).

/**
 * The provider's codes this package maps to typed errors.
 *
 * @example
 * ```ts
 * if (error instanceof ProviderError && error.providerCode === IPERNITY_ERROR_CODES.invalidApiKey) { … }
 * ```
 */
export const IPERNITY_ERROR_CODES: {
  readonly invalidApiKey: '100';
  readonly unknownMethod: '102';
  readonly invalidToken: '103';
  readonly missingSignature: '104';
  readonly invalidSignature: '105';
  readonly insufficientPermission: '106';
  readonly frobNotFound: '1';
  readonly frobNotApproved: '2';
  readonly authorizationDenied: '3';
} = {
  invalidApiKey: '100',
  unknownMethod: '102',
  invalidToken: '103',
  missingSignature: '104',
  invalidSignature: '105',
  insufficientPermission: '106',
  frobNotFound: '1',
  frobNotApproved: '2',
  authorizationDenied: '3',
};

/**
 * What an error carries from ipernity's answer: the HTTP status and the provider's own code and message.
 *
 * @example
 * ```ts
 * const details: IpernityErrorDetails = { status: 200, providerCode: '105', providerMessage: 'Invalid signature' };
 * ```
 */
export interface IpernityErrorDetails {
  status?: number;
  providerCode?: string;
  providerMessage?: string;
}

/**
 * 104: the call had to be signed and carried no `api_sig` (e.g. `alwaysSign: false` against a key that requires it).
 *
 * @example
 * ```ts
 * api.get('test.hello/json').catch((e) => e instanceof IpernityMissingSignatureError); // alwaysSign: false on an always-sign key
 * ```
 */
export class IpernityMissingSignatureError extends ProviderError {
  constructor(details: IpernityErrorDetails) {
    super(PKG, {
      ...details,
      code: 'AUTHPLUG_IPERNITY_MISSING_SIGNATURE',
      hint: 'The application key requires signed calls: leave `alwaysSign` on (the default).',
    });
  }
}

/**
 * 105: the provider computed another `api_sig` — almost always a wrong `secret` for this `apiKey`.
 *
 * @example
 * ```ts
 * api.get('test.hello/json').catch((e) => e instanceof IpernityInvalidSignatureError && e.providerCode === '105');
 * ```
 */
export class IpernityInvalidSignatureError extends ProviderError {
  constructor(details: IpernityErrorDetails) {
    super(PKG, {
      ...details,
      code: 'AUTHPLUG_IPERNITY_INVALID_SIGNATURE',
      hint: 'Check that `secret` is the one ipernity issued with this `apiKey`.',
    });
  }
}

/**
 * 103: the `auth_token` is unknown, revoked by the user, or missing where the method needs one.
 *
 * @example
 * ```ts
 * try { await api.get('doc.get/json', { params: { doc_id } }); }
 * catch (e) { if (e instanceof IpernityInvalidTokenError) await runDesktopFlowAgain(); }
 * ```
 */
export class IpernityInvalidTokenError extends ProviderError {
  /** True when the stored token was deleted because of this error. */
  readonly deleted: boolean;
  constructor(details: IpernityErrorDetails & { deleted?: boolean; sent?: boolean }) {
    super(PKG, {
      ...details,
      code: 'AUTHPLUG_IPERNITY_INVALID_TOKEN',
      hint: details.sent
        ? `The authorization token is invalid or was revoked${details.deleted ? ' and has been removed from the store' : ''}. ` +
          'Authorize again (ipernityDesktopFlow or ipernityWebFlow).'
        : 'This method needs an authorization token. Authorize first (ipernityDesktopFlow or ipernityWebFlow).',
    });
    this.deleted = details.deleted ?? false;
  }
}

/**
 * 106: the token's granted permissions don't cover the method (e.g. `doc: read` for doc.delete).
 *
 * @example
 * ```ts
 * try { await api.post('doc.delete/json', form); }
 * catch (e) { if (e instanceof IpernityPermissionError) console.log('authorize with { doc: "delete" }'); }
 * ```
 */
export class IpernityPermissionError extends ProviderError {
  constructor(details: IpernityErrorDetails) {
    super(PKG, {
      ...details,
      code: 'AUTHPLUG_IPERNITY_INSUFFICIENT_PERMISSION',
      hint: 'Authorize again asking for a higher level for that area (write implies read, delete implies write).',
    });
  }
}

/**
 * 102: the path after `/api/` names no ipernity method.
 *
 * @example
 * ```ts
 * await api.get('doc.nope/json'); // rejects with IpernityUnknownMethodError (code 102)
 * ```
 */
export class IpernityUnknownMethodError extends ProviderError {
  constructor(details: IpernityErrorDetails) {
    super(PKG, {
      ...details,
      code: 'AUTHPLUG_IPERNITY_UNKNOWN_METHOD',
      hint: 'Check the method name in the URL (`…/api/<method>/<format>`, e.g. `doc.tags.add/json`).',
    });
  }
}

/**
 * auth.getToken before the user approved the authorization link.
 *
 * @example
 * ```ts
 * await flow.complete().catch((e) => e instanceof IpernityAuthorizationPendingError); // not approved yet
 * ```
 */
export class IpernityAuthorizationPendingError extends ProviderError {
  constructor(details: IpernityErrorDetails) {
    super(PKG, {
      ...details,
      code: 'AUTHPLUG_IPERNITY_AUTHORIZATION_PENDING',
      hint: 'The user has not approved the authorization yet: open the link, approve, then call complete() again.',
    });
  }
}

/**
 * The user denied the authorization, or the frob is unknown or expired.
 *
 * @example
 * ```ts
 * await flow.complete().catch((e) => e instanceof IpernityAuthorizationDeniedError); // start again
 * ```
 */
export class IpernityAuthorizationDeniedError extends ProviderError {
  constructor(details: IpernityErrorDetails) {
    super(PKG, {
      ...details,
      code: 'AUTHPLUG_IPERNITY_AUTHORIZATION_DENIED',
      hint: 'The authorization was denied or the frob expired: start the flow again.',
    });
  }
}

/**
 * The typed error for a provider error code. `authCall` maps auth.getToken's frob codes
 * (below 100); every other method-specific code is a plain {@link ProviderError}.
 *
 * @example
 * ```ts
 * ipernityError({ providerCode: '105', providerMessage: 'Invalid signature' }); // IpernityInvalidSignatureError
 * ```
 */
export function ipernityError(details: IpernityErrorDetails & { authCall?: boolean }): AuthplugError {
  const { authCall, ...rest } = details;
  const c = IPERNITY_ERROR_CODES;
  switch (rest.providerCode) {
    case c.missingSignature:
      return new IpernityMissingSignatureError(rest);
    case c.invalidSignature:
      return new IpernityInvalidSignatureError(rest);
    case c.invalidToken:
      return new IpernityInvalidTokenError(rest);
    case c.insufficientPermission:
      return new IpernityPermissionError(rest);
    case c.unknownMethod:
      return new IpernityUnknownMethodError(rest);
  }
  if (authCall && rest.providerCode === c.frobNotApproved) return new IpernityAuthorizationPendingError(rest);
  if (authCall && (rest.providerCode === c.frobNotFound || rest.providerCode === c.authorizationDenied)) {
    return new IpernityAuthorizationDeniedError(rest);
  }
  return new ProviderError(PKG, {
    ...rest,
    hint:
      rest.providerCode === c.invalidApiKey
        ? 'Check `apiKey`: ipernity does not know it.'
        : 'See the method documentation.',
  });
}
