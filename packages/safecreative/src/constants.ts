/** The package name every message starts with. */
export const PKG = '@authplug/safecreative';

/** Named servers for the `server` option. */
export const SAFECREATIVE_SERVERS: Readonly<Record<'api' | 'arena', string>> = {
  api: 'https://api.safecreative.org/v2/',
  arena: 'https://arena.safecreative.org/v2/',
};

/**
 * Components signed with the application's (shared key's) private key even when they carry an
 * authkey: the authkey-management components (PROVIDERS.md section 4).
 */
export const SHARED_KEY_SIGNED_COMPONENTS: readonly string[] = ['authkey.create', 'authkey.state'];

/**
 * Components that need the current `noncekey`: those that create, change or delete a work
 * registration. `work.register` both creates and (with `code`) updates a registration.
 */
export const NONCE_COMPONENTS: readonly string[] = ['work.register', 'work.delete'];

/** Authorization levels, weakest first. */
export type SafeCreativeLevel = 'GET' | 'ADD' | 'MANAGE';
export const LEVELS: readonly SafeCreativeLevel[] = ['GET', 'ADD', 'MANAGE'];
