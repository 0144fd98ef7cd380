import {
  AuthplugError,
  appendQuery,
  type Clock,
  createClock,
  InvalidOptionError,
  type Param,
} from '@authplug/core';
import { type CredentialStore, credentialKey, credentialSource } from '@authplug/credentials';
import { type Caller, callComponent, type FetchLike } from './call.ts';
import { LEVELS, PKG, type SafeCreativeLevel, SHARED_KEY_SIGNED_COMPONENTS } from './constants.ts';
import { AuthorizationPendingError, UnreadableResponseError } from './errors.ts';
import { field } from './response.ts';
import { SIGNATURE_PARAM, safecreativeSignature } from './signature.ts';
import { sleep } from './sleep.ts';
import { resolveServer, type SafeCreativeCredentials } from './strategy.ts';

/**
 * Options of {@link safecreativeAuthFlow}.
 *
 * @example
 * ```ts
 * const options: SafeCreativeAuthFlowOptions = { store, profile: 'default', level: 'ADD', server: 'arena' };
 * ```
 */
export interface SafeCreativeAuthFlowOptions {
  /** Holds the application's `sharedKey` and `privateKey` under `safecreative/<profile>`; receives the authkey. */
  store: CredentialStore;
  /** Default `default`. */
  profile?: string;
  /** The level to ask the user for: GET (read), ADD (register works), MANAGE (change them). */
  level: SafeCreativeLevel;
  /** As in `safecreative()`: `'api'` (default), `'arena'` or the API URL. */
  server?: 'api' | 'arena' | (string & {});
  /** Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Default `Date.now`. */
  clock?: Clock;
  /**
   * Components signed with the shared key's private key; the flow signs authkey.create and
   * authkey.state with it unless told otherwise. Default `authkey.create`, `authkey.state`.
   */
  sharedKeySigned?: readonly string[];
}

/**
 * What `start()` returns: the page to send the user to, and the new authkey (public).
 *
 * @example
 * ```ts
 * const { url }: SafeCreativeAuthStart = await flow.start();
 * ```
 */
export interface SafeCreativeAuthStart {
  /** The signed authkey.edit page for the requested level. */
  readonly url: string;
  readonly authKey: string;
}

/**
 * What `complete()` returns once the user approved.
 *
 * @example
 * ```ts
 * const { level, usercode }: SafeCreativeAuthResult = await flow.complete();
 * ```
 */
export interface SafeCreativeAuthResult {
  readonly authKey: string;
  readonly level: SafeCreativeLevel | string;
  readonly usercode: string | undefined;
}

/**
 * The Safe Creative authorization flow: authkey.create → authkey.edit page → authkey.state.
 *
 * @example
 * ```ts
 * const flow: SafeCreativeAuthFlow = safecreativeAuthFlow({ store, level: 'GET' });
 * ```
 */
export interface SafeCreativeAuthFlow {
  /** Creates an authkey, saves it with its private key, and returns the signed authkey.edit URL. */
  start(): Promise<SafeCreativeAuthStart>;
  /** Checks authkey.state once; saves level and usercode when authorized, else rejects with AuthorizationPendingError. */
  complete(options?: { signal?: AbortSignal }): Promise<SafeCreativeAuthResult>;
  /** Polls `complete()` every `intervalMs` (default 2000) until authorized or `signal` aborts. */
  waitForAuthorization(options?: {
    signal?: AbortSignal;
    intervalMs?: number;
  }): Promise<SafeCreativeAuthResult>;
}

/**
 * The authkey flow. The application's keys come from the store; the new authkey and its private
 * key are saved there on `start()`, the granted level and the user code on `complete()`. A
 * `safecreative({ store, profile })` strategy reads them on its next request.
 *
 * The authkey.edit URL is signed with the authkey's own private key, as the provider's Java
 * client does (its `getManageAuthkeyUrl`).
 *
 * @example
 * ```ts
 * const flow = safecreativeAuthFlow({ store, profile: 'default', level: 'ADD', server: 'arena' });
 * const { url } = await flow.start();          // show it to the user
 * const { usercode } = await flow.waitForAuthorization({ signal: AbortSignal.timeout(300_000) });
 * ```
 */
