import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { type Emulator, type EmulatorMountOptions, normalizeBasePath } from '../emulator.ts';
import { message } from '../html.ts';
import { requestParams, safeEqual } from '../params.ts';
import {
  IPERNITY_TEST_APP,
  IPERNITY_TEST_USER,
  IPERNITY_UNSIGNED_APP,
  type IpernityTestApp,
} from './keys.ts';
import { AREAS, covers, ERRORS, isLevel, METHODS } from './methods.ts';
import { authorizePage } from './page.ts';
import { render } from './render.ts';
import { expectedSig, type Pairs, param } from './verify.ts';

type Grant = Record<(typeof AREAS)[number], string>;
interface Frob {
  apiKey: string;
  state: 'pending' | 'approved' | 'denied';
  grant?: Grant;
  token?: string;
}
interface Token {
  apiKey: string;
  grant: Grant;
  revoked: boolean;
}
interface Doc {
  id: string;
  title: string;
  tags: string[];
}

/**
 * The ipernity emulator, with test controls.
 *
 * @example
 * ```ts
 * const emulator: IpernityEmulator = ipernityEmulator();
 * emulator.revoke(token); // later calls with it answer code 103
 * ```
 */
export interface IpernityEmulator extends Emulator {
  /** Revokes a token, as the member would from their account settings. True when it existed. */
  revoke(token: string): boolean;
  /** The emulator's view of a token (undefined when unknown). */
  token(token: string): { apiKey: string; permissions: Record<string, string>; revoked: boolean } | undefined;
  /** The documents' current state, e.g. to check doc.tags.add worked. */
  doc(id: string): { id: string; title: string; tags: string[] } | undefined;
}

/**
 * Options of {@link ipernityEmulator}.
 *
 * @example
 * ```ts
 * ipernityEmulator({ apps: [{ ...IPERNITY_TEST_APP, alwaysSign: false }] });
 * ```
 */
export interface IpernityEmulatorOptions extends EmulatorMountOptions {
  /** Registered applications; default {@link IPERNITY_TEST_APP} and {@link IPERNITY_UNSIGNED_APP}. */
  apps?: readonly IpernityTestApp[];
}

const id = (bytes = 8): string => randomBytes(bytes).toString('hex');

/**
 * An ipernity emulator that checks what the provider checks: the api_key, the `api_sig`
 * (recomputed independently with node:crypto), "always sign" keys, tokens, permissions and POST-only
 * methods. Answers json or xml (`/api/<method>/<format>`), errors with HTTP 200.
 *
 * Routes: `/api/{auth.getFrob, auth.getToken, auth.checkToken, test.hello, test.echo, doc.get,
 * doc.tags.add, doc.delete}/{json,xml}`, `GET /apps/authorize` (the authorization page with
 * Approve and Deny forms), `POST /apps/authorize` (the forms' target), and
 * `POST /emulator/revoke` (form field `token`) to revoke a token. With `basePath: '/ipernity'`
 * every route moves under it (`/ipernity/api/…`, `/ipernity/apps/authorize`).
 *
 * @example
 * ```ts
 * const emulator = ipernityEmulator();
 * const server = await serveFetch(emulator.fetch);   // `${server.url}/api/test.hello/json`
 * // or: setupServer(...mswHandlers(emulator))       // https://api.ipernity.com/api/…
 * ```
 */
