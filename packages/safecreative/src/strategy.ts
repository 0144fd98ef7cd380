import {
  AuthplugError,
  type AuthRequest,
  type AuthResponse,
  type AuthStrategy,
  addParams,
  baseOf,
  type Clock,
  collectParams,
  createClock,
  type Digests,
  explainable,
  hasParam,
  InvalidOptionError,
  mask,
  type Param,
  RETRY,
  type SignContext,
  type SkewedClock,
  serializeParams,
  sortParams,
} from '@authplug/core';
import { credentialSource, isStoreOptions, type StoreOptions } from '@authplug/credentials';
import { type Caller, callComponent, type FetchLike, learnOffset } from './call.ts';
import { NONCE_COMPONENTS, PKG, SAFECREATIVE_SERVERS, SHARED_KEY_SIGNED_COMPONENTS } from './constants.ts';
import { InvalidNonceError, TimeOutOfRangeError, toSafeCreativeError } from './errors.ts';
import { acquireLocal, type NonceLock, type ReleaseNonceLock, storeNonceLock } from './lock.ts';
import { errorOf, field, mayBeError, parseSafeCreative } from './response.ts';
import { SIGNATURE_PARAM, safecreativeSignature, signatureBase } from './signature.ts';

/** Stands for the one-time nonce key in an explanation, which never draws one. */
export const NONCE_PLACEHOLDER = '‹noncekey›';

/**
 * What the strategy needs, literal or under `safecreative/<profile>` in a store.
 *
 * @example
 * ```ts
 * await store.set('safecreative/default', { sharedKey, privateKey } satisfies SafeCreativeCredentials);
 * ```
 */
export interface SafeCreativeCredentials {
  [key: string]: unknown;
  /** The application's shared key (public). */
  sharedKey: string;
  /** The shared key's private key: signs authkey.create, authkey.state and calls without an authkey. */
  privateKey: string;
  /** An authorized authkey (from {@link safecreativeAuthFlow}). */
  authKey?: string;
  /** The authkey's private key: signs every call made on the user's behalf. */
  authPrivateKey?: string;
  /** Saved by the flow: the level the user granted. */
  level?: string;
  /** Saved by the flow: the user's code. */
  usercode?: string;
}

/**
 * Options shared by the literal and the store form.
 *
 * @example
 * ```ts
 * const common: SafeCreativeCommonOptions = { server: 'arena', nonceHoldMs: 60_000 };
 * ```
 */
export interface SafeCreativeCommonOptions {
  /** `'api'` (default, `https://api.safecreative.org/v2/`), `'arena'` (test server) or the API URL. */
  server?: 'api' | 'arena' | (string & {});
  /** Components signed with the shared key's private key. Default `authkey.create`, `authkey.state`. */
  sharedKeySigned?: readonly string[];
  /** Components that need a fresh `noncekey`. Default `work.register`, `work.delete`. */
  nonceComponents?: readonly string[];
  /** Milliseconds since the epoch; default `Date.now`. The learnt server offset is added to it. */
  clock?: Clock;
  /** Digest implementation (default: core's node:crypto / WebCrypto pick). */
  digests?: Digests;
  /** Used for the strategy's own authkey.state and ztime calls; default `globalThis.fetch`. */
  fetch?: FetchLike;
  /**
   * Serializes nonce-consuming calls across processes. Default: a lease in the credential store
   * (store form) via its atomic `update`; none in the literal form (in-process only).
   */
  nonceLock?: NonceLock | false;
  /** The longest a nonce-consuming call holds its authkey before the hold lapses. Default 30 000 ms. */
  nonceHoldMs?: number;
}

/**
 * `safecreative(...)` options: literal credentials or `{ store, profile }`, plus common options.
 *
 * @example
 * ```ts
 * const options: SafeCreativeOptions = { store: fileStore(), profile: 'work', server: 'arena' };
 * ```
 */
export type SafeCreativeOptions =
  | (SafeCreativeCommonOptions & {
      sharedKey: string;
      privateKey: string;
      authKey?: string;
      authPrivateKey?: string;
    })
  | (SafeCreativeCommonOptions & StoreOptions);

/**
 * The strategy, plus the API endpoint to point clients at and the clock it signs with.
 *
 * @example
 * ```ts
 * const auth: SafeCreativeStrategy = safecreative({ store });
 * const api = withAuth(ky.create({ baseUrl: auth.endpoint }), auth);
 * ```
 */
export interface SafeCreativeStrategy extends AuthStrategy {
  /** The API URL (ends in `/`): use it as the client's base URL. */
  readonly endpoint: string;
  /** The clock, with any offset learnt from the server. */
  readonly clock: SkewedClock;
}

/**
 * Resolves the `server` option to the API URL (always ending in `/`).
 *
 * @example
 * ```ts
 * resolveServer('arena');                    // 'https://arena.safecreative.org/v2/'
 * resolveServer('http://127.0.0.1:4010/v2'); // 'http://127.0.0.1:4010/v2/'
 * ```
 */
