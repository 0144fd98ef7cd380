import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { type Emulator, type EmulatorMountOptions, normalizeBasePath } from '../emulator.ts';
import { requestParams, safeEqual } from '../params.ts';
import { SAFECREATIVE_TEST_APP, SAFECREATIVE_TEST_USER, type SafeCreativeTestApp } from './keys.ts';
import { editPage, message, render, renderError } from './render.ts';

/**
 * The access levels an authkey can be granted, lowest first.
 *
 * @example
 * ```ts
 * const level: SafeCreativeLevel = 'ADD';
 * ```
 */
export type SafeCreativeLevel = 'GET' | 'ADD' | 'MANAGE';
const LEVELS: readonly SafeCreativeLevel[] = ['GET', 'ADD', 'MANAGE'];
const isLevel = (v: string | undefined): v is SafeCreativeLevel => LEVELS.includes(v as SafeCreativeLevel);
const covers = (granted: SafeCreativeLevel | undefined, needed: SafeCreativeLevel) =>
  granted !== undefined && LEVELS.indexOf(granted) >= LEVELS.indexOf(needed);

interface AuthKeyRecord {
  readonly sharedKey: string;
  readonly privateKey: string;
  authorized: boolean;
  level: SafeCreativeLevel | undefined;
  denied: boolean;
  nonce: string;
}

interface Work {
  readonly code: string;
  title: string;
  readonly authKey: string;
}

/**
 * An authkey the emulator starts with, already authorized at `level` (tests, the benchmark).
 *
 * @example
 * ```ts
 * const seed: SafeCreativeSeedAuthKey = { authKey: 'ak', privateKey: 'ak-private', level: 'ADD' };
 * ```
 */
export interface SafeCreativeSeedAuthKey {
  readonly authKey: string;
  readonly privateKey: string;
  readonly level: SafeCreativeLevel;
  /** Default: the first app's shared key. */
  readonly sharedKey?: string;
}

/**
 * Options of {@link safecreativeEmulator}.
 *
 * @example
 * ```ts
 * const options: SafeCreativeEmulatorOptions = { now: () => Date.now() + 3_600_000, ztimeWindowMs: 60_000 };
 * ```
 */
export interface SafeCreativeEmulatorOptions extends EmulatorMountOptions {
  /** Registered applications; default {@link SAFECREATIVE_TEST_APP}. */
  apps?: readonly SafeCreativeTestApp[];
  /** Pre-authorized authkeys. */
  authKeys?: readonly SafeCreativeSeedAuthKey[];
  /** The server's clock (ms); default `Date.now`. Skew it to test ztime correction. */
  now?: () => number;
  /** How far `ztime` may be from the server's clock, in ms. Default 600 000 (10 minutes). */
  ztimeWindowMs?: number;
}

/**
 * The Safe Creative emulator, with test controls.
 *
 * @example
 * ```ts
 * const emulator: SafeCreativeEmulator = safecreativeEmulator();
 * expect(new Set(emulator.nonces.consumed).size).toBe(emulator.nonces.consumed.length);
 * ```
 */
export interface SafeCreativeEmulator extends Emulator {
  /** Every nonce key accepted (consumed), in order, and every one rejected as wrong or used. */
  readonly nonces: { readonly consumed: readonly string[]; readonly rejected: readonly string[] };
  /** The emulator's view of an authkey (no private key), or undefined. */
  authKey(
    authKey: string,
  ): { authorized: boolean; level: SafeCreativeLevel | undefined; denied: boolean } | undefined;
  /** Revokes an authkey, as the user would from their account. True when it existed. */
  revoke(authKey: string): boolean;
  /** The registered works. */
  works(): { code: string; title: string }[];
}

/** Components signed with the shared key's private key (even when they carry an authkey). */
const APP_SIGNED = new Set(['authkey.create', 'authkey.state']);
/** Components that act on the user's account: an authorized authkey, signed with its private key. */
const USER_COMPONENTS: Record<string, { level: SafeCreativeLevel; nonce: boolean }> = {
  'work.register': { level: 'ADD', nonce: true },
  'work.delete': { level: 'MANAGE', nonce: true },
  'work.list': { level: 'GET', nonce: false },
};
const PUBLIC = new Set(['ztime', 'version', 'work.get']);