export function ipernityEmulator(options: IpernityEmulatorOptions = {}): IpernityEmulator {
  const apps = new Map(
    (options.apps ?? [IPERNITY_TEST_APP, IPERNITY_UNSIGNED_APP]).map((a) => [a.apiKey, a]),
  );
  const frobs = new Map<string, Frob>();
  const tokens = new Map<string, Token>();
  const pendingLinks = new Map<string, { apiKey: string; frob?: string; grant: Grant }>();
  const docs = new Map<string, Doc>([['1234', { id: '1234', title: 'Tischdecke', tags: ['easy'] }]]);
  let frobCount = 0;

  const basePath = normalizeBasePath(options.basePath);
  const root = new Hono();
  const app = basePath ? root.basePath(basePath) : root;

  app.all('/api/:method/:format?', async (c) => {
    const method = c.req.param('method');
    const format = c.req.param('format') ?? 'json';
    if (format !== 'json' && format !== 'xml') return render('json', {}, ERRORS['format']);
    const fail = (name: string) => render(format, {}, ERRORS[name]);
    const pairs = await requestParams(c.req.raw);
    const info = METHODS[method];
    if (!info) return fail('method');
    const application = apps.get(param(pairs, 'api_key') ?? '');
    if (!application) return fail('apiKey');
    const sig = param(pairs, 'api_sig');
    const tokenValue = param(pairs, 'auth_token');
    if (sig !== undefined && !safeEqual(sig, expectedSig(pairs, method, application.secret)))
      return fail('sigInvalid');
    if (sig === undefined && (application.alwaysSign || info.sign || tokenValue !== undefined))
      return fail('sigMissing');
    if (info.post && c.req.method !== 'POST') return fail('post');
    let token: Token | undefined;
    if (tokenValue !== undefined) {
      token = tokens.get(tokenValue);
      if (!token || token.revoked || token.apiKey !== application.apiKey) return fail('tokenInvalid');
    } else if (info.token) {
      return fail('tokenMissing');
    }
    if (info.permission && !covers(token?.grant[info.permission.area], info.permission.level))
      return fail('permission');
    const ok = (data: Record<string, unknown>) => render(format, data);

    switch (method) {
      case 'test.hello':
        return ok({ hello: 'hello world!' });
      case 'test.echo':
        return ok({ echo: { method: c.req.method, param: pairs.map(([name, value]) => ({ name, value })) } });
      case 'auth.getFrob': {
        const frob = `${++frobCount}-${id(6)}`;
        frobs.set(frob, { apiKey: application.apiKey, state: 'pending' });
        return ok({ auth: { frob } });
      }
      case 'auth.getToken': {
        const frob = frobs.get(param(pairs, 'frob') ?? '');
        if (!frob || frob.apiKey !== application.apiKey) return fail('frobNotFound');
        if (frob.state === 'pending') return fail('frobPending');
        if (frob.state === 'denied') return fail('frobDenied');
        if (!frob.token) {
          frob.token = `${IPERNITY_TEST_USER.userId}-${id(8)}`;
          tokens.set(frob.token, { apiKey: application.apiKey, grant: frob.grant!, revoked: false });
        }
        return ok(authPayload(frob.token, frob.grant!));
      }
      case 'auth.checkToken':
        return ok(authPayload(tokenValue!, token!.grant));
      case 'doc.get':
      case 'doc.tags.add':
      case 'doc.delete': {
        const docId = param(pairs, 'doc_id');
        if (docId === undefined) return fail('missingParam');
        const doc = docs.get(docId);
        if (!doc) return fail('docNotFound');
        if (method === 'doc.delete') {
          docs.delete(docId);
          return ok({});
        }
        if (method === 'doc.tags.add') {
          const keywords = pairs.filter(([n]) => n === 'keywords').flatMap(([, v]) => v.split(','));
          for (const keyword of keywords.map((k) => k.trim()).filter(Boolean)) {
            if (!doc.tags.includes(keyword)) doc.tags.push(keyword);
          }
        }
        return ok({
          doc: { doc_id: doc.id, title: doc.title, tags: { tag: doc.tags.map((tag) => ({ tag })) } },
        });
      }
    }
    return fail('method');
  });

  app.get('/apps/authorize', (c) => {
    const pairs: Pairs = [...new URL(c.req.url).searchParams];
    const application = apps.get(param(pairs, 'api_key') ?? '');
    if (!application) return message('Unknown application', 'This link does not name a known api_key.', 400);
    const sig = param(pairs, 'api_sig');
    if (!sig || !safeEqual(sig, expectedSig(pairs, '', application.secret))) {
      return message('Invalid link', 'The authorization link has a missing or invalid api_sig.', 400);
    }
    const grant = Object.fromEntries(AREAS.map((area) => [area, 'none'])) as Grant;
    const asked: [string, string][] = [];
    for (const [name, value] of pairs) {
      if (!name.startsWith('perm_')) continue;
      const area = name.slice(5) as keyof Grant;
      if (!AREAS.includes(area) || !isLevel(value))
        return message('Invalid link', `Unknown permission ${name}.`, 400);
      grant[area] = value;
      asked.push([area, value]);
    }
    if (asked.length === 0) return message('Invalid link', 'The link asks for no permission.', 400);
    const frob = param(pairs, 'frob');
    if (frob !== undefined) {
      const known = frobs.get(frob);
      if (!known || known.apiKey !== application.apiKey || known.state !== 'pending') {
        return message('Invalid link', 'The frob is unknown or already used.', 400);
      }
    } else if (!application.callbackUrl) {
      return message(
        'Invalid link',
        'This application has no callback URL: desktop applications pass a frob.',
        400,
      );
    }
    const request = id();
    pendingLinks.set(request, { apiKey: application.apiKey, ...(frob ? { frob } : {}), grant });
    return authorizePage(application.name, IPERNITY_TEST_USER.username, asked, request);
  });

  app.post('/apps/authorize', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const link = pendingLinks.get(form.get('request') ?? '');
    if (!link)
      return message('Expired', 'This authorization request is unknown or was already answered.', 400);
    pendingLinks.delete(form.get('request')!);
    const approve = form.get('decision') === 'approve';
    const application = apps.get(link.apiKey)!;
    let frob = link.frob;
    if (frob === undefined) {
      frob = `${++frobCount}-${id(6)}`;
      frobs.set(frob, { apiKey: link.apiKey, state: 'pending' });
    }
    const record = frobs.get(frob)!;
    record.state = approve ? 'approved' : 'denied';
    if (approve) record.grant = link.grant;
    if (!link.frob && application.callbackUrl) {
      const back = new URL(application.callbackUrl);
      back.searchParams.set('frob', frob);
      return c.redirect(back.toString(), 302);
    }
    return approve
      ? message('Authorization complete', `${application.name} is authorized. Go back to the application.`)
      : message('Authorization denied', `You denied ${application.name} access.`);
  });

  app.post('/emulator/revoke', async (c) => {
    const token = new URLSearchParams(await c.req.text()).get('token') ?? '';
    return c.json({ revoked: revoke(token) });
  });

  function revoke(token: string): boolean {
    const record = tokens.get(token);
    if (!record) return false;
    record.revoked = true;
    return true;
  }

  return {
    name: 'ipernity',
    origins: ['https://api.ipernity.com', 'https://www.ipernity.com'],
    basePath,
    fetch: async (request: Request) => root.fetch(request),
    revoke,
    token(value) {
      const record = tokens.get(value);
      return record && { apiKey: record.apiKey, permissions: { ...record.grant }, revoked: record.revoked };
    },
    doc(docId) {
      const doc = docs.get(docId);
      return doc && { ...doc, tags: [...doc.tags] };
    },
  };
}

function authPayload(token: string, grant: Grant): Record<string, unknown> {
  return {
    auth: {
      token,
      permissions: { ...grant },
      user: {
        user_id: IPERNITY_TEST_USER.userId,
        username: IPERNITY_TEST_USER.username,
        realname: IPERNITY_TEST_USER.realname,
      },
    },
  };
}