export function resolveServer(server: string | undefined): string {
  if (server === undefined || server === 'api') return SAFECREATIVE_SERVERS.api;
  if (server === 'arena') return SAFECREATIVE_SERVERS.arena;
  if (!URL.canParse(server)) {
    throw new InvalidOptionError(
      PKG,
      'server',
      "must be 'api', 'arena' or an absolute URL such as https://…/v2/.",
    );
  }
  return server.endsWith('/') ? server : `${server}/`;
}

// Parameters the strategy adds; they are left out of a request's fingerprint.
const ADDED = new Set(['sharedkey', 'authkey', 'ztime', 'noncekey', SIGNATURE_PARAM]);

function componentOf(params: readonly Param[]): string | undefined {
  let component: string | undefined;
  for (const [name, value] of params) if (name === 'component') component = value;
  return component;
}

/** Same request, ignoring what signing adds: pairs a response (and a retry) with its nonce hold. */
function fingerprint(request: AuthRequest, params: readonly Param[]): string {
  return `${request.method.toUpperCase()} ${baseOf(request.url)}?${serializeParams(
    sortParams(params.filter(([name]) => !ADDED.has(name))),
  )}`;
}

interface Hold {
  readonly fingerprint: string;
  readonly authKey: string;
  readonly nonce: string;
  readonly release: ReleaseNonceLock;
}

// Nonces sent and not yet answered, per authkey, across every strategy in the process: a nonce
// that authkey.state hands out while a call carrying it is still in flight is never sent again.
const inFlight = new Map<string, Set<string>>();

/**
 * Safe Creative signing: adds `sharedkey`, `ztime` (ms), `authkey` when one is held, a fresh
 * `noncekey` for nonce components, and `signature` = sha1(privatekey & sorted raw pairs). The
 * private key depends on the component (`sharedKeySigned`). Responses are checked for provider
 * errors (typed); a used nonce or a ztime out of range is corrected and the call retried once.
 *
 * @example
 * ```ts
 * const auth = safecreative({ store: fileStore(), profile: 'default', server: 'arena' });
 * const api = withAuth(axios.create({ baseURL: auth.endpoint }), auth);
 * await api.post('', new URLSearchParams({ component: 'work.register', title: 'My song' }));
 * ```
 */
