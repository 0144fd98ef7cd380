/** The package name every message starts with. */
export const PKG = '@authplug/safecreative';

/**
 * Named servers for the `server` option.
 *
 * @example
 * ```ts
 * SAFECREATIVE_SERVERS.arena; // 'https://arena.safecreative.org/v2/'
 * ```
 */
export const SAFECREATIVE_SERVERS: Readonly<Record<'api' | 'arena', string>> = {
  api: 'https://api.safecreative.org/v2/',
  arena: 'https://arena.safecreative.org/v2/',
};

/**
 * Components signed with the application's (shared key's) private key even when they carry an
 * authkey: the authkey-management components (PROVIDERS.md section 4).
 *
 * @example
 * ```ts
 * safecreative({ store, sharedKeySigned: [...SHARED_KEY_SIGNED_COMPONENTS, 'user.link'] });
 * ```
 */
export const SHARED_KEY_SIGNED_COMPONENTS: readonly string[] = ['authkey.create', 'authkey.state'];

/**
 * Components that need the current `noncekey`: those that create, change or delete a work
 * registration. `work.register` both creates and (with `code`) updates a registration.
 *
 * @example
 * ```ts
 * safecreative({ store, nonceComponents: [...NONCE_COMPONENTS, 'work.upload.commit'] });
 * ```
 */
export const NONCE_COMPONENTS: readonly string[] = ['work.register', 'work.delete'];

/**
 * An authorization level: GET (read), ADD (register works), MANAGE (change them).
 *
 * @example
 * ```ts
 * const level: SafeCreativeLevel = 'ADD';
 * ```
 */
export type SafeCreativeLevel = 'GET' | 'ADD' | 'MANAGE';

/**
 * Authorization levels, weakest first: a level covers those before it.
 *
 * @example
 * ```ts
 * LEVELS.indexOf('MANAGE') >= LEVELS.indexOf('ADD'); // true
 * ```
 */
export const LEVELS: readonly SafeCreativeLevel[] = ['GET', 'ADD', 'MANAGE'];
