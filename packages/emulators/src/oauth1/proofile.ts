import type { EmulatorMountOptions } from '../emulator.ts';
import {
  type OAuth1AccessToken,
  type OAuth1Consumer,
  PROOFILE_PING_TOKEN,
  PROOFILE_TEST_CONSUMER,
  PROOFILE_TEST_TOKEN,
  PROOFILE_TEST_USER,
} from './accounts.ts';
import { type OAuth1ProviderEmulator, oauth1ProviderEmulator } from './provider.ts';
import type { OAuth1Method } from './verify.ts';

/**
 * Options of {@link proofileEmulator}.
 *
 * @example
 * ```ts
 * proofileEmulator({ now: () => Date.now() + 3_600_000 }); // a server an hour ahead
 * ```
 */
export interface ProofileEmulatorOptions extends EmulatorMountOptions {
  /** Default {@link PROOFILE_TEST_CONSUMER}. */
  readonly consumers?: readonly OAuth1Consumer[];
  /** Default {@link PROOFILE_TEST_TOKEN} and {@link PROOFILE_PING_TOKEN}. */
  readonly tokens?: readonly OAuth1AccessToken[];
  /** Proofile accepts HMAC-SHA1 only (the default); widen to test the other methods. */
  readonly signatureMethods?: readonly OAuth1Method[];
  /** The emulator's clock (ms), to emulate a server whose time differs from the client's. */
  readonly now?: () => number;
  readonly timestampWindow?: number;
  readonly requestTokenTtl?: number;
  readonly accessTokenTtl?: number;
  /** False emulates a provider that never confirms the callback (OAuth 1.0). */
  readonly callbackConfirmed?: boolean;
}

const RIGHTS = ['read_connection', 'write_connection', 'read_profile', 'write_profile'] as const;

/**
 * Proofile (OAuth 1.0a, `http://api.proofile.org`) emulated: `/oauth/request_token` (with
 * `required_access`), `/oauth/authorize` (Approve/Deny), `/oauth/access_token`, and signed API
 * calls under `/oauth/`: `ping` (no right needed, two-legged allowed),
 * `userid/{id}/profile` (GET read_profile, POST write_profile),
 * `userid/{id}/avatar/available` (read_profile) and `userid/{id}/connections`
 * (GET read_connection, POST write_connection). Data carries `export_u` / `export_m`.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { mswHandlers } from '@authplug/emulators/msw';
 * const server = setupServer(...mswHandlers(proofileEmulator()));
 * ```
 */
export function proofileEmulator(options: ProofileEmulatorOptions = {}): OAuth1ProviderEmulator {
  const user = PROOFILE_TEST_USER;
  const profile: Record<string, string | number> = {
    userid: user.userId,
    nickname: user.nickname,
    fullname: user.fullname,
    export_u: 2,
    export_m: 1,
  };
  const connections = [
    { userid: '4712', nickname: 'friendly', export_u: 1, export_m: 0 },
    { userid: '4713', nickname: 'public', export_u: 3, export_m: 1 },
  ];
  return oauth1ProviderEmulator({
    ...options,
    name: 'proofile',
    origins: ['http://api.proofile.org'],
    pathPrefix: '/oauth',
    consumers: options.consumers ?? [PROOFILE_TEST_CONSUMER],
    tokens: options.tokens ?? [PROOFILE_TEST_TOKEN, PROOFILE_PING_TOKEN],
    signatureMethods: options.signatureMethods ?? ['HMAC-SHA1'],
    rights: RIGHTS,
    userId: user.userId,
    routes(app, oauth) {
      app.on(['GET', 'POST'], '/oauth/ping', async (c) => {
        const caller = await oauth.authenticate(c);
        if (caller instanceof Response) return caller;
        return c.json({
          ping: 'pong',
          method: c.req.method,
          userid: caller.token?.userId ?? null,
          params: caller.params,
        });
      });
      app.get('/oauth/userid/:id/profile', async (c) => {
        const caller = await oauth.authenticate(c, ['read_profile']);
        if (caller instanceof Response) return caller;
        if (c.req.param('id') !== user.userId) return c.json({ error: 'unknown user' }, 404);
        return c.json(profile);
      });
      app.post('/oauth/userid/:id/profile', async (c) => {
        const caller = await oauth.authenticate(c, ['write_profile']);
        if (caller instanceof Response) return caller;
        for (const [k, v] of caller.params) if (k === 'nickname' || k === 'fullname') profile[k] = v;
        return c.json(profile);
      });
      app.get('/oauth/userid/:id/avatar/available', async (c) => {
        const caller = await oauth.authenticate(c, ['read_profile']);
        if (caller instanceof Response) return caller;
        return c.json({ userid: c.req.param('id'), available: true, export_u: 3, export_m: 1 });
      });
      app.get('/oauth/userid/:id/connections', async (c) => {
        const caller = await oauth.authenticate(c, ['read_connection']);
        if (caller instanceof Response) return caller;
        return c.json({ userid: c.req.param('id'), connections });
      });
      app.post('/oauth/userid/:id/connections', async (c) => {
        const caller = await oauth.authenticate(c, ['write_connection']);
        if (caller instanceof Response) return caller;
        const added = caller.params.filter(([k]) => k === 'userid').map(([, v]) => v);
        return c.json({ userid: c.req.param('id'), added });
      });
    },
  });
}
