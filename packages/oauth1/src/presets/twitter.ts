import { type AuthResponse, InvalidOptionError, RETRY } from '@authplug/core';
import type { StoreOptions } from '@authplug/credentials';
import { OAuth1ProblemError } from '../errors.ts';
import { type OAuth1Flow, type OAuth1FlowOptions, oauth1Flow } from '../flow.ts';
import {
  createStrategy,
  learn,
  type OAuth1Settings,
  type OAuth1Strategy,
  oauth1Credentials,
  resolveSettings,
} from '../oauth1.ts';
import { onlyValue, trimOrigin } from './fixed.ts';

const PKG = '@authplug/oauth1';

/**
 * X (Twitter) OAuth 1.0a endpoints and the base URL of the v1.1 API.
 *
 * @example
 * ```ts
 * const { requestTokenUrl, apiBaseUrl }: TwitterEndpoints = twitterEndpoints('http://127.0.0.1:8080');
 * ```
 */
export interface TwitterEndpoints {
  readonly origin: string;
  readonly requestTokenUrl: string;
  /** The authorize page: the user approves every time. */
  readonly authorizeUrl: string;
  /** "Sign in with X": returns at once when the user already approved the app. */
  readonly authenticateUrl: string;
  readonly accessTokenUrl: string;
  /** v1.1 calls: `https://api.twitter.com/1.1/statuses/update.json`. */
  readonly apiBaseUrl: string;
}

/**
 * X's endpoints under `origin`: default `https://api.twitter.com` (also served as
 * `https://api.x.com`); pass an emulator's loopback URL in tests.
 *
 * @example
 * ```ts
 * twitterEndpoints().requestTokenUrl; // 'https://api.twitter.com/oauth/request_token'
 * ```
 */
export function twitterEndpoints(origin = 'https://api.twitter.com'): TwitterEndpoints {
  const base = trimOrigin(origin);
  return {
    origin: base,
    requestTokenUrl: `${base}/oauth/request_token`,
    authorizeUrl: `${base}/oauth/authorize`,
    authenticateUrl: `${base}/oauth/authenticate`,
    accessTokenUrl: `${base}/oauth/access_token`,
    apiBaseUrl: `${base}/1.1/`,
  };
}

/**
 * The real X endpoints.
 *
 * @example
 * ```ts
 * withAuth(axios.create({ baseURL: TWITTER.apiBaseUrl }), twitter({ store }));
 * ```
 */
export const TWITTER: TwitterEndpoints = twitterEndpoints();

/**
 * Settings X allows: HMAC-SHA1 in the `Authorization` header, provider name `twitter`.
 *
 * @example
 * ```ts
 * const settings: TwitterSettings = { clock: () => Date.now() };
 * twitter({ store, ...settings });
 * ```
 */
export type TwitterSettings = Omit<OAuth1Settings, 'signatureMethod' | 'provider' | 'placement'> & {
  signatureMethod?: 'HMAC-SHA1';
  placement?: 'header';
};

/**
 * Options of {@link twitter}: the app's consumer key and secret (X calls them API key and
 * secret) and the user's access token and secret, or a `{ store, profile }`.
 *
 * @example
 * ```ts
 * const options: TwitterOptions = { consumerKey, consumerSecret, token, tokenSecret };
 * twitter(options);
 * ```
 */
export type TwitterOptions = TwitterSettings &
  ({ consumerKey: string; consumerSecret: string; token?: string; tokenSecret?: string } | StoreOptions);

/**
 * The X (Twitter) preset of {@link oauth1}: OAuth 1.0a user context as the v1.1 API (and the
 * v2 endpoints that accept it) wants it: HMAC-SHA1, `Authorization` header, `oauth_version=1.0`,
 * credentials under `twitter/<profile>`. Form fields are signed; JSON bodies (v2) are not, as X
 * specifies. X's own error codes 32 (could not authenticate), 89 (invalid or expired token) and
 * 135 (timestamp out of bounds) become {@link OAuth1ProblemError}s like other providers'
 * `oauth_problem`s; on 135 the clock is corrected from `Date` and the call re-signed once. It
 * reproduces X's "Creating a signature" example byte for byte.
 *
 * @example
 * ```ts
 * import axios from 'axios';
 * import { withAuth } from '@authplug/axios';
 * import { TWITTER, twitter } from '@authplug/oauth1';
 *
 * const api = withAuth(axios.create({ baseURL: TWITTER.apiBaseUrl }), twitter({ store, profile: 'me' }));
 * await api.post('statuses/update.json', new URLSearchParams({ status: 'Hello' }));
 * ```
 */
export function twitter(options: TwitterOptions): OAuth1Strategy {
  onlyValue(options, 'signatureMethod', 'HMAC-SHA1', 'X');
  onlyValue(options, 'placement', 'header', 'X');
  const settings = resolveSettings({
    ...options,
    signatureMethod: 'HMAC-SHA1',
    placement: 'header',
    provider: 'twitter',
  });
  const strategy = createStrategy(settings, oauth1Credentials(options, 'twitter', 'HMAC-SHA1'));
  const generic = strategy.inspect!;
  // X reports OAuth failures as its own error codes, not `oauth_problem`: read those first, so
  // a stale clock is corrected (and a bad signature typed) as with any other provider.
  strategy.inspect = async (response, request, context) => {
    const problem = response.status === 401 ? X_PROBLEMS[await xErrorCode(response)] : undefined;
    if (!problem) return generic.call(strategy, response, request, context);
    if (
      problem.problem === 'timestamp_refused' &&
      context.attempt === 0 &&
      learn(settings.clock, response, {})
    ) {
      return RETRY;
    }
    throw new OAuth1ProblemError('twitter', response.status, problem);
  };
  return strategy;
}

