import {
  type OAuth1AccessToken,
  type OAuth1Caller,
  type OAuth1ProviderEmulator,
  type OAuth1Routes,
  oauth1ProviderEmulator,
} from '@authplug/emulators';

type Context = Parameters<OAuth1Routes['authenticate']>[0];

// X, Flickr and NetSuite as configurations of the generic OAuth 1.0a provider emulator (which
// verifies every signature with node:crypto and URLSearchParams alone), with a few API routes
// shaped like each provider's. Credentials are made up.

/** Rights ordered so that each includes the ones before it (X: write ⊃ read; Flickr: delete ⊃ write ⊃ read). */
function grants(ladder: readonly string[], token: OAuth1AccessToken | undefined, needed: string): boolean {
  if (!token) return false;
  const rank = ladder.indexOf(needed);
  return token.rights.some((r) => ladder.indexOf(r) >= rank);
}

function lacking(c: Context, needed: string): Response {
  const body = new URLSearchParams({
    oauth_problem: 'additional_authorization_required',
    oauth_acceptable_rights: needed,
  });
  return c.body(body.toString(), 403, {
    'content-type': 'application/x-www-form-urlencoded',
    'www-authenticate': 'OAuth oauth_problem="additional_authorization_required"',
  });
}

const echo = (caller: OAuth1Caller) => ({ params: caller.params, rights: caller.token?.rights ?? null });

export const X_CONSUMER = {
  consumerKey: 'x-test-consumer-5a1f',
  consumerSecret: 'x-test-consumer-secret-0c9d',
};
export const X_USER = { user_id: '6253282', screen_name: 'tess_tester' };
const X_LADDER = ['read', 'write'] as const;
export const X_WRITE_TOKEN: OAuth1AccessToken = {
  token: '6253282-x-test-token-write',
  tokenSecret: 'x-test-token-secret-write',
  consumerKey: X_CONSUMER.consumerKey,
  rights: ['write'],
  userId: X_USER.user_id,
};
export const X_READ_TOKEN: OAuth1AccessToken = {
  ...X_WRITE_TOKEN,
  token: '6253282-x-test-token-read',
  tokenSecret: 'x-test-token-secret-read',
  rights: ['read'],
};

/** How X reports the generic emulator's OAuth problems on API calls: its own codes in JSON. */
const X_ERRORS: Record<string, [number, string]> = {
  signature_invalid: [32, 'Could not authenticate you.'],
  consumer_key_unknown: [32, 'Could not authenticate you.'],
  nonce_used: [32, 'Could not authenticate you.'],
  token_rejected: [89, 'Invalid or expired token.'],
  token_revoked: [89, 'Invalid or expired token.'],
  token_expired: [89, 'Invalid or expired token.'],
  timestamp_refused: [135, 'Timestamp out of bounds.'],
};

async function asXError(response: Response): Promise<Response> {
  if (response.status !== 401) return response;
  const problem = new URLSearchParams(await response.clone().text()).get('oauth_problem') ?? '';
  const error = X_ERRORS[problem];
  if (!error) return response;
  return Response.json(
    { errors: [{ code: error[0], message: error[1] }] },
    { status: 401, headers: { date: response.headers.get('date') ?? new Date().toUTCString() } },
  );
}

/**
 * X at https://api.twitter.com: `x_auth_access_type` on the request token, `oauth/authenticate`,
 * v1.1 and a v2 route; API calls answer OAuth failures with X's error codes (32, 89, 135).
 */
export function xEmulator(options: { now?: () => number } = {}): OAuth1ProviderEmulator {
  const emulator = xProvider(options);
  return {
    ...emulator,
    async fetch(request) {
      const response = await emulator.fetch(request);
      return new URL(request.url).pathname.includes('/oauth/') ? response : asXError(response);
    },
  };
}

function xProvider(options: { now?: () => number }): OAuth1ProviderEmulator {
  return oauth1ProviderEmulator({
    ...options,
    name: 'x',
    origins: ['https://api.twitter.com'],
    pathPrefix: '/oauth',
    consumers: [X_CONSUMER],
    tokens: [X_WRITE_TOKEN, X_READ_TOKEN],
    signatureMethods: ['HMAC-SHA1'],
    rights: X_LADDER,
    rightsParam: { name: 'x_auth_access_type', at: 'request_token' },
    grantParams: X_USER,
    userId: X_USER.user_id,
    routes(app, oauth) {
      // "Sign in with X" shows the same consent page (the real one skips it once approved).
      app.get('/oauth/authenticate', (c) => c.redirect(`authorize?${new URL(c.req.url).searchParams}`, 302));
      app.get('/1.1/account/verify_credentials.json', async (c) => {
        const caller = await oauth.authenticate(c);
        if (caller instanceof Response) return caller;
        if (!grants(X_LADDER, caller.token, 'read')) return lacking(c, 'read');
        return c.json({ id_str: X_USER.user_id, screen_name: X_USER.screen_name, ...echo(caller) });
      });
      app.post('/1.1/statuses/update.json', async (c) => {
        const caller = await oauth.authenticate(c);
        if (caller instanceof Response) return caller;
        if (!grants(X_LADDER, caller.token, 'write')) return lacking(c, 'write');
        const status = caller.params.find(([k]) => k === 'status')?.[1];
        return c.json({ text: status, ...echo(caller) });
      });
      app.post('/2/tweets', async (c) => {
        const caller = await oauth.authenticate(c);
        if (caller instanceof Response) return caller;
        if (!grants(X_LADDER, caller.token, 'write')) return lacking(c, 'write');
        const body = (await c.req.json()) as { text?: string };
        return c.json({ data: { text: body.text }, ...echo(caller) }, 201);
      });
    },
  });
}

