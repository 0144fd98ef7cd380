import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { type Emulator, type EmulatorMountOptions, normalizeBasePath } from '../emulator.ts';
import { escapeHtml, message, page } from '../html.ts';
import { requestParams, safeEqual } from '../params.ts';
import { LASTFM_TEST_APP, LASTFM_TEST_USER, type LastfmTestApp } from './keys.ts';

/**
 * A Last.fm emulator, with the applications it accepts and what it has handed out.
 *
 * @example
 * ```ts
 * const emulator: LastfmEmulator = lastfmEmulator();
 * emulator.sessions(); // session keys issued so far
 * ```
 */
export interface LastfmEmulator extends Emulator {
  readonly apps: readonly LastfmTestApp[];
  /** Session keys issued by auth.getSession, with the user each belongs to. */
  sessions(): { key: string; user: string }[];
}

/**
 * Options of {@link lastfmEmulator}.
 *
 * @example
 * ```ts
 * const options: LastfmEmulatorOptions = { apps: [LASTFM_TEST_APP], user: 'rj', basePath: '/lastfm' };
 * ```
 */
export interface LastfmEmulatorOptions extends EmulatorMountOptions {
  readonly apps?: readonly LastfmTestApp[];
  /** Who approves on the authorize page (default {@link LASTFM_TEST_USER}). */
  readonly user?: string;
}

// Last.fm's documented error codes for what the emulator checks.
const ERRORS = {
  invalidMethod: [3, 'Invalid Method - No method with that name in this package'],
  authFailed: [4, 'Authentication Failed - You do not have permissions to access the service'],
  invalidParameters: [6, 'Invalid parameters - Your request is missing a required parameter'],
  invalidSession: [9, 'Invalid session key - Please re-authenticate'],
  invalidApiKey: [10, 'Invalid API key - You must be granted a valid key by last.fm'],
  invalidSignature: [13, 'Invalid method signature supplied'],
  unauthorizedToken: [14, 'Unauthorized Token - This token has not been authorized'],
  expiredToken: [15, 'Token has expired'],
} as const satisfies Record<string, readonly [number, string]>;

// Methods that write or need a user: Last.fm wants them signed, as POSTs, with `sk`.
const WRITE = new Set(['track.love', 'track.unlove', 'track.scrobble', 'track.updateNowPlaying']);

/**
 * Emulates Last.fm's API 2.0 authentication at `…/2.0/` and its authorization page at
 * `…/api/auth/`. Every signed call is checked independently of `@authplug/core`: `api_sig` must
 * equal md5 of the parameters (all but `format`, `callback` and `api_sig`), sorted by name,
 * each as name + value, followed by the secret. auth.* and write methods must be signed; write
 * methods need a POST and a session key. Errors come back as Last.fm's `{ error, message }`
 * JSON (with `format=json`) or `<lfm status="failed">` XML.
 *
 * @example
 * ```ts
 * const emulator = lastfmEmulator();
 * const server = await serveFetch(emulator.fetch); // `${server.url}/2.0/?method=…`
 * ```
 */