/** X's v1.1 error codes that are OAuth problems, in the OAuth problem vocabulary. */
const X_PROBLEMS: Readonly<Record<number, { problem: string; advice: string }>> = {
  32: { problem: 'signature_invalid', advice: 'X error 32: Could not authenticate you.' },
  89: { problem: 'token_rejected', advice: 'X error 89: Invalid or expired token.' },
  135: { problem: 'timestamp_refused', advice: 'X error 135: Timestamp out of bounds.' },
};

/** The first code of an X error body (`{"errors":[{"code":135,"message":"…"}]}`), or -1. */
async function xErrorCode(response: AuthResponse): Promise<number> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    return -1;
  }
  if (!text.trimStart().startsWith('{')) return -1;
  try {
    const code = (JSON.parse(text) as { errors?: { code?: unknown }[] }).errors?.[0]?.code;
    return typeof code === 'number' ? code : -1;
  } catch {
    return -1;
  }
}

/**
 * The access an app asks for (`x_auth_access_type`), at most what its settings allow.
 *
 * @example
 * ```ts
 * twitterFlow({ store, callback, accessType: 'read' });
 * ```
 */
export type TwitterAccessType = 'read' | 'write';

/**
 * Options of {@link twitterFlow}.
 *
 * @example
 * ```ts
 * const options: TwitterFlowOptions = { consumerKey, consumerSecret, store, callback: 'oob', accessType: 'read' };
 * twitterFlow(options);
 * ```
 */
export type TwitterFlowOptions = Omit<
  OAuth1FlowOptions,
  | 'signatureMethod'
  | 'placement'
  | 'provider'
  | 'requestTokenUrl'
  | 'authorizeUrl'
  | 'accessTokenUrl'
  | 'extraParams'
  | 'privateKey'
  | 'tokenMethod'
> & {
  signatureMethod?: 'HMAC-SHA1';
  placement?: 'header';
  /** `x_auth_access_type`; without it the app's own permission setting applies. */
  accessType?: TwitterAccessType;
  /** Send the user to `oauth/authenticate` ("Sign in with X") instead of `oauth/authorize`. */
  signIn?: boolean;
  /** `force_login=true`: the user must sign in again even with a session. */
  forceLogin?: boolean;
  /** `screen_name`: prefills the sign-in form's user name. */
  screenName?: string;
  /** Default `https://api.twitter.com`; an emulator's URL in tests. */
  origin?: string;
};

/**
 * The X preset of {@link oauth1Flow}: `POST oauth/request_token` (with `x_auth_access_type`,
 * signed, from `accessType`), the user at `oauth/authorize` (or `oauth/authenticate` with
 * `signIn`), `POST oauth/access_token`. Saves the token under `twitter/<profile>` with X's
 * `user_id` and `screen_name` in `grant.params`; {@link twitter}`({ store, profile })` finds it.
 * A user who cancels comes back with `denied`, which `complete()` turns into
 * `AuthorizationDeniedError`.
 *
 * @example
 * ```ts
 * const flow = twitterFlow({ consumerKey, consumerSecret, store, callback: 'https://app.example/x/callback',
 *   accessType: 'read' });
 * const { url } = await flow.start();          // redirect the user there
 * const grant = await flow.complete(callbackParams(request.url));
 * grant.params.screen_name;
 * ```
 */
export function twitterFlow(options: TwitterFlowOptions): OAuth1Flow {
  onlyValue(options, 'signatureMethod', 'HMAC-SHA1', 'X');
  onlyValue(options, 'placement', 'header', 'X');
  const { accessType, signIn, forceLogin, screenName, origin, ...rest } = options;
  if (accessType !== undefined && accessType !== 'read' && accessType !== 'write') {
    throw new InvalidOptionError(PKG, 'accessType', 'must be "read" or "write".');
  }
  if (screenName !== undefined && (typeof screenName !== 'string' || screenName === '')) {
    throw new InvalidOptionError(PKG, 'screenName', 'must be a non-empty string.');
  }
  const endpoints = twitterEndpoints(origin);
  const authorizeParams: Record<string, string> = { ...options.authorizeParams };
  if (forceLogin) authorizeParams['force_login'] = 'true';
  if (screenName !== undefined) authorizeParams['screen_name'] = screenName;
  return oauth1Flow({
    ...rest,
    signatureMethod: 'HMAC-SHA1',
    placement: 'header',
    provider: 'twitter',
    requestTokenUrl: endpoints.requestTokenUrl,
    authorizeUrl: signIn ? endpoints.authenticateUrl : endpoints.authorizeUrl,
    accessTokenUrl: endpoints.accessTokenUrl,
    extraParams: accessType ? { x_auth_access_type: accessType } : undefined,
    authorizeParams,
  });
}
