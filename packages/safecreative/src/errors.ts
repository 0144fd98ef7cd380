import { AuthplugError, ProviderError } from '@authplug/core';
import { PKG } from './constants.ts';

/**
 * What every Safe Creative error response carries: its `errorId` and `errorMessage`.
 *
 * @example
 * ```ts
 * const details: SafeCreativeErrorDetails = { errorId: 'InvalidTime', errorMessage: 'ztime out of range' };
 * ```
 */
export interface SafeCreativeErrorDetails {
  readonly errorId: string;
  readonly errorMessage?: string | undefined;
  readonly status?: number | undefined;
}

type Details = { providerCode: string; providerMessage?: string; status?: number };
const details = (d: SafeCreativeErrorDetails): Details => {
  const out: Details = { providerCode: d.errorId };
  if (d.errorMessage) out.providerMessage = d.errorMessage;
  if (d.status !== undefined) out.status = d.status;
  return out;
};

/**
 * The signature did not verify: wrong private key, or the authkey/shared-key split does not
 * match the component (see the `sharedKeySigned` option).
 *
 * @example
 * ```ts
 * try { await api.post('', form); } catch (error) { if (error instanceof InvalidSignatureError) console.log(error.providerCode); }
 * ```
 */
export class InvalidSignatureError extends ProviderError {
  constructor(d: SafeCreativeErrorDetails) {
    super(PKG, {
      ...details(d),
      code: 'AUTHPLUG_SAFECREATIVE_INVALID_SIGNATURE',
      hint:
        'Check `privateKey` (the application key) and `authPrivateKey` (the authkey), and which components ' +
        'are signed with the application key (`sharedKeySigned`).',
    });
  }
}

/** The authkey is unknown to the provider, or the user has not authorized (or has revoked) it. *
 * @example
 * ```ts
 * try { await api.post('', form); } catch (error) { if (error instanceof UnauthorizedAuthkeyError) console.log(error.providerCode); }
 * ```
 */
export class UnauthorizedAuthkeyError extends ProviderError {
  constructor(d: SafeCreativeErrorDetails) {
    super(PKG, {
      ...details(d),
      code: 'AUTHPLUG_SAFECREATIVE_UNAUTHORIZED_AUTHKEY',
      hint: 'Run the authorization flow (safecreativeAuthFlow) again and have the user approve it.',
    });
  }
}

/** The authkey is authorized, but at a level below what the component needs (GET < ADD < MANAGE). *
 * @example
 * ```ts
 * try { await api.post('', form); } catch (error) { if (error instanceof InsufficientLevelError) console.log(error.providerCode); }
 * ```
 */
export class InsufficientLevelError extends ProviderError {
  constructor(d: SafeCreativeErrorDetails) {
    super(PKG, {
      ...details(d),
      code: 'AUTHPLUG_SAFECREATIVE_INSUFFICIENT_LEVEL',
      hint: 'Ask for a higher level (ADD to register works, MANAGE to change them) in safecreativeAuthFlow.',
    });
  }
}

/** The `noncekey` was missing, wrong or already used. The strategy retries once with a fresh one. *
 * @example
 * ```ts
 * try { await api.post('', form); } catch (error) { if (error instanceof InvalidNonceError) console.log(error.providerCode); }
 * ```
 */
export class InvalidNonceError extends ProviderError {
  constructor(d: SafeCreativeErrorDetails) {
    super(PKG, {
      ...details(d),
      code: 'AUTHPLUG_SAFECREATIVE_INVALID_NONCE',
      hint:
        'Another client may be using the same authkey without sharing its credential store; ' +
        'list the component in `nonceComponents` and share one store.',
    });
  }
}

/** `ztime` was outside the provider's window. The strategy learns the offset and retries once. *
 * @example
 * ```ts
 * try { await api.post('', form); } catch (error) { if (error instanceof TimeOutOfRangeError) console.log(error.providerCode); }
 * ```
 */
export class TimeOutOfRangeError extends ProviderError {
  constructor(d: SafeCreativeErrorDetails) {
    super(PKG, {
      ...details(d),
      code: 'AUTHPLUG_SAFECREATIVE_TIME_OUT_OF_RANGE',
      hint: 'The local clock is far off and could not be corrected from the server time; fix the system clock.',
    });
  }
}

/**
 * `complete()` was called before the user approved the authkey (or after they denied it).
 *
 * @example
 * ```ts
 * try { await flow.complete(); } catch (error) { if (error instanceof AuthorizationPendingError) retryLater(); }
 * ```
 */
export class AuthorizationPendingError extends AuthplugError {
  constructor() {
    super(
      'AUTHPLUG_SAFECREATIVE_NOT_AUTHORIZED_YET',
      `${PKG}: the authkey is not authorized yet. Have the user open the authkey.edit URL from start() and ` +
        'approve it, then call complete() again (or use waitForAuthorization()).',
    );
  }
}

/**
 * The response could not be read as Safe Creative XML or JSON.
 *
 * @example
 * ```ts
 * await flow.start().catch((e) => e instanceof UnreadableResponseError && console.log('check `server`'));
 * ```
 */
export class UnreadableResponseError extends AuthplugError {
  constructor(component: string, cause?: unknown) {
    super(
      'AUTHPLUG_SAFECREATIVE_UNREADABLE_RESPONSE',
      `${PKG}: the ${component} response is neither Safe Creative XML nor JSON. Check the \`server\` option.`,
      { cause },
    );
  }
}

/**
 * Provider error ids and the typed error each maps to. `NotAuthorized` and `InvalidTime` are
 * the ids the provider's own Java client checks for; the others are this package's reading of
 * the provider's error names (the reference does not list them) and match the emulator.
 *
 * @example
 * ```ts
 * SAFECREATIVE_ERROR_IDS['NonceKeyUsed'] === InvalidNonceError; // true
 * ```
 */
export const SAFECREATIVE_ERROR_IDS: Readonly<
  Record<string, new (d: SafeCreativeErrorDetails) => ProviderError>
> = {
  InvalidSignature: InvalidSignatureError,
  NotAuthorized: UnauthorizedAuthkeyError,
  AuthkeyNotFound: UnauthorizedAuthkeyError,
  InvalidAuthkey: UnauthorizedAuthkeyError,
  InsufficientLevel: InsufficientLevelError,
  InvalidNonce: InvalidNonceError,
  NonceKeyUsed: InvalidNonceError,
  InvalidTime: TimeOutOfRangeError,
};

/**
 * The typed error for a provider error id; a plain {@link ProviderError} (code and message kept)
 * for ids without a dedicated class.
 *
 * @example
 * ```ts
 * toSafeCreativeError({ errorId: 'InvalidTime', errorMessage: 'ztime out of range' }); // TimeOutOfRangeError
 * ```
 */
export function toSafeCreativeError(d: SafeCreativeErrorDetails): ProviderError {
  const Typed = Object.hasOwn(SAFECREATIVE_ERROR_IDS, d.errorId)
    ? SAFECREATIVE_ERROR_IDS[d.errorId]
    : undefined;
  return Typed ? new Typed(d) : new ProviderError(PKG, details(d));
}