const token = (bytes: number): string => randomBytes(bytes).toString('hex');
const alnum = (length: number): string => {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (const byte of randomBytes(length)) out += chars[byte % chars.length];
  return out;
};

/**
 * The provider's signature, computed independently of @authplug/core: pairs in UTF-8 byte
 * order, raw values, `signature` left out, sha1 hex of `privateKey&k=v&…`.
 *
 * @example
 * ```ts
 * expectedSignature([['component', 'ztime']], 'pk'); // sha1('pk&component=ztime')
 * ```
 */
export function expectedSignature(pairs: readonly [string, string][], privateKey: string): string {
  const sorted = pairs
    .filter(([name]) => name !== 'signature')
    .map(([n, v]) => [Buffer.from(n), Buffer.from(v), `${n}=${v}`] as const)
    .sort((a, b) => Buffer.compare(a[0], b[0]) || Buffer.compare(a[1], b[1]))
    .map((p) => p[2]);
  return createHash('sha1')
    .update(`${privateKey}&${sorted.join('&')}`)
    .digest('hex');
}

/** Last value of a parameter. */
const param = (pairs: readonly [string, string][], name: string): string | undefined => {
  let value: string | undefined;
  for (const [n, v] of pairs) if (n === name) value = v;
  return value;
};

/**
 * A Safe Creative API v2 emulator that checks what the provider checks: the shared key, the
 * SHA-1 `signature` (recomputed with node:crypto, over query and form parameters, with the
 * shared key's private key for authkey.create/authkey.state and the authkey's for user
 * components), the `ztime` window, authkey authorization and level, and the one-time nonce key
 * (it rotates on every use; a used one is rejected). XML by default, JSON with `format=json`;
 * errors are `<error><errorId/><errorMessage/></error>` with HTTP 200.
 *
 * Routes: `/v2/?component=…` (GET or POST) for `ztime`, `version`, `authkey.create`,
 * `authkey.state`, `work.register`, `work.delete`, `work.list`, `work.get`;
 * `GET /api-ui/authkey.edit` (the page with Approve and Deny forms) and `POST /api-ui/authkey.edit`.
 * With `basePath: '/safecreative'` they move under it (`/safecreative/v2/`, …).
 *
 * @example
 * ```ts
 * const emulator = safecreativeEmulator();
 * const server = await serveFetch(emulator.fetch);  // API at `${server.url}/v2/`
 * // or: setupServer(...mswHandlers(emulator))      // https://api.safecreative.org/v2/
 * ```
 */
