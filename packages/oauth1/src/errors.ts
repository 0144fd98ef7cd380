import { AuthplugError, ProviderError } from '@authplug/core';

const PKG = '@authplug/oauth1';

/**
 * What an OAuth 1.0a provider said was wrong (the Problem Reporting extension's `oauth_problem`).
 *
 * @example
 * ```ts
 * const problem = await readProblem(response); // { problem: 'nonce_used', advice: '…' }
 * ```
 */
export interface OAuthProblem {
  /** e.g. `signature_invalid`, `timestamp_refused`, `nonce_used`, `token_rejected`. */
  readonly problem: string;
  readonly advice?: string | undefined;
  /** `oauth_acceptable_timestamps` (`min-max`, seconds) when the provider sent it. */
  readonly acceptableTimestamps?: string | undefined;
}

const CODES: Readonly<Record<string, string>> = {
  timestamp_refused: 'AUTHPLUG_OAUTH1_TIMESTAMP_REFUSED',
  nonce_used: 'AUTHPLUG_OAUTH1_NONCE_USED',
  signature_invalid: 'AUTHPLUG_OAUTH1_SIGNATURE_INVALID',
  signature_method_rejected: 'AUTHPLUG_OAUTH1_SIGNATURE_METHOD_REJECTED',
  consumer_key_unknown: 'AUTHPLUG_OAUTH1_CONSUMER_REJECTED',
  consumer_key_rejected: 'AUTHPLUG_OAUTH1_CONSUMER_REJECTED',
  consumer_key_refused: 'AUTHPLUG_OAUTH1_CONSUMER_REJECTED',
  token_rejected: 'AUTHPLUG_OAUTH1_TOKEN_REJECTED',
  token_revoked: 'AUTHPLUG_OAUTH1_TOKEN_REJECTED',
  token_used: 'AUTHPLUG_OAUTH1_TOKEN_REJECTED',
  token_expired: 'AUTHPLUG_OAUTH1_TOKEN_EXPIRED',
  additional_authorization_required: 'AUTHPLUG_OAUTH1_INSUFFICIENT_RIGHTS',
  permission_denied: 'AUTHPLUG_OAUTH1_DENIED',
  user_refused: 'AUTHPLUG_OAUTH1_DENIED',
};

const HINTS: Readonly<Record<string, string>> = {
  timestamp_refused: 'The local clock is off; the strategy corrects it once from the Date header.',
  nonce_used: 'A nonce was sent twice: never reuse a fixed `nonce` source outside tests.',
  signature_invalid:
    'Check the consumer secret and the token secret, and that nothing rewrites the request after signing.',
  signature_method_rejected: 'Use a `signatureMethod` the provider accepts.',
  consumer_key_unknown: 'Check the consumer key.',
  token_rejected: 'The token is unknown or was revoked: run the authorization flow again.',
  token_revoked: 'The user revoked the token: run the authorization flow again.',
  token_expired: 'The token expired: run the authorization flow again.',
  additional_authorization_required:
    'The token lacks a right this call needs: authorize again asking for it.',
};

/**
 * The provider answered with an OAuth problem (`oauth_problem=…` in `WWW-Authenticate` or the
 * body). `code` is `AUTHPLUG_OAUTH1_<PROBLEM>` for the common problems, `AUTHPLUG_OAUTH1_PROBLEM`
 * otherwise; `problem` is the provider's own word.
 *
 * @example
 * ```ts
 * try { await api.get('ping'); }
 * catch (e) { if (e instanceof OAuth1ProblemError && e.problem === 'token_rejected') await reauthorize(); }
 * ```
 */
export class OAuth1ProblemError extends ProviderError {
  /** The provider's `oauth_problem`, e.g. `signature_invalid`. */
  readonly problem: string;
  constructor(provider: string, status: number, details: OAuthProblem, code?: string, hint?: string) {
    super(provider, {
      code: code ?? CODES[details.problem] ?? 'AUTHPLUG_OAUTH1_PROBLEM',
      status,
      providerCode: details.problem,
      providerMessage: details.advice,
      hint: hint ?? HINTS[details.problem],
    });
    this.problem = details.problem;
  }
}