export function safecreative(options: SafeCreativeOptions): SafeCreativeStrategy {
  const endpoint = resolveServer(options.server);
  const sharedKeySigned = new Set(options.sharedKeySigned ?? SHARED_KEY_SIGNED_COMPONENTS);
  const nonceComponents = new Set(options.nonceComponents ?? NONCE_COMPONENTS);
  const clock = createClock(options.clock);
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const caller: Caller = { endpoint, fetch: fetchFn, clock };
  const holdMs = options.nonceHoldMs ?? 30_000;
  const credentials = credentialSource<SafeCreativeCredentials>(PKG, 'safecreative', options, {
    required: ['sharedKey', 'privateKey'],
    optional: ['authKey', 'authPrivateKey'],
  });
  if (!isStoreOptions(options) && options.authKey !== undefined && options.authPrivateKey === undefined) {
    throw new InvalidOptionError(
      PKG,
      'authPrivateKey',
      'is required with `authKey` (it signs the calls made with it).',
    );
  }
  const sharedLock: NonceLock | undefined =
    options.nonceLock === false
      ? undefined
      : (options.nonceLock ??
        (isStoreOptions(options) && options.store.writable ? storeNonceLock(options.store) : undefined));
  const holds = new Set<Hold>();

  async function hold(authKey: string): Promise<ReleaseNonceLock> {
    const local = await acquireLocal(authKey, holdMs);
    if (!sharedLock) return local;
    try {
      const shared = await sharedLock.acquire(authKey, { holdMs });
      return async () => {
        try {
          await shared();
        } finally {
          await local();
        }
      };
    } catch (error) {
      await local();
      throw error;
    }
  }

  function releaseMatching(print: string): Promise<void> | undefined {
    for (const h of holds) {
      if (h.fingerprint !== print) continue;
      holds.delete(h);
      inFlight.get(h.authKey)?.delete(h.nonce);
      return h.release();
    }
    return undefined;
  }

  async function freshNonce(creds: SafeCreativeCredentials, authKey: string): Promise<string> {
    const sent = inFlight.get(authKey);
    const deadline = Date.now() + holdMs;
    for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
      const state = await callComponent(
        caller,
        'authkey.state',
        [
          ['sharedkey', creds.sharedKey],
          ['authkey', authKey],
        ],
        sharedKeySigned.has('authkey.state') ? creds.privateKey : (creds.authPrivateKey as string),
      );
      const nonce = field(state, 'noncekey');
      if (!nonce) {
        const authorized = field(state, 'authorized') === 'true';
        throw toSafeCreativeError({
          errorId: authorized ? 'InvalidNonce' : 'NotAuthorized',
          errorMessage: authorized
            ? 'authkey.state returned no noncekey'
            : 'authkey.state: the authkey is not authorized',
        });
      }
      if (!sent?.has(nonce)) return nonce;
      if (Date.now() > deadline) {
        throw new InvalidNonceError({
          errorId: 'NonceInFlight',
          errorMessage: 'the provider kept returning a nonce key already sent on an unanswered call',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  return {
    endpoint,
    clock,
    ...explainable('safecreative', async (request, context, trace) => {
      const params = collectParams(request);
      const has = (name: string) => hasParam(params, name);
      const component = componentOf(params);
      const creds = await credentials();
      const held = component !== 'authkey.create' && creds.authKey ? creds.authKey : undefined;
      const sentAuthKey = params.find((p) => p[0] === 'authkey')?.[1];
      const authKey = sentAuthKey ?? held;
      if (authKey && authKey === creds.authKey && !creds.authPrivateKey) {
        throw new AuthplugError(
          'AUTHPLUG_INVALID_CREDENTIALS',
          `${PKG}: the credentials hold an \`authKey\` without its \`authPrivateKey\`. Run the authorization flow again.`,
        );
      }
      const added = addParams(request, { params });
      added.add('sharedkey', creds.sharedKey);
      added.add('authkey', held);

      const needsNonce = component !== undefined && nonceComponents.has(component) && !has('noncekey');
      if (needsNonce && !authKey) {
        throw new AuthplugError(
          'AUTHPLUG_SAFECREATIVE_NO_AUTHKEY',
          `${PKG}: \`${component}\` needs an authorized authkey. Run safecreativeAuthFlow first (or pass authKey).`,
        );
      }
      // Explaining must not spend a one-time nonce key nor wait for the authkey's lease: the
      // explanation shows a placeholder where the nonce goes (and signs over it).
      if (needsNonce && trace) added.add('noncekey', NONCE_PLACEHOLDER);
      else if (needsNonce && authKey) {
        const print = fingerprint(request, params);
        // A retry of a call that still holds the authkey (no answer reached inspect): let go first.
        if (context.attempt > 0) await releaseMatching(print);
        const release = await hold(authKey);
        try {
          const nonce = await freshNonce(creds, authKey);
          const sent = inFlight.get(authKey) ?? new Set<string>();
          inFlight.set(authKey, sent);
          sent.add(nonce);
          const h: Hold = { fingerprint: print, authKey, nonce, release };
          holds.add(h);
          // No answer ever came: the lock lapses after holdMs, but the nonce stays "in flight"
          // (never sent again) for longer, in case the call is merely slow.
          setTimeout(() => holds.delete(h), holdMs).unref?.();
          setTimeout(() => sent.delete(nonce), 5 * holdMs).unref?.();
          added.add('noncekey', nonce);
        } catch (error) {
          await release();
          throw error;
        }
      }

      if (!has('ztime')) added.add('ztime', String(clock.now()));
      const usesAppKey = (component !== undefined && sharedKeySigned.has(component)) || !authKey;
      const privateKey = usesAppKey ? creds.privateKey : (creds.authPrivateKey as string);
      const signed = added.all();
      const signature = await safecreativeSignature(privateKey, signed, options.digests);
      added.add(SIGNATURE_PARAM, signature);
      const { placement } = added;
      trace?.({
        algorithm: 'SHA-1',
        params: sortParams(signed),
        base: mask(
          signatureBase(privateKey, signed),
          privateKey,
          usesAppKey ? 'privateKey' : 'authPrivateKey',
        ),
        key: usesAppKey ? 'privateKey' : 'authPrivateKey',
        signature,
        placement: `${placement} ${SIGNATURE_PARAM}`,
      });
      return added.signature();
    }),

    async inspect(response: AuthResponse, request: AuthRequest, context: SignContext) {
      // Only a call to a nonce component holds its authkey: with no hold at all, there is nothing
      // to release and the request need not be parsed again (most answers).
      let params: Param[] = [];
      try {
        if (holds.size > 0) params = collectParams(request);
      } catch {
        // A stream body: nothing to pair with a hold.
      }
      const component = componentOf(params);
      const release =
        component !== undefined && nonceComponents.has(component)
          ? () => releaseMatching(fingerprint(request, params))
          : undefined;
      try {
        const text = await response.text();
        const error = mayBeError(text) ? errorOf(parseSafeCreative(text)) : undefined;
        if (!error) return undefined;
        const typed = toSafeCreativeError({ ...error, status: response.status });
        if (context.attempt === 0) {
          if (typed instanceof InvalidNonceError) return RETRY;
          if (typed instanceof TimeOutOfRangeError) {
            await release?.();
            if (await learnOffset(caller, response.headers.get('date'))) return RETRY;
          }
        }
        throw typed;
      } finally {
        await release?.();
      }
    },
  };
}