export const FLICKR_CONSUMER = { consumerKey: 'fl-test-key-83c2', consumerSecret: 'fl-test-secret-1b7e' };
export const FLICKR_USER = { fullname: 'Tess Tester', user_nsid: '12345678@N00', username: 'tesstester' };
const FLICKR_LADDER = ['read', 'write', 'delete'] as const;
export const FLICKR_WRITE_TOKEN: OAuth1AccessToken = {
  token: '72157600000000000-fl-write',
  tokenSecret: 'fl-token-secret-write',
  consumerKey: FLICKR_CONSUMER.consumerKey,
  rights: ['write'],
  userId: FLICKR_USER.user_nsid,
};
/** The methods the emulated REST endpoint knows, with the permission each needs. */
const FLICKR_METHODS: Record<string, (typeof FLICKR_LADDER)[number]> = {
  'flickr.test.login': 'read',
  'flickr.photos.setMeta': 'write',
  'flickr.photos.delete': 'delete',
};

/** Flickr: OAuth under www.flickr.com/services/oauth/ with `perms` on the authorize page, REST at api.flickr.com/services/rest. */
export function flickrEmulator(options: { now?: () => number } = {}): OAuth1ProviderEmulator {
  return oauth1ProviderEmulator({
    ...options,
    name: 'flickr',
    origins: ['https://www.flickr.com', 'https://api.flickr.com'],
    pathPrefix: '/services/oauth',
    consumers: [FLICKR_CONSUMER],
    tokens: [FLICKR_WRITE_TOKEN],
    signatureMethods: ['HMAC-SHA1'],
    rights: FLICKR_LADDER,
    rightsParam: { name: 'perms', at: 'authorize' },
    grantParams: FLICKR_USER,
    userId: FLICKR_USER.user_nsid,
    routes(app, oauth) {
      app.on(['GET', 'POST'], '/services/rest', async (c) => {
        const caller = await oauth.authenticate(c);
        if (caller instanceof Response) return caller;
        const method = caller.params.find(([k]) => k === 'method')?.[1] ?? '';
        const needed = FLICKR_METHODS[method];
        // Flickr answers API errors with HTTP 200 and stat=fail.
        if (!needed) return c.json({ stat: 'fail', code: 112, message: `Method "${method}" not found` });
        if (!grants(FLICKR_LADDER, caller.token, needed)) {
          return c.json({
            stat: 'fail',
            code: 99,
            message: `Insufficient permissions. Method requires ${needed} privileges.`,
          });
        }
        return c.json({
          stat: 'ok',
          user: { id: caller.token!.userId, username: { _content: FLICKR_USER.username } },
          ...echo(caller),
        });
      });
    },
  });
}

export const NETSUITE_ACCOUNT = '1234567-sb1';
export const NETSUITE_CREDENTIALS = {
  consumerKey: 'ns-test-consumer-key-2e8a',
  consumerSecret: 'ns-test-consumer-secret-91f0',
  token: 'ns-test-token-id-7b33',
  tokenSecret: 'ns-test-token-secret-c4d2',
};

/** NetSuite account 1234567-sb1: TBA with HMAC-SHA256 and realm 1234567_SB1, REST records, SuiteQL and a RESTlet. */
export function netsuiteEmulator(options: { now?: () => number } = {}): OAuth1ProviderEmulator {
  return oauth1ProviderEmulator({
    ...options,
    name: 'netsuite',
    origins: [
      'https://1234567-sb1.suitetalk.api.netsuite.com',
      'https://1234567-sb1.restlets.api.netsuite.com',
    ],
    consumers: [NETSUITE_CREDENTIALS],
    tokens: [
      {
        token: NETSUITE_CREDENTIALS.token,
        tokenSecret: NETSUITE_CREDENTIALS.tokenSecret,
        consumerKey: NETSUITE_CREDENTIALS.consumerKey,
        rights: [],
        userId: '-5',
      },
    ],
    signatureMethods: ['HMAC-SHA256'],
    realm: '1234567_SB1',
    routes(app, oauth) {
      app.get('/services/rest/record/v1/customer/:id', async (c) => {
        const caller = await oauth.authenticate(c);
        if (caller instanceof Response) return caller;
        return c.json({ id: c.req.param('id'), companyName: 'Wolfe Electronics', ...echo(caller) });
      });
      app.post('/services/rest/query/v1/suiteql', async (c) => {
        const caller = await oauth.authenticate(c);
        if (caller instanceof Response) return caller;
        const { q } = (await c.req.json()) as { q?: string };
        return c.json({ q, items: [{ id: '107' }], ...echo(caller) });
      });
      app.on(['GET', 'POST'], '/app/site/hosting/restlet.nl', async (c) => {
        const caller = await oauth.authenticate(c);
        if (caller instanceof Response) return caller;
        return c.json({ restlet: true, ...echo(caller) });
      });
    },
  });
}