/**
 * The user denied the authorization (the callback carried `denied`, or the access-token
 * endpoint answered `permission_denied` / `user_refused`).
 *
 * @example
 * ```ts
 * try { await flow.complete(callbackParams(req.url)); }
 * catch (e) { if (e instanceof AuthorizationDeniedError) showDeniedPage(); }
 * ```
 */
export class AuthorizationDeniedError extends OAuth1ProblemError {
  constructor(provider: string, status = 0, details: OAuthProblem = { problem: 'user_refused' }) {
    super(
      provider,
      status,
      details,
      'AUTHPLUG_OAUTH1_DENIED',
      'The user denied the authorization; start the flow again if they change their mind.',
    );
  }
}

/**
 * The request token is no longer usable at the access-token endpoint (expired, already used or
 * unknown): start the flow again.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof RequestTokenExpiredError) return redirect((await flow.start()).url); }
 * ```
 */
export class RequestTokenExpiredError extends OAuth1ProblemError {
  constructor(provider: string, status: number, details: OAuthProblem) {
    super(
      provider,
      status,
      details,
      'AUTHPLUG_OAUTH1_REQUEST_TOKEN_EXPIRED',
      'The request token expired or was already used: call `start()` again.',
    );
  }
}

/**
 * The request-token response lacked `oauth_callback_confirmed=true`: the provider does not
 * speak OAuth 1.0a (session fixation, RFC 5849 2.1), so the flow stops.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof CallbackNotConfirmedError) console.error('not an OAuth 1.0a provider'); }
 * ```
 */
export class CallbackNotConfirmedError extends AuthplugError {
  constructor(provider: string) {
    super(
      'AUTHPLUG_OAUTH1_CALLBACK_NOT_CONFIRMED',
      `${PKG}: ${provider} did not answer oauth_callback_confirmed=true to the request-token call, ` +
        'so it is not an OAuth 1.0a provider (or the URL is wrong). Check `requestTokenUrl`.',
    );
  }
}

/**
 * `complete()` got an `oauthToken` this flow did not start, and no `requestTokenSecret`.
 *
 * @example
 * ```ts
 * await flow.complete({ oauthToken, oauthVerifier, requestTokenSecret: savedSecret }); // across processes
 * ```
 */
export class UnknownRequestTokenError extends AuthplugError {
  constructor() {
    super(
      'AUTHPLUG_OAUTH1_UNKNOWN_REQUEST_TOKEN',
      `${PKG}: complete() got a request token this flow did not start. Pass \`requestTokenSecret\` ` +
        '(from start().requestToken.secret) when completing in another process.',
    );
  }
}

/**
 * A token endpoint answered something that is not an OAuth answer (wrong status, no token).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof TokenEndpointError) console.error(e.status); }
 * ```
 */
export class TokenEndpointError extends AuthplugError {
  readonly status: number;
  constructor(provider: string, endpoint: string, status: number) {
    super(
      'AUTHPLUG_OAUTH1_TOKEN_ENDPOINT',
      `${PKG}: ${provider}'s ${endpoint} endpoint answered HTTP ${status} without oauth_token and ` +
        'oauth_token_secret. Check the endpoint URL.',
    );
    this.status = status;
  }
}

/**
 * `bodyHash: true` was asked for a body that cannot be read without consuming it
 * (multipart or a stream).
 *
 * @example
 * ```ts
 * oauth1({ consumerKey, consumerSecret, bodyHash: true }); // then send JSON as a string or bytes
 * ```
 */
export class BodyHashUnavailableError extends AuthplugError {
  constructor() {
    super(
      'AUTHPLUG_OAUTH1_BODY_HASH_UNAVAILABLE',
      `${PKG}: oauth_body_hash needs the request body as a string or bytes; this one is multipart or a stream.`,
    );
  }
}