export function lastfmEmulator(options: LastfmEmulatorOptions = {}): LastfmEmulator {
  const apps = options.apps ?? [LASTFM_TEST_APP];
  const user = options.user ?? LASTFM_TEST_USER;
  const basePath = normalizeBasePath(options.basePath);
  const tokens = new Map<string, { apiKey: string; user?: string; used?: boolean }>();
  const sessions = new Map<string, { apiKey: string; user: string }>();
  const root = new Hono();
  const app = basePath ? root.basePath(basePath) : root;

  app.all('/2.0/', async (c) => {
    const params = await requestParams(c.req.raw);
    const one = (name: string) => params.find(([k]) => k === name)?.[1];
    const json = one('format') === 'json';
    const fail = ([code, text]: readonly [number, string], status = 403) =>
      json
        ? c.json({ error: code, message: text }, status as 403)
        : c.body(
            `<?xml version="1.0" encoding="utf-8"?>\n<lfm status="failed"><error code="${code}">${escapeHtml(text)}</error></lfm>`,
            status as 403,
            { 'content-type': 'text/xml; charset=utf-8' },
          );
    const ok = (body: Record<string, unknown>) =>
      json
        ? c.json(body)
        : c.body(`<?xml version="1.0" encoding="utf-8"?>\n<lfm status="ok">${xml(body)}</lfm>`, 200, {
            'content-type': 'text/xml; charset=utf-8',
          });

    const method = one('method');
    const application = apps.find((a) => a.apiKey === one('api_key'));
    if (!application) return fail(ERRORS.invalidApiKey);
    if (!method) return fail(ERRORS.invalidParameters, 400);
    const sig = one('api_sig');
    const mustSign = method.startsWith('auth.') || WRITE.has(method);
    if (sig === undefined && mustSign) return fail(ERRORS.invalidSignature);
    if (sig !== undefined && !safeEqual(apiSig(params, application.secret), sig)) {
      return fail(ERRORS.invalidSignature);
    }

    switch (method) {
      case 'auth.getToken': {
        const token = randomBytes(16).toString('hex');
        tokens.set(token, { apiKey: application.apiKey });
        return ok({ token });
      }
      case 'auth.getSession': {
        const entry = tokens.get(one('token') ?? '');
        if (!entry || entry.apiKey !== application.apiKey || entry.used) return fail(ERRORS.expiredToken);
        if (!entry.user) return fail(ERRORS.unauthorizedToken);
        entry.used = true;
        const key = randomBytes(16).toString('hex');
        sessions.set(key, { apiKey: application.apiKey, user: entry.user });
        return ok({ session: { name: entry.user, key, subscriber: 0 } });
      }
      case 'user.getInfo': {
        const session = sessions.get(one('sk') ?? '');
        const name = one('user') ?? session?.user;
        if (!name) return fail(ERRORS.invalidParameters, 400);
        return ok({ user: { name, signed: sig !== undefined } });
      }
      default: {
        if (!WRITE.has(method)) return fail(ERRORS.invalidMethod, 400);
        if (c.req.method !== 'POST') return fail(ERRORS.authFailed);
        const session = sessions.get(one('sk') ?? '');
        if (!session || session.apiKey !== application.apiKey) return fail(ERRORS.invalidSession);
        return ok({});
      }
    }
  });

  // The authorize page: desktop apps send `token` (from auth.getToken); web apps send `cb` and
  // get the token back on their callback.
  app.get('/api/auth/', (c) => {
    const apiKey = c.req.query('api_key') ?? '';
    const application = apps.find((a) => a.apiKey === apiKey);
    if (!application) return message('Invalid API key', 'No application has this api_key.', 400);
    const token = c.req.query('token');
    const cb = c.req.query('cb');
    if (token !== undefined && tokens.get(token)?.apiKey !== apiKey) {
      return message('Invalid token', 'This token is unknown or expired.', 400);
    }
    if (token === undefined && cb === undefined) return message('Invalid request', 'Send token or cb.', 400);
    const hidden = (name: string, value: string | undefined) =>
      value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}"/>`;
    return page(
      'Connect application',
      `<p>Signed in as <b>${escapeHtml(user)}</b>. <b>${escapeHtml(application.name)}</b> wants to use your account.</p>` +
        `<form method="post" action="./">${hidden('api_key', apiKey)}${hidden('token', token)}${hidden('cb', cb)}` +
        '<button type="submit">Yes, allow access</button></form>',
    );
  });

  app.post('/api/auth/', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const apiKey = form.get('api_key') ?? '';
    let token = form.get('token') ?? undefined;
    if (token === undefined) {
      token = randomBytes(16).toString('hex');
      tokens.set(token, { apiKey });
    }
    const entry = tokens.get(token);
    if (!entry || entry.apiKey !== apiKey) return message('Invalid token', 'This token is unknown.', 400);
    entry.user = user;
    const cb = form.get('cb');
    if (cb) {
      const target = new URL(cb);
      target.searchParams.set('token', token);
      return c.redirect(target.toString(), 302);
    }
    return message('Application connected', 'You can close this page and return to the application.');
  });

  return {
    name: 'lastfm',
    origins: ['https://ws.audioscrobbler.com', 'https://www.last.fm'],
    basePath,
    apps,
    sessions: () => [...sessions].map(([key, s]) => ({ key, user: s.user })),
    fetch: async (request) => root.fetch(request),
  };
}

/** Last.fm's api_sig, computed here without @authplug/core. */
function apiSig(params: readonly [string, string][], secret: string): string {
  const signed = params
    .filter(([k]) => k !== 'api_sig' && k !== 'format' && k !== 'callback')
    .sort(
      ([a, x], [b, y]) =>
        Buffer.compare(Buffer.from(a), Buffer.from(b)) || Buffer.compare(Buffer.from(x), Buffer.from(y)),
    );
  return createHash('md5')
    .update(signed.map(([k, v]) => k + v).join('') + secret, 'utf8')
    .digest('hex');
}

function xml(value: unknown): string {
  if (typeof value !== 'object' || value === null) return escapeHtml(String(value));
  return Object.entries(value)
    .map(([k, v]) => `<${k}>${xml(v)}</${k}>`)
    .join('');
}