export function safecreativeEmulator(options: SafeCreativeEmulatorOptions = {}): SafeCreativeEmulator {
  const apps = new Map((options.apps ?? [SAFECREATIVE_TEST_APP]).map((a) => [a.sharedKey, a]));
  const firstApp = [...apps.values()][0]!;
  const now = options.now ?? Date.now;
  const window = options.ztimeWindowMs ?? 600_000;
  const authKeys = new Map<string, AuthKeyRecord>();
  for (const seed of options.authKeys ?? []) {
    authKeys.set(seed.authKey, {
      sharedKey: seed.sharedKey ?? firstApp.sharedKey,
      privateKey: seed.privateKey,
      authorized: true,
      level: seed.level,
      denied: false,
      nonce: token(12),
    });
  }
  const tickets = new Map<string, { authKey: string; level: SafeCreativeLevel }>();
  const works = new Map<string, Work>();
  const usedNonces = new Set<string>();
  const consumed: string[] = [];
  const rejected: string[] = [];
  let workCount = 0;

  const basePath = normalizeBasePath(options.basePath);
  const root = new Hono();
  const app = basePath ? root.basePath(basePath) : root;

  app.all('/v2/', async (c) => {
    const pairs = await requestParams(c.req.raw);
    const format = param(pairs, 'format') === 'json' ? 'json' : 'xml';
    const t = now();
    const ok = (root: string, value: unknown) => render(format, root, value, t);
    const fail = (id: string, text: string) => renderError(format, id, text, t);
    const component = param(pairs, 'component');
    if (!component) return fail('MissingParameter', 'The component parameter is required.');

    if (component === 'ztime') return ok('ztime', String(t));
    if (component === 'version') return ok('version', '2.0-authplug-emulator');
    if (component === 'work.get') {
      const work = works.get(param(pairs, 'code') ?? '');
      return work
        ? ok('work', { code: work.code, title: work.title })
        : fail('WorkNotFound', 'No such work.');
    }
    const user = USER_COMPONENTS[component];
    if (!user && !APP_SIGNED.has(component) && !PUBLIC.has(component)) {
      return fail('UnknownComponent', `Unknown component ${component}.`);
    }

    // Who signs: the application for authkey management, the authkey for user components.
    const authKeyValue = param(pairs, 'authkey');
    const record = authKeyValue === undefined ? undefined : authKeys.get(authKeyValue);
    let application: SafeCreativeTestApp | undefined;
    let privateKey: string;
    if (APP_SIGNED.has(component)) {
      application = apps.get(param(pairs, 'sharedkey') ?? '');
      if (!application) return fail('InvalidSharedKey', 'Unknown sharedkey.');
      privateKey = application.privateKey;
    } else {
      if (authKeyValue === undefined) return fail('MissingParameter', `${component} needs an authkey.`);
      if (!record) return fail('AuthkeyNotFound', 'Unknown authkey.');
      privateKey = record.privateKey;
    }
    const signature = param(pairs, 'signature');
    if (!signature || !safeEqual(signature, expectedSignature(pairs, privateKey))) {
      return fail('InvalidSignature', 'The signature does not match the parameters and the private key.');
    }
    const ztime = Number(param(pairs, 'ztime'));
    if (!Number.isSafeInteger(ztime) || Math.abs(ztime - t) > window) {
      return fail(
        'InvalidTime',
        'ztime is missing or too far from the server time; resynchronize with component=ztime.',
      );
    }

    if (component === 'authkey.create') {
      const authKey = alnum(25);
      const privateKey = alnum(25);
      authKeys.set(authKey, {
        sharedKey: application!.sharedKey,
        privateKey,
        authorized: false,
        level: undefined,
        denied: false,
        nonce: token(12),
      });
      return ok('authkeycreate', { authkey: authKey, privatekey: privateKey });
    }
    if (component === 'authkey.state') {
      if (authKeyValue === undefined) return fail('MissingParameter', 'authkey.state needs an authkey.');
      if (!record || record.sharedKey !== application!.sharedKey)
        return fail('AuthkeyNotFound', 'Unknown authkey.');
      return ok(
        'authkeystate',
        record.authorized
          ? {
              authkey: authKeyValue,
              authorized: 'true',
              level: record.level,
              usercode: SAFECREATIVE_TEST_USER.usercode,
              noncekey: record.nonce,
            }
          : { authkey: authKeyValue, authorized: 'false' },
      );
    }

    // A user component: authorized authkey, level, then the nonce.
    if (!record!.authorized) return fail('NotAuthorized', 'The authkey is not authorized by its user.');
    const needed: SafeCreativeLevel =
      component === 'work.register' && param(pairs, 'code') !== undefined ? 'MANAGE' : user!.level;
    if (!covers(record!.level, needed)) {
      return fail(
        'InsufficientLevel',
        `${component} needs level ${needed}; the authkey has ${record!.level}.`,
      );
    }
    if (user!.nonce) {
      const nonce = param(pairs, 'noncekey');
      if (nonce === undefined || !safeEqual(nonce, record!.nonce)) {
        if (nonce !== undefined) rejected.push(nonce);
        return nonce !== undefined && usedNonces.has(nonce)
          ? fail('NonceKeyUsed', 'The noncekey was already used; get the current one from authkey.state.')
          : fail('InvalidNonce', 'The noncekey is missing or is not the current one.');
      }
      usedNonces.add(nonce);
      consumed.push(nonce);
      record!.nonce = token(12);
    }
    switch (component) {
      case 'work.register': {
        const code = param(pairs, 'code');
        if (code !== undefined) {
          const work = works.get(code);
          if (!work || work.authKey !== authKeyValue) return fail('WorkNotFound', 'No such work.');
          work.title = param(pairs, 'title') ?? work.title;
          return ok('workregistry', { code });
        }
        const newCode = `2611${String(++workCount).padStart(9, '0')}`;
        works.set(newCode, {
          code: newCode,
          title: param(pairs, 'title') ?? 'Untitled',
          authKey: authKeyValue!,
        });
        return ok('workregistry', { code: newCode });
      }
      case 'work.delete': {
        const code = param(pairs, 'code') ?? '';
        const work = works.get(code);
        if (!work || work.authKey !== authKeyValue) return fail('WorkNotFound', 'No such work.');
        works.delete(code);
        return ok('restvalueresponse', { state: 'ready' });
      }
      default: {
        const mine = [...works.values()].filter((w) => w.authKey === authKeyValue);
        return ok('worklist', { works: { work: mine.map((w) => ({ code: w.code, title: w.title })) } });
      }
    }
  });

  app.get('/api-ui/authkey.edit', (c) => {
    const pairs: [string, string][] = [...new URL(c.req.url).searchParams];
    const application = apps.get(param(pairs, 'sharedkey') ?? '');
    const record = authKeys.get(param(pairs, 'authkey') ?? '');
    const level = param(pairs, 'level');
    if (!application || !record || record.sharedKey !== application.sharedKey) {
      return message('Invalid link', 'The link names an unknown sharedkey or authkey.', 400);
    }
    if (!isLevel(level)) return message('Invalid link', 'The level must be GET, ADD or MANAGE.', 400);
    const signature = param(pairs, 'signature');
    if (!signature || !safeEqual(signature, expectedSignature(pairs, record.privateKey))) {
      return message(
        'Invalid link',
        'The link signature does not match (it is signed with the authkey private key).',
        400,
      );
    }
    const ztime = Number(param(pairs, 'ztime'));
    if (!Number.isSafeInteger(ztime) || Math.abs(ztime - now()) > window) {
      return message('Expired link', 'The link ztime is too far from the server time.', 400);
    }
    if (record.authorized && covers(record.level, level)) return answered(application, true);
    const ticket = token(16);
    tickets.set(ticket, { authKey: param(pairs, 'authkey')!, level });
    return editPage(application.name, SAFECREATIVE_TEST_USER.name, level, ticket);
  });

  app.post('/api-ui/authkey.edit', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const ticket = tickets.get(form.get('ticket') ?? '');
    if (!ticket)
      return message('Expired', 'This authorization request is unknown or was already answered.', 400);
    tickets.delete(form.get('ticket')!);
    const record = authKeys.get(ticket.authKey)!;
    const approve = form.get('decision') === 'approve';
    if (approve) {
      record.authorized = true;
      record.level = ticket.level;
      record.denied = false;
    } else if (!record.authorized) {
      record.denied = true;
    }
    return answered(apps.get(record.sharedKey)!, approve);
  });

  function answered(application: SafeCreativeTestApp, approved: boolean): Response {
    if (application.bringback) return Response.redirect(application.bringback, 302);
    return approved
      ? message('Authorization complete', `${application.name} is authorized. Go back to the application.`)
      : message('Authorization denied', `You denied ${application.name} access.`);
  }

  return {
    name: 'safecreative',
    origins: ['https://api.safecreative.org', 'https://arena.safecreative.org'],
    basePath,
    fetch: async (request) => root.fetch(request),
    nonces: { consumed, rejected },
    authKey(authKey) {
      const r = authKeys.get(authKey);
      return r && { authorized: r.authorized, level: r.level, denied: r.denied };
    },
    revoke(authKey) {
      const r = authKeys.get(authKey);
      if (!r) return false;
      r.authorized = false;
      return true;
    },
    works: () => [...works.values()].map(({ code, title }) => ({ code, title })),
  };
}
