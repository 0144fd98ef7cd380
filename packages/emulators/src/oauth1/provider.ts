import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { type Emulator, type EmulatorMountOptions, normalizeBasePath } from '../emulator.ts';
import { escapeHtml } from '../html.ts';
import { ALL_METHODS, type OAuth1AccessToken, type OAuth1Consumer } from './accounts.ts';
import { authorizationParams, baseString, bodyHash, checkSignature, type OAuth1Method } from './verify.ts';

/**
 * What a route handler learns from a verified request.
 *
 * @example
 * ```ts
 * const caller = await oauth.authenticate(c, ['read_profile']);
 * if (caller instanceof Response) return caller;
 * caller.token?.userId;
 * ```
 */
export interface OAuth1Caller {
  readonly consumer: OAuth1Consumer;
  /** Undefined for two-legged (consumer-only) calls. */
  readonly token: OAuth1AccessToken | undefined;
  /** The request's non-`oauth_*` parameters (query, then form body). */
  readonly params: readonly [string, string][];
}

/**
 * Hooks for provider-specific API routes.
 *
 * @example
 * ```ts
 * routes: (app, oauth) => app.get('/oauth/me', async (c) => {
 *   const caller = await oauth.authenticate(c);
 *   return caller instanceof Response ? caller : c.json({ user: caller.token?.userId });
 * }),
 * ```
 */
export interface OAuth1Routes {
  /**
   * Verifies the request as a signed API call. Answers the 401/403 problem response itself and
   * returns it, or returns the caller. `rights` must all be granted to the token; with no rights
   * needed, two-legged calls are accepted.
   */
  authenticate(c: Context, rights?: readonly string[]): Promise<OAuth1Caller | Response>;
}

/**
 * Configuration of a generic OAuth 1.0a provider emulator.
 *
 * @example
 * ```ts
 * oauth1ProviderEmulator({ name: 'photos', origins: ['https://photos.example.net'], consumers, timestampWindow: 60 });
 * ```
 */
export interface OAuth1EmulatorOptions extends EmulatorMountOptions {
  readonly name: string;
  /** The provider's real origins (msw answers for these). */
  readonly origins: readonly string[];
  /** Path of the OAuth endpoints and signed API calls, default `/oauth`. */
  readonly pathPrefix?: string;
  readonly consumers: readonly OAuth1Consumer[];
  /** Seeded access tokens. */
  readonly tokens?: readonly OAuth1AccessToken[];
  /** Default all four. */
  readonly signatureMethods?: readonly OAuth1Method[];
  /** Rights a user can grant (named by `rightsParam`); none = no rights model. */
  readonly rights?: readonly string[];
  /**
   * The parameter naming the rights an application asks for, and where it goes: signed on the
   * request-token call (default `required_access`, Proofile; `x_auth_access_type`, X) or in the
   * authorize page's query (`perms`, Flickr). Several values may be space-separated.
   */
  readonly rightsParam?: { readonly name: string; readonly at: 'request_token' | 'authorize' };
  /**
   * The `realm` every signed request must carry in its `Authorization` header (NetSuite wants the
   * account id); default: not checked, as RFC 5849 leaves it to the provider.
   */
  readonly realm?: string;
  /** What the access-token answer carries besides the token; default `{ userid }`. */
  readonly grantParams?: Readonly<Record<string, string>>;
  /** The user who approves on the authorize page. */
  readonly userId?: string;
  /** Accepted timestamp distance from the emulator clock, seconds. Default 300. */
  readonly timestampWindow?: number;
  /** Request-token lifetime, seconds. Default 600. */
  readonly requestTokenTtl?: number;
  /** Access-token lifetime, seconds; default unlimited. */
  readonly accessTokenTtl?: number;
  /** Answer `oauth_callback_confirmed=true` (default) — false emulates an OAuth 1.0 provider. */
  readonly callbackConfirmed?: boolean;
  /** The emulator's clock, ms since the epoch (default `Date.now`). */
  readonly now?: () => number;
  /** Registers the provider's API routes (paths as on the real host; `app` already carries `basePath`). */
  readonly routes?: (app: Hono, oauth: OAuth1Routes) => void;
}

/**
 * A running generic OAuth 1.0a provider emulator.
 *
 * @example
 * ```ts
 * const emulator = proofileEmulator();
 * emulator.revoke(PROOFILE_TEST_TOKEN.token);
 * emulator.stats['signature_invalid']; // how many were refused so
 * ```
 */