export function safecreativeAuthFlow(options: SafeCreativeAuthFlowOptions): SafeCreativeAuthFlow {
  const { store, level } = options;
  if (!LEVELS.includes(level))
    throw new InvalidOptionError(PKG, 'level', "must be 'GET', 'ADD' or 'MANAGE'.");
  const key = credentialKey('safecreative', options.profile);
  const endpoint = resolveServer(options.server);
  const caller: Caller = {
    endpoint,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock: createClock(options.clock),
  };
  const sharedKeySigned = new Set(options.sharedKeySigned ?? SHARED_KEY_SIGNED_COMPONENTS);
  // Read on every call: start() saves the new authkey there, complete() reads it back.
  const read = credentialSource<SafeCreativeCredentials>(
    PKG,
    'safecreative',
    { store, profile: options.profile },
    { required: ['sharedKey', 'privateKey'] },
  );

  const keyFor = (component: string, creds: SafeCreativeCredentials): string =>
    sharedKeySigned.has(component) ? creds.privateKey : (creds.authPrivateKey ?? creds.privateKey);

  async function complete({ signal }: { signal?: AbortSignal } = {}): Promise<SafeCreativeAuthResult> {
    const creds = await read();
    const authKey = creds.authKey;
    if (!authKey) {
      throw new AuthplugError(
        'AUTHPLUG_SAFECREATIVE_NOT_STARTED',
        `${PKG}: there is no authkey under "${key}" yet. Call start() first.`,
      );
    }
    const state = await callComponent(
      caller,
      'authkey.state',
      [
        ['sharedkey', creds.sharedKey],
        ['authkey', authKey],
      ],
      keyFor('authkey.state', creds),
      signal,
    );
    if (field(state, 'authorized') !== 'true') throw new AuthorizationPendingError();
    const granted = field(state, 'level') ?? level;
    const usercode = field(state, 'usercode');
    await store.update<SafeCreativeCredentials>(key, (current) => {
      if (!current || current.authKey !== authKey) return current; // a newer start() replaced it
      const next: SafeCreativeCredentials = { ...current, level: granted };
      if (usercode !== undefined) next.usercode = usercode;
      return next;
    });
    return { authKey, level: granted, usercode };
  }

  return {
    async start() {
      const creds = await read();
      const created = await callComponent(
        caller,
        'authkey.create',
        [['sharedkey', creds.sharedKey]],
        keyFor('authkey.create', creds),
      );
      const authKey = field(created, 'authkey');
      const authPrivateKey = field(created, 'privatekey');
      if (!authKey || !authPrivateKey) throw new UnreadableResponseError('authkey.create');
      await store.update<SafeCreativeCredentials>(key, (current) => {
        const { level: _level, usercode: _usercode, ...rest } = current ?? creds;
        return { ...rest, authKey, authPrivateKey };
      });
      const params: Param[] = [
        ['authkey', authKey],
        ['level', level],
        ['sharedkey', creds.sharedKey],
        ['ztime', String(caller.clock.now())],
      ];
      params.push([SIGNATURE_PARAM, await safecreativeSignature(authPrivateKey, params)]);
      return { url: appendQuery(new URL('../api-ui/authkey.edit', endpoint).href, params), authKey };
    },
    complete,
    async waitForAuthorization({ signal, intervalMs = 2000 } = {}) {
      for (;;) {
        signal?.throwIfAborted();
        try {
          return await complete({ signal });
        } catch (error) {
          if (!(error instanceof AuthorizationPendingError)) throw error;
        }
        await sleep(intervalMs, signal);
      }
    },
  };
}
