import {
  type AuthRequest,
  type AuthResponse,
  appendQuery,
  InvalidOptionError,
  MissingOptionError,
  type Param,
  parseParams,
  requireString,
  serializeParams,
} from '@authplug/core';
import {
  type CredentialStore,
  type CredentialValue,
  credentialKey,
  credentialSource,
} from '@authplug/credentials';
import {
  AuthorizationDeniedError,
  CallbackNotConfirmedError,
  OAuth1ProblemError,
  type OAuthProblem,
  RequestTokenExpiredError,
  TokenEndpointError,
  UnknownRequestTokenError,
} from './errors.ts';
import { credentialFields, learn, type OAuth1Settings, resolveSettings } from './oauth1.ts';
import { readProblem } from './problem.ts';
import type { OAuth1Credentials } from './signer.ts';

const PKG = '@authplug/oauth1';

/**
 * Options of {@link oauth1Flow}. Consumer credentials as options, or already in the store.
 *
 * @example
 * ```ts
 * const options: OAuth1FlowOptions = {
 *   consumerKey, consumerSecret, store, callback: 'oob',
 *   requestTokenUrl: 'https://photos.example.net/initiate',
 *   authorizeUrl: 'https://photos.example.net/authorize',
 *   accessTokenUrl: 'https://photos.example.net/token',
 * };
 * ```
 */