export interface OAuth1ProviderEmulator extends Emulator {
  /** Issues an access token directly (skipping the flow), e.g. for client tests. */
  issueToken(
    token: Omit<OAuth1AccessToken, 'token' | 'tokenSecret'> & Partial<OAuth1AccessToken>,
  ): OAuth1AccessToken;
  /** Revokes an access token (the user withdrew the authorization). */
  revoke(token: string): boolean;
  /** Counts of requests answered by problem (`signature_invalid`, …) and `ok`, for assertions. */
  readonly stats: Readonly<Record<string, number>>;
}

interface RequestTokenState {
  token: string;
  secret: string;
  consumerKey: string;
  callback: string;
  required: readonly string[] | undefined;
  createdAt: number;
  state: 'pending' | 'authorized' | 'denied' | 'used';
  verifier?: string;
  rights?: readonly string[];
}

const random = (bytes = 12): string => randomBytes(bytes).toString('hex');
const html = (title: string, body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/**
 * A generic OAuth 1.0a (RFC 5849) service provider: `request_token`, an authorize page with
 * Approve/Deny forms, `access_token`, and signed API routes. It verifies HMAC-SHA1,
 * HMAC-SHA256, PLAINTEXT and RSA-SHA1 signatures (node:crypto), the timestamp window, nonce
 * replay, `oauth_body_hash`, token state and rights, and answers problems like real providers:
 * 401 with `WWW-Authenticate: OAuth realm="…", oauth_problem="…"` and a form-encoded body.
 *
 * @example
 * ```ts
 * const emulator = oauth1ProviderEmulator({
 *   name: 'photos', origins: ['https://photos.example.net'], consumers: [{ consumerKey: 'k', consumerSecret: 's' }],
 *   routes: (app, oauth) => app.get('/oauth/photos', async (c) => {
 *     const caller = await oauth.authenticate(c);
 *     return caller instanceof Response ? caller : c.json({ ok: true });
 *   }),
 * });
 * ```
 */
export function oauth1ProviderEmulator(options: OAuth1EmulatorOptions): OAuth1ProviderEmulator {
  const prefix = (options.pathPrefix ?? '/oauth').replace(/\/$/, '');
  const now = options.now ?? Date.now;
  const methods = options.signatureMethods ?? ALL_METHODS;
  const window = options.timestampWindow ?? 300;
  const requestTtl = (options.requestTokenTtl ?? 600) * 1000;
  const knownRights = options.rights;
  const userId = options.userId ?? '1';
  const realm = options.realm ?? options.origins[0] ?? options.name;
  const rightsParam = options.rightsParam ?? { name: 'required_access', at: 'request_token' };
  const consumers = new Map(options.consumers.map((c) => [c.consumerKey, c]));
  const accessTokens = new Map<string, OAuth1AccessToken & { revoked?: boolean }>(
    (options.tokens ?? []).map((t) => [t.token, { ...t }]),
  );
  const requestTokens = new Map<string, RequestTokenState>();
  const nonces = new Map<string, number>();
  const stats: Record<string, number> = {};
  const count = (what: string) => {
    stats[what] = (stats[what] ?? 0) + 1;
  };

  function problem(
    status: number,
    name: string,
    advice: string,
    extra: Record<string, string> = {},
  ): Response {
    count(name);
    const body = new URLSearchParams({ oauth_problem: name, oauth_problem_advice: advice, ...extra });
    const header = `OAuth realm="${realm}", oauth_problem="${name}"${
      extra['oauth_acceptable_timestamps']
        ? `, oauth_acceptable_timestamps="${extra['oauth_acceptable_timestamps']}"`
        : ''
    }`;
    return new Response(body.toString().replaceAll('+', '%20'), {
      status,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'www-authenticate': header },
    });
  }

  type Verified = {
    consumer: OAuth1Consumer;
    tokenValue: string | undefined;
    oauth: Map<string, string>;
    params: [string, string][];
  };

  /** Signature, timestamp, nonce and body-hash checks; `secretOf` finds the token secret. */
  async function verifyRequest(
    request: Request,
    secretOf: (token: string) => string | Response,
  ): Promise<Verified | Response> {
    const url = new URL(request.url);
    const query = [...url.searchParams];
    const type = (request.headers.get('content-type') ?? '').toLowerCase();
    const isForm =
      request.method !== 'GET' &&
      request.method !== 'HEAD' &&
      type.includes('application/x-www-form-urlencoded');
    const raw = new Uint8Array(await request.clone().arrayBuffer());
    const form = isForm ? [...new URLSearchParams(new TextDecoder().decode(raw))] : [];
    let header: [string, string][];
    try {
      header = authorizationParams(request.headers.get('authorization')) ?? [];
    } catch {
      // A malformed escape in the header: a provider refuses it rather than failing with a 500.
      return problem(400, 'parameter_rejected', 'the Authorization header holds a malformed percent-escape.');
    }
    const signed = [...query, ...form, ...header.filter(([k]) => k !== 'realm')];
    if (options.realm !== undefined && !header.some(([k, v]) => k === 'realm' && v === options.realm)) {
      return problem(
        401,
        'parameter_rejected',
        `The Authorization header must carry realm="${options.realm}".`,
      );
    }

    const oauth = new Map<string, string>();
    for (const [k, v] of signed) {
      if (!k.startsWith('oauth_')) continue;
      if (oauth.has(k)) return problem(400, 'parameter_rejected', `${k} was sent more than once.`);
      oauth.set(k, v);
    }
    const method = oauth.get('oauth_signature_method') as OAuth1Method | undefined;
    const absent = ['oauth_consumer_key', 'oauth_signature_method', 'oauth_signature'];
    if (method !== 'PLAINTEXT') absent.push('oauth_timestamp', 'oauth_nonce');
    const missing = absent.filter((k) => !oauth.has(k));
    if (missing.length) {
      return problem(400, 'parameter_absent', 'Required OAuth parameters are missing.', {
        oauth_parameters_absent: missing.join('&'),
      });
    }
    const version = oauth.get('oauth_version');
    if (version !== undefined && version !== '1.0')
      return problem(400, 'version_rejected', 'Only 1.0 is accepted.');
    if (!methods.includes(method!)) {
      return problem(400, 'signature_method_rejected', `Accepted: ${methods.join(', ')}.`);
    }
    const consumer = consumers.get(oauth.get('oauth_consumer_key')!);
    if (!consumer) return problem(401, 'consumer_key_unknown', 'No application has this consumer key.');
    const timestamp = oauth.get('oauth_timestamp');
    if (timestamp !== undefined || method !== 'PLAINTEXT') {
      const seconds = Math.floor(now() / 1000);
      if (!/^\d+$/.test(timestamp ?? '') || Math.abs(Number(timestamp) - seconds) > window) {
        return problem(401, 'timestamp_refused', 'The timestamp is outside the accepted window.', {
          oauth_acceptable_timestamps: `${seconds - window}-${seconds + window}`,
        });
      }
    }
    const tokenValue = oauth.get('oauth_token');
    let tokenSecret = '';
    if (tokenValue !== undefined) {
      const secret = secretOf(tokenValue);
      if (secret instanceof Response) return secret;
      tokenSecret = secret;
    }
    const base = baseString(
      request.method,
      request.url,
      signed.filter(([k]) => k !== 'oauth_signature'),
    );
    const ok = checkSignature(method!, base, oauth.get('oauth_signature')!, {
      consumerSecret: consumer.consumerSecret,
      tokenSecret,
      publicKey: consumer.publicKey,
    });
    if (!ok) {
      return problem(401, 'signature_invalid', 'The signature does not match.', {
        oauth_signature_base_string: base,
      });
    }
    const hash = oauth.get('oauth_body_hash');
    if (hash !== undefined) {
      if (isForm)
        return problem(400, 'parameter_rejected', 'oauth_body_hash is not allowed with form bodies.');
      if (hash !== bodyHash(method!, raw))
        return problem(401, 'signature_invalid', 'oauth_body_hash does not match the body.');
    }
    const nonce = oauth.get('oauth_nonce');
    if (nonce !== undefined) {
      const key = `${consumer.consumerKey}\n${tokenValue ?? ''}\n${timestamp}\n${nonce}`;
      const seconds = Math.floor(now() / 1000);
      for (const [k, at] of nonces) if (at < seconds - 2 * window) nonces.delete(k);
      if (nonces.has(key))
        return problem(401, 'nonce_used', 'This nonce was already used with this timestamp.');
      nonces.set(key, Number(timestamp));
    }
    return {
      consumer,
      tokenValue,
      oauth,
      params: [...query, ...form].filter(([k]) => !k.startsWith('oauth_')),
    };
  }

  function accessSecret(token: string): string | Response {
    const t = accessTokens.get(token);
    if (!t) return problem(401, 'token_rejected', 'Unknown access token.');
    if (t.revoked) return problem(401, 'token_revoked', 'The user revoked this token.');
    if (t.expiresAt !== undefined && t.expiresAt < now())
      return problem(401, 'token_expired', 'The access token expired.');
    return t.tokenSecret;
  }

  const oauthRoutes: OAuth1Routes = {
    async authenticate(c, rights = []) {
      const verified = await verifyRequest(c.req.raw, accessSecret);
      if (verified instanceof Response) return verified;
      const token = verified.tokenValue === undefined ? undefined : accessTokens.get(verified.tokenValue);
      if (token && token.consumerKey !== verified.consumer.consumerKey) {
        return problem(401, 'token_rejected', 'The token belongs to another application.');
      }
      if (rights.length) {
        if (!token)
          return problem(401, 'parameter_absent', 'This call needs an access token.', {
            oauth_parameters_absent: 'oauth_token',
          });
        const lacking = rights.filter((r) => !token.rights.includes(r));
        if (lacking.length) {
          return problem(403, 'additional_authorization_required', `The token lacks: ${lacking.join(' ')}.`, {
            oauth_acceptable_rights: lacking.join(' '),
          });
        }
      }
      count('ok');
      return { consumer: verified.consumer, token, params: verified.params };
    },
  };

  const basePath = normalizeBasePath(options.basePath);
  const root = new Hono();
  const app = basePath ? root.basePath(basePath) : root;

  app.on(['GET', 'POST'], `${prefix}/request_token`, async (c) => {
    const verified = await verifyRequest(c.req.raw, () =>
      problem(400, 'parameter_rejected', 'No token on request_token.'),
    );
    if (verified instanceof Response) return verified;
    const callback = verified.oauth.get('oauth_callback');
    if (!callback)
      return problem(400, 'parameter_absent', 'oauth_callback is required.', {
        oauth_parameters_absent: 'oauth_callback',
      });
    if (callback !== 'oob' && !URL.canParse(callback))
      return problem(400, 'parameter_rejected', 'oauth_callback must be an absolute URL or oob.');
    const access =
      rightsParam.at === 'request_token'
        ? verified.params.filter(([k]) => k === rightsParam.name).map(([, v]) => v)
        : [];
    const required = askedRights(access);
    if (required instanceof Response) return required;
    const state: RequestTokenState = {
      token: `rt-${random()}`,
      secret: random(16),
      consumerKey: verified.consumer.consumerKey,
      callback,
      required,
      createdAt: now(),
      state: 'pending',
    };
    requestTokens.set(state.token, state);
    count('ok');
    const body = new URLSearchParams({ oauth_token: state.token, oauth_token_secret: state.secret });
    if (options.callbackConfirmed !== false) body.set('oauth_callback_confirmed', 'true');
    return c.body(body.toString(), 200, { 'content-type': 'application/x-www-form-urlencoded' });
  });

  /** The rights asked for, validated; undefined when none were named (the user picks). */
  function askedRights(values: readonly string[]): string[] | undefined | Response {
    if (!values.length) return undefined;
    const asked = values.join(' ').split(/\s+/).filter(Boolean);
    const unknown = asked.filter((r) => !knownRights?.includes(r));
    if (unknown.length) return problem(400, 'permission_unknown', `Unknown rights: ${unknown.join(' ')}.`);
    return asked;
  }

  const pendingToken = (token: string | undefined): RequestTokenState | undefined => {
    const state = token ? requestTokens.get(token) : undefined;
    return state && state.state === 'pending' && state.createdAt + requestTtl >= now() ? state : undefined;
  };

  app.get(`${prefix}/authorize`, (c) => {
    const state = pendingToken(c.req.query('oauth_token'));
    if (!state)
      return c.html(html('Invalid request', '<p>This authorization request is unknown or expired.</p>'), 400);
    if (rightsParam.at === 'authorize') {
      const asked = askedRights(c.req.queries(rightsParam.name) ?? []);
      if (asked instanceof Response) return asked;
      state.required = asked;
    }
    const rights = state.required
      ? `<p>The application asks for: ${state.required.map((r) => `<b>${escapeHtml(r)}</b>`).join(', ')}</p>`
      : (knownRights ?? [])
          .map(
            (r) =>
              `<label><input type="checkbox" name="rights" value="${escapeHtml(r)}" checked> ${escapeHtml(r)}</label>`,
          )
          .join('<br>');
    const token = `<input type="hidden" name="oauth_token" value="${escapeHtml(state.token)}">`;
    return c.html(
      html(
        `Authorize ${escapeHtml(options.name)}`,
        `<h1>Authorize application</h1>` +
          `<form method="post" action="authorize">${token}` +
          `<input type="hidden" name="decision" value="approve">${rights}` +
          '<button type="submit">Approve</button></form>' +
          `<form method="post" action="authorize">${token}` +
          '<input type="hidden" name="decision" value="deny"><button type="submit">Deny</button></form>',
      ),
    );
  });

  app.post(`${prefix}/authorize`, async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const state = pendingToken(form.get('oauth_token') ?? undefined);
    if (!state)
      return c.html(html('Invalid request', '<p>This authorization request is unknown or expired.</p>'), 400);
    const oob = state.callback === 'oob';
    const back = (extra: Record<string, string>) => {
      const target = new URL(state.callback);
      for (const [k, v] of Object.entries(extra)) target.searchParams.append(k, v);
      return c.redirect(target.toString(), 302);
    };
    if (form.get('decision') !== 'approve') {
      state.state = 'denied';
      return oob
        ? c.html(html('Denied', '<p>You denied the application access.</p>'))
        : back({ oauth_token: state.token, denied: state.token });
    }
    state.state = 'authorized';
    state.verifier = random(8);
    state.rights = state.required ?? form.getAll('rights').filter((r) => knownRights?.includes(r));
    return oob
      ? c.html(html('Approved', `<p>Your verifier: <code id="oauth_verifier">${state.verifier}</code></p>`))
      : back({ oauth_token: state.token, oauth_verifier: state.verifier });
  });

  app.on(['GET', 'POST'], `${prefix}/access_token`, async (c) => {
    let state: RequestTokenState | undefined;
    const verified = await verifyRequest(c.req.raw, (token) => {
      state = requestTokens.get(token);
      if (!state) return problem(401, 'token_rejected', 'Unknown request token.');
      return state.secret;
    });
    if (verified instanceof Response) return verified;
    if (!state || state.consumerKey !== verified.consumer.consumerKey) {
      return problem(401, 'token_rejected', 'This request token was not issued to this application.');
    }
    if (state.state === 'used')
      return problem(401, 'token_used', 'This request token was already exchanged.');
    if (state.state === 'denied')
      return problem(401, 'permission_denied', 'The user denied the authorization.');
    if (state.createdAt + requestTtl < now())
      return problem(401, 'token_expired', 'The request token expired.');
    if (state.state !== 'authorized')
      return problem(401, 'permission_unknown', 'The user has not authorized this token yet.');
    if (verified.oauth.get('oauth_verifier') !== state.verifier) {
      return problem(401, 'verifier_invalid', 'oauth_verifier does not match.');
    }
    state.state = 'used';
    const issued = api.issueToken({ consumerKey: state.consumerKey, rights: state.rights ?? [], userId });
    count('ok');
    const body = new URLSearchParams({
      oauth_token: issued.token,
      oauth_token_secret: issued.tokenSecret,
      ...(options.grantParams ?? { userid: userId }),
    });
    return c.body(body.toString(), 200, { 'content-type': 'application/x-www-form-urlencoded' });
  });

  options.routes?.(app, oauthRoutes);
  root.notFound((c) => c.json({ error: 'not_found', path: new URL(c.req.url).pathname }, 404));

  const api: OAuth1ProviderEmulator = {
    name: options.name,
    origins: options.origins,
    basePath,
    stats,
    issueToken(token) {
      const issued: OAuth1AccessToken = {
        token: token.token ?? `at-${random()}`,
        tokenSecret: token.tokenSecret ?? random(16),
        consumerKey: token.consumerKey,
        rights: [...token.rights],
        userId: token.userId,
        ...(token.expiresAt !== undefined
          ? { expiresAt: token.expiresAt }
          : options.accessTokenTtl !== undefined
            ? { expiresAt: now() + options.accessTokenTtl * 1000 }
            : {}),
      };
      accessTokens.set(issued.token, { ...issued });
      return issued;
    },
    revoke(token) {
      const t = accessTokens.get(token);
      if (!t) return false;
      t.revoked = true;
      return true;
    },
    async fetch(request) {
      const response = await root.fetch(request);
      const out = new Response(response.body, response);
      out.headers.set('date', new Date(now()).toUTCString());
      return out;
    },
  };
  return api;
}