export interface OAuth1FlowOptions extends OAuth1Settings {
  /** Read from the store (`<provider>/<profile>`) when absent. */
  consumerKey?: string;
  consumerSecret?: string;
  /** For RSA-SHA1. */
  privateKey?: string;
  requestTokenUrl: string;
  authorizeUrl: string;
  accessTokenUrl: string;
  /** Where the provider sends the user back, or `'oob'` (the user copies a verifier). */
  callback: string;
  /**
   * HTTP method of the request-token and access-token calls. Default `POST` (RFC 5849); `GET`
   * sends `extraParams` in the query instead of a form body (Flickr documents GET).
   */
  tokenMethod?: 'GET' | 'POST';
  /** Extra request-token parameters, sent in the form body (the query for GET) and signed (e.g. `required_access`). */
  extraParams?: Readonly<Record<string, string>> | readonly Param[];
  /** Extra query parameters for the authorization URL. */
  authorizeParams?: Readonly<Record<string, string>>;
  /** Where the grant is saved, under `<provider>/<profile>`. */
  store: CredentialStore;
  /** Default `default`. */
  profile?: string;
  /** Default the global `fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/**
 * A temporary credential (RFC 5849 2.1). Keep `secret` server-side until `complete()`.
 *
 * @example
 * ```ts
 * const { requestToken } = await flow.start();
 * await session.save({ secret: requestToken.secret }); // for complete() in another process
 * ```
 */
export interface RequestToken {
  readonly token: string;
  readonly secret: string;
}

/**
 * What `complete()` saved: the token credentials and any other parameters the provider returned.
 *
 * @example
 * ```ts
 * const grant: OAuth1Grant = await flow.complete({ oauthToken, oauthVerifier });
 * grant.params.userid;
 * ```
 */
export interface OAuth1Grant {
  readonly token: string;
  readonly tokenSecret: string;
  /** ISO 8601, from the flow's clock. */
  readonly obtainedAt: string;
  /** Other response parameters (e.g. a user id), as strings. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The parameters the provider's callback carried (see {@link callbackParams}).
 *
 * @example
 * ```ts
 * const input: CallbackInput = { oauthToken: 'rt', oauthVerifier: 'v', requestTokenSecret: saved };
 * await flow.complete(input);
 * ```
 */
export interface CallbackInput {
  oauthToken: string;
  oauthVerifier?: string | undefined;
  /** Needed when `complete()` runs in another process than `start()`. */
  requestTokenSecret?: string | undefined;
  /** Set by providers that report a denial on the callback (`denied=<token>`). */
  denied?: string | undefined;
}

/** The two steps of the OAuth 1.0a authorization. */
export interface OAuth1Flow {
  /** Gets a request token (checks `oauth_callback_confirmed`) and builds the authorization URL. */
  start(): Promise<{ url: string; requestToken: RequestToken }>;
  /** Exchanges the authorized request token for the access token, saves and returns the grant. */
  complete(input: CallbackInput): Promise<OAuth1Grant>;
}

/**
 * Reads `oauth_token`, `oauth_verifier` and `denied` from a callback URL or its query.
 *
 * @example
 * ```ts
 * const grant = await flow.complete(callbackParams(request.url));
 * ```
 */
export function callbackParams(url: string | URL | URLSearchParams): CallbackInput {
  let query: URLSearchParams;
  if (url instanceof URLSearchParams) query = url;
  else {
    const text = String(url).split('#')[0]!;
    const q = text.indexOf('?');
    query = new URLSearchParams(q === -1 ? text : text.slice(q + 1));
  }
  return {
    oauthToken: query.get('oauth_token') ?? '',
    oauthVerifier: query.get('oauth_verifier') ?? undefined,
    denied: query.get('denied') ?? undefined,
  };
}

const NO_HEADERS = { get: () => undefined };

/**
 * The OAuth 1.0a three-legged flow (RFC 5849 2): `start()` gets a request token and the URL to
 * send the user to; `complete()` exchanges the authorized token for the access token and saves
 * `{ token, tokenSecret, obtainedAt, … }` (and the consumer credentials given as options) under
 * `<provider>/<profile>` in the store, where {@link oauth1}`({ store, profile })` reads it.
 *
 * @example
 * ```ts
 * const flow = oauth1Flow({
 *   consumerKey, consumerSecret, store, profile: 'default', callback: 'oob',
 *   requestTokenUrl: 'https://photos.example.net/initiate',
 *   authorizeUrl: 'https://photos.example.net/authorize',
 *   accessTokenUrl: 'https://photos.example.net/token',
 * });
 * const { url } = await flow.start();
 * // … the user approves at `url` and reads the verifier …
 * await flow.complete({ oauthToken, oauthVerifier });
 * ```
 */
export function oauth1Flow(options: OAuth1FlowOptions): OAuth1Flow {
  const requestTokenUrl = requireString(PKG, options, 'requestTokenUrl');
  const authorizeUrl = requireString(PKG, options, 'authorizeUrl');
  const accessTokenUrl = requireString(PKG, options, 'accessTokenUrl');
  const callback = requireString(PKG, options, 'callback', "Pass your callback URL, or 'oob'.");
  const store = options.store;
  if (typeof store !== 'object' || store === null || typeof store.update !== 'function') {
    throw new MissingOptionError(PKG, 'store', 'The flow saves the grant in a credential store.');
  }
  const settings = resolveSettings(options);
  const { provider, clock, signer } = settings;
  const key = credentialKey(provider, options.profile);
  const fields = credentialFields(settings.method);
  const literal = options.consumerKey !== undefined;
  const given: Record<string, string> = {};
  if (literal) for (const field of fields.required) given[field] = requireString(PKG, options, field);
  const consumer = credentialSource<OAuth1Credentials & CredentialValue>(
    PKG,
    provider,
    literal ? given : { store, profile: options.profile },
    { required: fields.required },
  );
  const tokenMethod = options.tokenMethod ?? 'POST';
  if (tokenMethod !== 'GET' && tokenMethod !== 'POST') {
    throw new InvalidOptionError(PKG, 'tokenMethod', 'must be "GET" or "POST".');
  }
  if (tokenMethod === 'GET' && options.placement === 'form') {
    throw new InvalidOptionError(
      PKG,
      'placement',
      'cannot be "form" with tokenMethod "GET" (a GET has no body).',
    );
  }
  const extra = toParams(options.extraParams, 'extraParams');
  const authorizeParams = toParams(options.authorizeParams, 'authorizeParams');
  const doFetch = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  const pending = new Map<string, string>();

  async function call(
    endpoint: 'request_token' | 'access_token',
    url: string,
    credentials: OAuth1Credentials,
    oauth: readonly Param[],
    form: readonly Param[],
  ): Promise<Map<string, string>> {
    // A GET carries the extra parameters in its query, where the signer collects them too.
    const get = tokenMethod === 'GET';
    const target = get ? appendQuery(url, form) : url;
    for (let attempt = 0; ; attempt++) {
      const request: AuthRequest = {
        method: tokenMethod,
        url: target,
        headers: NO_HEADERS,
        body: !get && form.length ? { kind: 'form', fields: form } : { kind: 'none' },
      };
      const signature = await signer.sign(request, credentials, oauth);
      const fields = get ? [] : [...form, ...(signature.form ?? [])];
      const headers = new Headers(signature.headers);
      if (fields.length) headers.set('content-type', 'application/x-www-form-urlencoded');
      const response = await doFetch(appendQuery(target, signature.query ?? []), {
        method: tokenMethod,
        headers,
        body: fields.length ? serializeParams(fields) : null,
      });
      const text = await response.text();
      if (response.ok) {
        const params = new Map(parseParams(text.trim()));
        if (!params.get('oauth_token') || !params.has('oauth_token_secret')) {
          throw new TokenEndpointError(provider, endpoint, response.status);
        }
        return params;
      }
      const answer: AuthResponse = {
        status: response.status,
        headers: response.headers,
        text: async () => text,
      };
      const problem = await readProblem(answer);
      if (problem?.problem === 'timestamp_refused' && attempt === 0 && learn(clock, answer, problem))
        continue;
      if (problem) throw toError(endpoint, response.status, problem);
      throw new TokenEndpointError(provider, endpoint, response.status);
    }
  }

  function toError(endpoint: string, status: number, problem: OAuthProblem): Error {
    if (problem.problem === 'permission_denied' || problem.problem === 'user_refused') {
      return new AuthorizationDeniedError(provider, status, problem);
    }
    if (endpoint === 'access_token' && problem.problem.startsWith('token_')) {
      return new RequestTokenExpiredError(provider, status, problem);
    }
    return new OAuth1ProblemError(provider, status, problem);
  }

  return {
    async start() {
      const credentials = await consumer();
      const params = await call(
        'request_token',
        requestTokenUrl,
        { ...credentials, token: undefined, tokenSecret: undefined },
        [['oauth_callback', callback]],
        extra,
      );
      if (params.get('oauth_callback_confirmed') !== 'true') throw new CallbackNotConfirmedError(provider);
      const requestToken = { token: params.get('oauth_token')!, secret: params.get('oauth_token_secret')! };
      if (pending.size >= 1000) pending.delete(pending.keys().next().value!);
      pending.set(requestToken.token, requestToken.secret);
      return {
        url: appendQuery(authorizeUrl, [...authorizeParams, ['oauth_token', requestToken.token]]),
        requestToken,
      };
    },

    async complete(input) {
      if (input?.denied !== undefined) throw new AuthorizationDeniedError(provider);
      const oauthToken = requireString(PKG, input, 'oauthToken');
      const oauthVerifier = requireString(
        PKG,
        input,
        'oauthVerifier',
        'The provider puts it on the callback (or shows it, for oob).',
      );
      const secret = input.requestTokenSecret ?? pending.get(oauthToken);
      if (secret === undefined) throw new UnknownRequestTokenError();
      const credentials = await consumer();
      const params = await call(
        'access_token',
        accessTokenUrl,
        { ...credentials, token: oauthToken, tokenSecret: secret },
        [['oauth_verifier', oauthVerifier]],
        [],
      );
      pending.delete(oauthToken);
      const token = params.get('oauth_token')!;
      const tokenSecret = params.get('oauth_token_secret')!;
      params.delete('oauth_token');
      params.delete('oauth_token_secret');
      const grant: OAuth1Grant = {
        token,
        tokenSecret,
        obtainedAt: new Date(clock.now()).toISOString(),
        params: Object.fromEntries(params),
      };
      await store.update(key, (current) => ({ ...current, ...given, ...grant }));
      return grant;
    },
  };
}

function toParams(value: unknown, option: string): Param[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map((p) => [String(p[0]), String(p[1])] as Param);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([k, v]) => {
      if (typeof v !== 'string')
        throw new InvalidOptionError(PKG, option, `must map names to strings (\`${k}\` is not).`);
      return [k, v] as Param;
    });
  }
  throw new InvalidOptionError(PKG, option, 'must be an object of strings or a list of [name, value] pairs.');
}
